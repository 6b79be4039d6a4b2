using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AsnBot.BotApiEmulator;

/// <summary>HTTP side: URL parsing, token check, fault injection, call recording.</summary>
public sealed partial class BotApiEmulator
{
    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/file/bot", StringComparison.Ordinal))
        {
            await ServeFileAsync(context, path["/file/bot".Length..]).ConfigureAwait(false);
            return;
        }

        var slash = path.IndexOf('/', 1);
        if (!path.StartsWith("/bot", StringComparison.Ordinal) || slash < 0)
        {
            await WriteAsync(context, ApiResult.Fail(404, "Not Found")).ConfigureAwait(false);
            return;
        }

        var token = path[4..slash];
        var method = path[(slash + 1)..];
        ApiRequest request;
        try
        {
            request = await RequestReader.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return;
        }

        var received = DateTimeOffset.UtcNow;
        var chatId = EmulatorJson.GetLong(request.Body, "chat_id");
        ApiResult result;
        if (!string.Equals(token, Options.Token, StringComparison.Ordinal))
        {
            result = ApiResult.Fail(401, "Unauthorized");
            Record(method, request.Body, result, chatId, received);
        }
        else
        {
            var isPoll = string.Equals(method, "getUpdates", StringComparison.OrdinalIgnoreCase);
            TimeSpan? delay;
            bool drop;
            DrawnFault random;
            lock (_gate)
            {
                random = DrawRandomFaultLocked(method, chatId);
                delay = (isPoll ? null : _faults.TakeDelay()) ?? random.Delay;
                drop = (!isPoll && _faults.TakeDrop()) || random.Drop;
            }

            if (delay is TimeSpan d && !await DelayAsync(d, context.RequestAborted).ConfigureAwait(false))
            {
                return;
            }

            if (drop)
            {
                Record(method, request.Body, null, chatId, received);
                context.Abort();
                return;
            }

            if (isPoll)
            {
                result = random.ServerError is int pollStatus
                    ? ApiResult.Fail(pollStatus, ApiResult.DefaultDescription(pollStatus))
                    : await GetUpdatesAsync(request.Body, context.RequestAborted).ConfigureAwait(false);
                Record(method, request.Body, result, chatId, received);
            }
            else
            {
                lock (_gate)
                {
                    result = _faults.TakeFailure(chatId) is (int status, string description)
                        ? ApiResult.Fail(status, description, status == 429 ? Options.RetryAfterSeconds : null)
                        : RandomFailureLocked(random, method) ?? Dispatch(method, request, chatId);
                    Record(method, request.Body, result, chatId, received);
                }
            }
        }

        if (!context.RequestAborted.IsCancellationRequested)
        {
            await WriteAsync(context, result).ConfigureAwait(false);
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        try
        {
            await Task.Delay(delay, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Records a call; a null result means the connection was dropped (status 0).</summary>
    private void Record(string method, JsonObject body, ApiResult? result, long? chatId, DateTimeOffset received)
    {
        lock (_gate)
        {
            var status = result?.Status ?? 0;
            if (string.Equals(method, "getUpdates", StringComparison.OrdinalIgnoreCase) && received > _lastPollReceived)
            {
                _lastPollReceived = received;
            }

            if (status == 429)
            {
                _tooManyRequests++;
            }

            var description = result is { IsOk: false } ? result.ToJson()["description"]?.ToString() : null;
            _calls.Add(new ApiCall(method, body, DateTimeOffset.UtcNow, status, chatId, description, received, result?.RetryAfter));
        }
    }

    private static async Task WriteAsync(HttpContext context, ApiResult result)
    {
        context.Response.StatusCode = result.Status;
        context.Response.ContentType = "application/json";
        try
        {
            await context.Response.WriteAsync(EmulatorJson.Serialize(result.ToJson()), context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away; nothing to answer.
        }
    }

    private async Task ServeFileAsync(HttpContext context, string rest)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        StoredFile? file = null;
        if (slash > 0 && string.Equals(rest[..slash], Options.Token, StringComparison.Ordinal))
        {
            var filePath = rest[(slash + 1)..];
            lock (_gate)
            {
                file = _files.Values.FirstOrDefault(f => f.FilePath == filePath);
            }
        }

        if (file is null)
        {
            await WriteAsync(context, ApiResult.Fail(404, "Not Found")).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = file.Bytes.Length;
        await context.Response.Body.WriteAsync(file.Bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Runs one (non-getUpdates) method. Called under the lock.</summary>
    private ApiResult Dispatch(string method, ApiRequest request, long? chatId)
    {
        var body = request.Body;
        return method.ToUpperInvariant() switch
        {
            "GETME" => ApiResult.Ok(_botUser.DeepClone()),
            "SETMYDESCRIPTION" or "SETMYSHORTDESCRIPTION" or "SETMYNAME" or "SETCHATMENUBUTTON" => ApiResult.True(),
            "SETWEBHOOK" => SetWebhook(body),
            "DELETEWEBHOOK" => DeleteWebhook(body),
            "GETWEBHOOKINFO" => GetWebhookInfo(),
            "SETMYCOMMANDS" => SetMyCommands(body),
            "GETMYCOMMANDS" => GetMyCommands(body),
            "DELETEMYCOMMANDS" => DeleteMyCommands(body),
            "SENDMESSAGE" => RateLimited(chatId, () => SendMessage(body)),
            "EDITMESSAGETEXT" => RateLimited(chatId, () => EditMessageText(body)),
            "EDITMESSAGEREPLYMARKUP" => RateLimited(chatId, () => EditMessageReplyMarkup(body)),
            "SENDDOCUMENT" => RateLimited(chatId, () => SendDocument(request)),
            "SENDPHOTO" => RateLimited(chatId, () => SendPhoto(request)),
            "ANSWERCALLBACKQUERY" => AnswerCallbackQuery(body),
            "GETFILE" => GetFile(body),
            "SENDCHATACTION" => SendChatAction(body),
            "DELETEMESSAGE" => DeleteMessage(body),
            "GETCHAT" => GetChat(body),
            _ => ApiResult.Fail(404, "Not Found: method not found"),
        };
    }
}

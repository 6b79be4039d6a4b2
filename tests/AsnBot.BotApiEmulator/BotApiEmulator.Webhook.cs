using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AsnBot.BotApiEmulator;

/// <summary>
/// Webhook mode as Telegram runs it: setWebhook / deleteWebhook / getWebhookInfo; while a webhook is set getUpdates
/// answers 409 and pending updates are POSTed to the webhook with the secret header, lowest id first, up to
/// max_connections at once, each again after a non-200 answer or a timeout, with a growing delay. A test may stand
/// a load balancer in front of several bots (<see cref="UseWebhookBackends"/>), hold deliveries, or post one update
/// itself (again, with another secret or none).
/// </summary>
public sealed partial class BotApiEmulator
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private readonly HttpClient _webhookClient = new();
    private readonly SemaphoreSlim _deliveryWake = new(0);
    private readonly HashSet<long> _delivering = [];
    private readonly Dictionary<long, (int Attempts, DateTimeOffset NotBefore)> _retries = [];
    private readonly List<WebhookDelivery> _webhookDeliveries = [];
    private WebhookRegistration? _webhook;
    private string[] _backends = [];
    private int _nextBackend;
    private bool _deliveriesHeld;
    private Task? _deliveryLoop;

    /// <summary>The webhook the bot set (null when none): getUpdates answers 409 while there is one.</summary>
    public WebhookRegistration? Webhook
    {
        get
        {
            lock (_gate)
            {
                return _webhook;
            }
        }
    }

    /// <summary>Every POST to a webhook so far (deliveries, retries and a test's own posts), in the order they ended.</summary>
    public IReadOnlyList<WebhookDelivery> WebhookDeliveries
    {
        get
        {
            lock (_gate)
            {
                return _webhookDeliveries.ToArray();
            }
        }
    }

    /// <summary>True while a POST of this update to the webhook awaits its answer.</summary>
    public bool IsDelivering(long updateId)
    {
        lock (_gate)
        {
            return _delivering.Contains(updateId);
        }
    }

    /// <summary>Waits until a webhook is set (the bot in webhook mode has started). Throws TimeoutException (default 10 s).</summary>
    public async Task WaitForWebhook(TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Webhook is null)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("The bot did not set a webhook in time.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A load balancer in front of several bots: deliveries go to these URLs round-robin instead of the URL the bot set
    /// (each bot still sets the same public URL and secret), and one that finds its backend down or not ready goes on
    /// to the next at once. An empty list posts to the URL the bot set again.
    /// </summary>
    public void UseWebhookBackends(IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        lock (_gate)
        {
            _backends = [.. urls];
        }
    }

    /// <summary>A webhook set from elsewhere (an earlier deployment in webhook mode), as the bot finds it on start.</summary>
    public void SetWebhookAsLeftOver(string url, string secret)
    {
        lock (_gate)
        {
            RegisterLocked(new WebhookRegistration(url, secret, 40));
        }
    }

    /// <summary>Pending updates wait, undelivered, until <see cref="ResumeWebhookDeliveries"/> (a test's own posts still go).</summary>
    public void HoldWebhookDeliveries()
    {
        lock (_gate)
        {
            _deliveriesHeld = true;
        }
    }

    public void ResumeWebhookDeliveries()
    {
        lock (_gate)
        {
            _deliveriesHeld = false;
        }

        WakeDeliveries();
    }

    /// <summary>POSTs an enqueued update to the webhook now with the registered secret, whatever else is in flight; returns the HTTP status (0: no answer).</summary>
    public Task<int> PostToWebhookAsync(long updateId) => PostToWebhookAsync(updateId, registeredSecret: true, secret: null);

    /// <summary>POSTs an enqueued update with this secret header (null: no header at all); returns the HTTP status.</summary>
    public Task<int> PostToWebhookWithSecretAsync(long updateId, string? secret) => PostToWebhookAsync(updateId, registeredSecret: false, secret);

    private async Task<int> PostToWebhookAsync(long updateId, bool registeredSecret, string? secret)
    {
        JsonObject update;
        string url;
        lock (_gate)
        {
            var hook = _webhook ?? throw new InvalidOperationException("No webhook is set.");
            update = (JsonObject)(_history.TryGetValue(updateId, out var stored)
                ? stored.DeepClone()
                : throw new ArgumentOutOfRangeException(nameof(updateId), updateId, "No update with this id was ever enqueued."));
            url = NextTargetLocked(hook);
            secret = registeredSecret ? hook.Secret : secret;
        }

        return await PostAsync(update, url, secret).ConfigureAwait(false);
    }

    /// <summary>setWebhook: an empty url removes the webhook, as Telegram does.</summary>
    private ApiResult SetWebhook(JsonObject body)
    {
        var url = EmulatorJson.GetString(body, "url") ?? string.Empty;
        var secret = EmulatorJson.GetString(body, "secret_token");
        if (secret is not null && !Regex.IsMatch(secret, "^[A-Za-z0-9_-]{1,256}$", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            return ApiResult.BadRequest("secret token contains unallowed characters");
        }

        if (url.Length == 0)
        {
            _webhook = null;
            return ApiResult.True();
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return ApiResult.BadRequest("bad webhook: invalid URL");
        }

        if (EmulatorJson.GetStructured(body, "allowed_updates") is JsonArray allowed)
        {
            _allowedUpdates = allowed.Count == 0 ? null : allowed.Select(a => a?.ToString() ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        }

        if (EmulatorJson.GetBool(body, "drop_pending_updates"))
        {
            _pending.Clear();
        }

        RegisterLocked(new WebhookRegistration(url, secret, (int)Math.Clamp(EmulatorJson.GetLong(body, "max_connections") ?? 40, 1, 100)));
        return ApiResult.True();
    }

    private ApiResult DeleteWebhook(JsonObject body)
    {
        _webhook = null;
        if (EmulatorJson.GetBool(body, "drop_pending_updates"))
        {
            _pending.Clear();
        }

        return ApiResult.True();
    }

    private ApiResult GetWebhookInfo()
    {
        var info = new JsonObject
        {
            ["url"] = _webhook?.Url ?? string.Empty,
            ["has_custom_certificate"] = false,
            ["pending_update_count"] = PendingCountLocked(),
        };
        if (_webhook is { } hook)
        {
            info["max_connections"] = hook.MaxConnections;
            if (_allowedUpdates is { } allowed)
            {
                info["allowed_updates"] = new JsonArray([.. allowed.Order(StringComparer.Ordinal).Select(a => JsonValue.Create(a))]);
            }
        }

        return ApiResult.Ok(info);
    }

    private void RegisterLocked(WebhookRegistration hook)
    {
        _webhook = hook;
        _deliveryLoop ??= Task.Run(DeliverLoopAsync);
        WakeDeliveries();
    }

    private void WakeDeliveries()
    {
        if (_deliveryWake.CurrentCount == 0)
        {
            _deliveryWake.Release();
        }
    }

    private async Task DeliverLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(1);
            lock (_gate)
            {
                if (_webhook is { } hook && !_deliveriesHeld)
                {
                    DropUnwantedLocked();
                    var now = DateTimeOffset.UtcNow;
                    foreach (var update in _pending.ToList())
                    {
                        var id = UpdateId(update);
                        if (_delivering.Count >= hook.MaxConnections)
                        {
                            break;
                        }

                        if (_delivering.Contains(id))
                        {
                            continue;
                        }

                        if (_retries.TryGetValue(id, out var retry) && retry.NotBefore > now)
                        {
                            wait = retry.NotBefore - now < wait ? retry.NotBefore - now : wait;
                            continue;
                        }

                        _delivering.Add(id);
                        _ = DeliverAsync((JsonObject)update.DeepClone(), NextTargetLocked(hook), hook.Secret);
                    }
                }
            }

            try
            {
                await _deliveryWake.WaitAsync(wait, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Posts the update, and behind a load balancer (<see cref="UseWebhookBackends"/>) passes it on to the next backend
    /// at once while one is down or not ready (no answer, or 502/503), as nginx's <c>proxy_next_upstream</c> does; what
    /// no backend took, or one answered otherwise than 200, is delivered again later, as Telegram does.
    /// </summary>
    private async Task DeliverAsync(JsonObject update, string url, string? secret)
    {
        var id = UpdateId(update);
        var status = await PostAsync(update, url, secret).ConfigureAwait(false);
        string[] backends;
        lock (_gate)
        {
            backends = _backends;
        }

        // The backends after the one that failed, in their order, each once.
        var failed = Array.IndexOf(backends, url);
        for (var next = 1; status is 0 or 502 or 503 && failed >= 0 && next < backends.Length; next++)
        {
            status = await PostAsync(update, backends[(failed + next) % backends.Length], secret).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _delivering.Remove(id);
            if (status == 200)
            {
                _pending.RemoveAll(u => UpdateId(u) == id);
                _retries.Remove(id);
            }
            else
            {
                var attempts = (_retries.TryGetValue(id, out var retry) ? retry.Attempts : 0) + 1;
                var delay = Options.WebhookRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 4));
                _retries[id] = (attempts, DateTimeOffset.UtcNow + delay);
            }
        }

        WakeDeliveries();
    }

    private async Task<int> PostAsync(JsonObject update, string url, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(EmulatorJson.Serialize(update), Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation(SecretHeader, secret);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(Options.WebhookTimeout);
        var started = DateTimeOffset.UtcNow;
        int status;
        try
        {
            using var response = await _webhookClient.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Refused, reset or timed out: Telegram counts it as not delivered.
            status = 0;
        }

        lock (_gate)
        {
            _webhookDeliveries.Add(new WebhookDelivery(UpdateId(update), url, status, started, DateTimeOffset.UtcNow));
        }

        return status;
    }

    private string NextTargetLocked(WebhookRegistration hook) =>
        _backends.Length == 0 ? hook.Url : _backends[_nextBackend++ % _backends.Length];
}

/// <summary>A webhook as setWebhook left it.</summary>
public sealed record WebhookRegistration(string Url, string? Secret, int MaxConnections);

/// <summary>One POST of an update to a webhook. StatusCode 0: no answer (refused, reset or timed out).</summary>
public sealed record WebhookDelivery(long UpdateId, string Url, int StatusCode, DateTimeOffset Started, DateTimeOffset Finished);

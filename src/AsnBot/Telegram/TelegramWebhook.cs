using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AsnBot.Data;
using AsnBot.Delivery;
using AsnBot.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace AsnBot.Telegram;

/// <summary>
/// Webhook mode: a Kestrel server of its own (started only in this mode) takes the updates Telegram posts to
/// <c>POST /telegram/&lt;path&gt;</c> and answers 200 only once the update's transaction committed, so Telegram
/// delivers again whatever a crash or a storage failure lost. Each update commits alone with its id (applied once
/// however often it arrives); a chat's updates run one at a time through <see cref="ChatQueues"/>. The worker
/// registers the webhook with Telegram (retrying while Telegram is unreachable) and then, every hour, forgets the
/// ids of updates older than Telegram ever delivers again.
/// </summary>
public sealed partial class TelegramWebhook(
    ITelegramBotClient bot,
    BotProfile profile,
    InboundProcessor processor,
    ChatQueues queues,
    IDatabase database,
    TimeProvider time,
    IOptions<TelegramOptions> options,
    ILoggerFactory loggers) : BackgroundService
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>An update is a few kilobytes; anything much larger is not from Telegram.</summary>
    public const long MaxBodyBytes = 1 << 20;

    /// <summary>Telegram keeps an update for redelivery about a day; its id is kept a little longer.</summary>
    private static readonly TimeSpan KeepHandledIds = TimeSpan.FromHours(26);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger<TelegramWebhook>();
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.WebhookSecret ?? string.Empty);
    private WebApplication? _app;
    private int _refusalLogged;

    /// <summary>This bot's username, known once getMe answered; until then updates are refused with 503 and come again.</summary>
    private volatile string? _username;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // ASP.NET Core's own request logs would write a line per update; what matters is logged here.
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(c => c.SuppressStatusMessages = true);
        builder.WebHost.UseUrls(o.WebhookListen);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        var app = builder.Build();
        app.MapPost(TelegramOptionsValidator.PathOf(o.WebhookUrl!), ReceiveAsync);
        await app.StartAsync(cancellationToken);
        _app = app;
        var url = app.Urls.First();
        LogListening(_logger, url);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Requests in flight finish (and commit) before the host disposes the database.
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        if (_app is { } app)
        {
            _app = null;
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RegisterAsync(stoppingToken);
            using var timer = new PeriodicTimer(PruneEvery, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Prune();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var backoff = FirstBackoff;
        while (true)
        {
            try
            {
                _username = await profile.PrepareAsync(cancellationToken);
                await bot.SetWebhook(
                    o.WebhookUrl!,
                    maxConnections: o.WebhookMaxConnections,
                    allowedUpdates: UpdateMapper.Kinds,
                    secretToken: o.WebhookSecret,
                    cancellationToken: cancellationToken);
                LogRegistered(_logger, o.WebhookMaxConnections);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogRegisterFault(_logger, ex.GetType().Name, ex.Message, backoff.TotalSeconds);
                await Task.Delay(backoff, time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private void Prune()
    {
        try
        {
            var forgotten = 0;
            processor.Run((work, now) =>
            {
                forgotten = work.Updates.ForgetHandledBefore(now - KeepHandledIds);
                return [];
            });
            LogPruned(_logger, forgotten);
        }
        catch (Exception ex) when (database.Classify(ex) is { } error)
        {
            LogPruneFault(_logger, error.Explanation);
        }
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        if (!SecretMatches(context.Request.Headers[SecretHeader].ToString()))
        {
            // Once per process: whoever probes the URL must not be able to fill the log.
            if (Interlocked.Exchange(ref _refusalLogged, 1) == 0)
            {
                LogRefused(_logger);
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (_username is not { } username)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            LogUnreadable(_logger, ex.Message);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (update is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.StatusCode = await ApplyAsync(update, username);
    }

    /// <summary>200 once the update committed (or was committed before); 500 when storage failed, so it comes again.</summary>
    private async Task<int> ApplyAsync(Update update, string username)
    {
        var inbound = Map(update, username);
        try
        {
            // An update the bot does not read touches no chat: it is only recorded as handled.
            var applied = inbound is null
                ? processor.ProcessDelivered(update.Id, null)
                : await queues.RunAsync(inbound.ChatId, update.Id, () => processor.ProcessDelivered(update.Id, inbound));
            if (!applied)
            {
                LogDuplicate(_logger, update.Id);
            }

            return StatusCodes.Status200OK;
        }
        catch (Exception ex) when (database.Classify(ex) is { } error)
        {
            LogStorageFault(_logger, update.Id, error.Explanation);
            return StatusCodes.Status500InternalServerError;
        }
        catch (Exception ex)
        {
            // Not the conversation (the processor apologises for those) and not storage: nothing was committed.
            LogFault(_logger, ex, update.Id);
            return StatusCodes.Status500InternalServerError;
        }
    }

    private Inbound? Map(Update update, string username)
    {
        try
        {
            return UpdateMapper.Map(update, username);
        }
        catch (Exception ex)
        {
            LogUnmappable(_logger, update.Id, ex.GetType().Name, ex.Message);
            return null;
        }
    }

    /// <summary>Compares in constant time, so the answer's timing tells nothing about how much of a guess was right.</summary>
    private bool SecretMatches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _secret);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook server listening on {Url}")]
    private static partial void LogListening(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the Bot API; command menu set; webhook registered (max {MaxConnections} connections)")]
    private static partial void LogRegistered(ILogger logger, int maxConnections);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the webhook failed ({ErrorType}: {Error}); retrying in {Seconds} s")]
    private static partial void LogRegisterFault(ILogger logger, string errorType, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook request came without the right secret token and was refused with 401 (logged once; later ones are refused silently)")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook request with the right secret had a body that is not an update ({Error}); answered 400")]
    private static partial void LogUnreadable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update {UpdateId} could not be read ({ErrorType}: {Error}); it is skipped")]
    private static partial void LogUnmappable(ILogger logger, int updateId, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Update {UpdateId} was delivered again; it was applied before, nothing changed")]
    private static partial void LogDuplicate(ILogger logger, int updateId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage fault on update {UpdateId}, {Cause}; answered 500, Telegram delivers it again")]
    private static partial void LogStorageFault(ILogger logger, int updateId, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling update {UpdateId} failed; answered 500, Telegram delivers it again")]
    private static partial void LogFault(ILogger logger, Exception exception, int updateId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forgot {Count} handled update ids older than Telegram redelivers")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forgetting old handled update ids failed, {Cause}; trying again in an hour")]
    private static partial void LogPruneFault(ILogger logger, string cause);
}

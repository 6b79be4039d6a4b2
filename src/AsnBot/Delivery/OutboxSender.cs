using AsnBot.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsnBot.Delivery;

/// <summary>
/// Drains the outbox: <see cref="OutboxChooser"/> chooses what to send, <see cref="SendLanes"/> sends it through the
/// rate limiter, whose permit is taken just before the request, and <see cref="OutcomeRecorder"/> records what became
/// of it, each feature its part through its <see cref="IDeliveryOutcome"/>. A row is deleted only after the messenger
/// accepted it, so a crash or an outage delays a reply but never loses it (at worst one message is sent twice).
/// </summary>
public sealed partial class OutboxSender : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RateLimitedPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a stop waits for sends on the wire before cutting them off.</summary>
    internal static readonly TimeSpan SendGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Cancels sends only after the grace period of a stop, not at its start: a request cut off half-way may
    /// already have reached Telegram, and its message would go out a second time after the restart.
    /// </summary>
    private readonly CancellationTokenSource _abortSends = new();
    private readonly OutboxSignal _signal;
    private readonly SendRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxSender> _logger;
    private readonly OutboxChooser _chooser;
    private readonly SendLanes _lanes;
    private readonly OutcomeRecorder _recorder;

    public OutboxSender(
        IDatabase database,
        IMessageTransport transport,
        SendRateLimiter limiter,
        IEnumerable<IDeliveryOutcome> outcomes,
        OutboxSignal signal,
        TimeProvider time,
        IOptions<DeliveryOptions> options,
        ILogger<OutboxSender> logger)
    {
        _signal = signal;
        _limiter = limiter;
        _time = time;
        _logger = logger;
        _chooser = new OutboxChooser(database, limiter, signal, options.Value);
        _recorder = new OutcomeRecorder(database, [.. outcomes], signal, time, options.Value, logger);
        _lanes = new SendLanes(database, transport, limiter, _recorder, time, logger);
    }

    /// <summary>Sends everything that is due now, waiting for each send; for the console chat and tests.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (StartDue(cancellationToken) is var round && (round.Started > 0 || round.RateLimited || _lanes.Count > 0))
        {
            await (_lanes.Count > 0 ? _lanes.WhenAll() : _limiter.PauseAsync(RateLimitedPoll, cancellationToken));
            _lanes.Collect();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wake = _signal.Next();
                var round = StartDue(_abortSends.Token);
                if (round.Started == 0)
                {
                    var wait = round.RateLimited ? _limiter.PauseAsync(RateLimitedPoll, stoppingToken) : Task.Delay(round.NextDue, _time, stoppingToken);
                    await Task.WhenAny([wake, wait, .. _lanes.Sends]);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStorageFault(_logger, ex);
                await Task.Delay(IdlePoll, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // Let sends already on the wire finish, so their rows are marked and not sent again.
        var inFlight = _lanes.WhenAll();
        if (await Task.WhenAny(inFlight, Task.Delay(SendGrace, _time, CancellationToken.None)) != inFlight)
        {
            await _abortSends.CancelAsync();
        }

        await inFlight.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public override void Dispose()
    {
        _abortSends.Dispose();
        base.Dispose();
    }

    private SendRound StartDue(CancellationToken cancellationToken)
    {
        _lanes.Collect();
        var now = _time.GetUtcNow();
        return _recorder.PausedFor(now) is { Ticks: > 0 } pause
            ? new SendRound(0, RateLimited: false, pause)
            : _chooser.StartDue(_lanes, now, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox fault; the message stays queued and is retried")]
    private static partial void LogStorageFault(ILogger logger, Exception exception);
}

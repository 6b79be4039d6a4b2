using AsnBot.Data;
using AsnBot.Data.Cluster;
using AsnBot.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsnBot.Delivery;

/// <summary>
/// Drains the outbox: <see cref="OutboxChooser"/> chooses what to send, <see cref="SendLanes"/> sends it through the
/// rate limiter, whose permit is taken just before the request, and <see cref="OutcomeRecorder"/> records what became
/// of it, each feature its part through its <see cref="IDeliveryOutcome"/>. A row is deleted only after the messenger
/// accepted it, so a crash or an outage delays a reply but never loses it (at worst one message is sent twice).
/// It sends only while this process owns <see cref="Duty.Sending"/>, so one rate limiter paces the whole cluster, and
/// listens meanwhile for the other instances' wake-ups.
/// </summary>
public sealed partial class OutboxSender : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RateLimitedPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a stop waits for sends on the wire before cutting them off.</summary>
    internal static readonly TimeSpan SendGrace = TimeSpan.FromSeconds(10);

    private readonly IDatabase _database;
    private readonly OutboxSignal _signal;
    private readonly SendRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxSender> _logger;
    private readonly OutboxChooser _chooser;
    private readonly SendLanes _lanes;
    private readonly OutcomeRecorder _recorder;
    private readonly DutyOwner _owner;
    private readonly IOutboxWakeups _wakeups;

    public OutboxSender(
        IDatabase database,
        IMessageTransport transport,
        SendRateLimiter limiter,
        IEnumerable<IDeliveryOutcome> outcomes,
        OutboxSignal signal,
        DutyOwner owner,
        IOutboxWakeups wakeups,
        TimeProvider time,
        IOptions<DeliveryOptions> options,
        ILogger<OutboxSender> logger)
    {
        _database = database;
        _signal = signal;
        _owner = owner;
        _wakeups = wakeups;
        _limiter = limiter;
        _time = time;
        _logger = logger;
        _chooser = new OutboxChooser(database, limiter, signal, options.Value);
        _recorder = new OutcomeRecorder(database, [.. outcomes], signal, time, options.Value, logger);
        _lanes = new SendLanes(database, transport, limiter, _recorder, time, options.Value.Lease, logger);
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _owner.RunAsync(Duty.Sending, (turn, owned) => SendWhileOwnedAsync(turn, owned, stoppingToken), stoppingToken);

    /// <param name="turn">This holding of sending, which every claim names.</param>
    /// <param name="owned">Cancelled when the bot stops or this process loses the duty.</param>
    /// <param name="stoppingToken">Cancelled when the bot stops.</param>
    private async Task SendWhileOwnedAsync(DutyTurn turn, CancellationToken owned, CancellationToken stoppingToken)
    {
        _lanes.Turn = turn;
        if (turn.Fenced)
        {
            // Rows the instance before had claimed: it is dead, or stops within the grace (fenced from claiming more).
            await TakeOverLeasesAsync(owned).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // Cancels sends only after the grace period of a stop, not at its start: a request cut off half-way may
        // already have reached Telegram, and its message would go out a second time after the restart. A lost duty
        // cancels them at once: another instance sends from now on.
        using var abortSends = new CancellationTokenSource();
        _signal.SendingHere = true;
        var listening = _wakeups.ListenAsync(_signal.Wake, owned);
        while (!owned.IsCancellationRequested)
        {
            try
            {
                var wake = _signal.Next();
                var round = StartDue(abortSends.Token);
                if (round.Started == 0)
                {
                    var wait = round.RateLimited ? _limiter.PauseAsync(RateLimitedPoll, owned) : Task.Delay(round.NextDue, _time, owned);
                    await Task.WhenAny([wake, wait, .. _lanes.Sends]);
                }
            }
            catch (OperationCanceledException) when (owned.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStorageFault(_logger, ex);
                await Task.Delay(IdlePoll, _time, owned).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _signal.SendingHere = false;

        // Let sends already on the wire finish, so their rows are marked and not sent again.
        var inFlight = _lanes.WhenAll();
        if (!stoppingToken.IsCancellationRequested
            || await Task.WhenAny(inFlight, Task.Delay(SendGrace, _time, CancellationToken.None)) != inFlight)
        {
            await abortSends.CancelAsync();
        }

        await inFlight.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _lanes.Collect();
        await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Cuts the other senders' leases to <see cref="PostgresCluster.TakeoverGrace"/> from now, retrying through a storage fault.</summary>
    private async Task TakeOverLeasesAsync(CancellationToken owned)
    {
        while (true)
        {
            try
            {
                using var work = _database.Begin();
                work.Outbox.CutLeases(SendLanes.Owner, _time.GetUtcNow() + PostgresCluster.TakeoverGrace);
                work.Commit();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStorageFault(_logger, ex);
                await Task.Delay(IdlePoll, _time, owned);
            }
        }
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

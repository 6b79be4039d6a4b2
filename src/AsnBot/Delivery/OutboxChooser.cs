using AsnBot.Data;
using AsnBot.Data.Outbox;

namespace AsnBot.Delivery;

/// <summary>
/// Chooses what to send next: the oldest message of each chat (button answers alongside), replies before
/// broadcasts, as many as free lanes and the rate limiter allow. Rows read earlier are used until something new is
/// queued or none of them can start: reading the outbox after every finished send cost more than the sends
/// themselves under load. Used by the sender's loop only, one call at a time.
/// </summary>
internal sealed class OutboxChooser(IDatabase database, SendRateLimiter limiter, OutboxSignal signal, DeliveryOptions options)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    /// <summary>Rows due at the last read of the outbox and not started yet, in sending order.</summary>
    private readonly List<OutboxDue> _due = [];
    private long _readVersion = -1;
    private DateTimeOffset? _earliestNotBefore;

    /// <summary>Starts on <paramref name="lanes"/> what may go now.</summary>
    public SendRound StartDue(SendLanes lanes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (lanes.Count >= options.MaxConcurrency)
        {
            // A lane has to finish first, and its end wakes the loop.
            return new SendRound(0, RateLimited: false, IdlePoll);
        }

        var read = _readVersion != signal.Version || _due.Count == 0;
        if (read)
        {
            Read(lanes, now);
        }

        var (started, rateLimited) = StartFromDue(lanes, cancellationToken);
        if (started == 0 && !read)
        {
            // A finished send may have made the chat's next message its head, which no earlier read holds.
            Read(lanes, now);
            (started, rateLimited) = StartFromDue(lanes, cancellationToken);
        }

        var nextDue = _earliestNotBefore is { } at && at > now && at - now < IdlePoll ? at - now : IdlePoll;
        return new SendRound(started, rateLimited, nextDue);
    }

    private void Read(SendLanes lanes, DateTimeOffset now)
    {
        _readVersion = signal.Version;
        using var connection = database.Connect();
        _due.Clear();

        // A due row whose lane is busy is the one being sent (a chat's head, or that button answer): once sent it
        // is gone, so it is not kept for later.
        _due.AddRange(connection.Outbox.Due(now, options.MaxConcurrency * 4, SendLanes.Owner).Where(row => !lanes.IsBusy(row)));
        _earliestNotBefore = connection.Outbox.EarliestNotBefore();
    }

    private (int Started, bool RateLimited) StartFromDue(SendLanes lanes, CancellationToken cancellationToken)
    {
        var started = new HashSet<long>();
        var rateLimited = false;
        foreach (var row in _due)
        {
            if (lanes.Count >= options.MaxConcurrency)
            {
                break;
            }

            if (lanes.IsBusy(row))
            {
                continue;
            }

            var bulk = row.BroadcastId is not null;
            if (bulk && lanes.BulkCount >= options.MaxBroadcastInFlight)
            {
                continue;
            }

            var isAnswer = row.Kind == "answer";
            var permit = isAnswer ? null : limiter.TryAdmit(row.ChatId, bulk);
            if (!isAnswer && permit is null)
            {
                rateLimited = true;
                continue;
            }

            lanes.Start(row, permit, cancellationToken);
            started.Add(row.Id);
        }

        _due.RemoveAll(row => started.Contains(row.Id));
        return (started.Count, rateLimited);
    }
}

/// <summary>What one pass of choosing started, whether the rate limiter held rows back, and when to look again at the latest.</summary>
internal readonly record struct SendRound(int Started, bool RateLimited, TimeSpan NextDue);

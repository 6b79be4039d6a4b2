using AsnBot.Data;
using AsnBot.Data.Cluster;
using AsnBot.Data.Outbox;
using AsnBot.Engine;
using Microsoft.Extensions.Logging;

namespace AsnBot.Delivery;

/// <summary>
/// The sends on the wire, by lane: one lane per chat for messages (they go out in order), and one per button
/// answer, which is not a message in the chat and need not wait behind one. A send reads its row, takes its rate
/// limiter permit just before the request, sends it and has its outcome recorded; its lane stays taken until then.
/// Used by the sender's loop only, one call at a time; every send started here is awaited through
/// <see cref="WhenAll"/> before the sender stops.
/// </summary>
internal sealed partial class SendLanes(
    IDatabase database,
    IMessageTransport transport,
    SendRateLimiter limiter,
    OutcomeRecorder recorder,
    TimeProvider time,
    TimeSpan lease,
    ILogger logger)
{
    /// <summary>This process's name on the rows it claims: machine, process and a random part (a restarted process may get the same id).</summary>
    public static readonly string Owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    private readonly Dictionary<(long ChatId, long AnswerRow), Task> _inFlight = [];

    /// <summary>Lanes of <see cref="_inFlight"/> carrying a broadcast message.</summary>
    private readonly HashSet<(long ChatId, long AnswerRow)> _bulk = [];

    /// <summary>
    /// The turn of sending the rows are claimed in (set by the sender when it takes sending; unfenced for sends run by
    /// hand): once another instance has taken sending over, nothing more is claimed here.
    /// </summary>
    public DutyTurn Turn { get; set; } = new(Duty.Sending, Epoch: 0);

    /// <summary>Sends on the wire.</summary>
    public int Count => _inFlight.Count;

    /// <summary>Broadcast messages on the wire.</summary>
    public int BulkCount => _bulk.Count;

    /// <summary>The sends on the wire, for a loop that wakes when one ends.</summary>
    public IEnumerable<Task> Sends => _inFlight.Values;

    /// <summary>Whether the row's lane is taken: its chat's message (or that button answer) is being sent.</summary>
    public bool IsBusy(OutboxDue row) => _inFlight.ContainsKey(LaneOf(row));

    /// <summary>Starts sending the row on its lane, which must be free; <paramref name="permit"/> is null for a button answer.</summary>
    public void Start(OutboxDue row, SendPermit? permit, CancellationToken cancellationToken)
    {
        var lane = LaneOf(row);
        if (row.BroadcastId is not null)
        {
            _bulk.Add(lane);
        }

        _inFlight[lane] = SendAsync(row.Id, permit, cancellationToken);
    }

    /// <summary>Frees the lanes whose send ended.</summary>
    public void Collect()
    {
        foreach (var lane in _inFlight.Where(p => p.Value.IsCompleted).Select(p => p.Key).ToList())
        {
            _inFlight.Remove(lane);
            _bulk.Remove(lane);
        }
    }

    /// <summary>Completes when every send on the wire now has ended and its outcome is recorded.</summary>
    public Task WhenAll() => Task.WhenAll(_inFlight.Values);

    /// <summary>One lane per chat for messages; one per button answer.</summary>
    private static (long ChatId, long AnswerRow) LaneOf(OutboxDue row) => (row.ChatId, row.Kind == "answer" ? row.Id : 0);

    /// <summary>
    /// Sends one row. The permit (none for a button answer) is taken after the row is claimed, just before the
    /// request, so the time from permit to wire does not depend on the database.
    /// </summary>
    private async Task SendAsync(long rowId, SendPermit? permit, CancellationToken cancellationToken)
    {
        using var _ = permit;
        await Task.Yield();
        OutboxRow? row;
        using (var connection = database.Connect())
        {
            // Claimed now, not when chosen: the row may have been dropped, erased or postponed since.
            var now = time.GetUtcNow();
            row = connection.Outbox.Claim(rowId, Owner, Turn, now, now + lease);
        }

        if (row is null)
        {
            return;
        }

        if (row.TakenOverFrom is { } previous)
        {
            LogLeaseTakenOver(logger, row.Id, row.ChatId, previous);
        }

        DeliveryResult result;
        Outbound? outbound = null;
        try
        {
            outbound = OutboundJson.Deserialize(row.Payload);
            if (permit is not null)
            {
                await permit.AcquireAsync(cancellationToken);
            }

            result = await transport.DeliverAsync(outbound, cancellationToken);
            if (result.Status == DeliveryStatus.RetryAfter)
            {
                // At once, not when recorded: sends chosen meanwhile must already wait.
                var all = limiter.HoldAfterTooManyRequests(row.ChatId, result.RetryAfter);
                LogRetryAfter(logger, row.Id, row.ChatId, result.RetryAfter.TotalSeconds, all ? "every chat" : "this chat");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException)
        {
            result = new DeliveryResult(DeliveryStatus.Rejected, Reason: ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything unforeseen is retried with back-off like a network error, never in a tight loop.
            result = new DeliveryResult(DeliveryStatus.Failed, Reason: $"{ex.GetType().Name}: {ex.Message}");
        }

        await recorder.RecordAsync(row, result, outbound);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} to chat {ChatId} taken over from {Previous}, whose lease ran out: sent again if it was on the wire")]
    private static partial void LogLeaseTakenOver(ILogger logger, long rowId, long chatId, string previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox row {RowId} to chat {ChatId} rate limited; retrying after {Seconds} s, holding {Held}")]
    private static partial void LogRetryAfter(ILogger logger, long rowId, long chatId, double seconds, string held);
}

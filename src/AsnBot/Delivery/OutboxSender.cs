using AsnBot.Data;
using AsnBot.Data.Broadcasts;
using AsnBot.Data.Complaints;
using AsnBot.Data.Outbox;
using AsnBot.Data.Residents;
using AsnBot.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsnBot.Delivery;

/// <summary>
/// Drains the outbox: the oldest message of each chat (button answers alongside), replies before
/// broadcasts, several chats at once, every message through the rate limiter, whose permit is taken just before
/// the request. A row is deleted only after the messenger accepted it, so a crash or an outage delays a reply but
/// never loses it (at worst one message is sent twice).
/// </summary>
public sealed partial class OutboxSender(
    IDatabase database,
    IMessageTransport transport,
    SendRateLimiter limiter,
    AdminGroupWatch adminGroup,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RateLimitedPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a stop waits for sends on the wire before cutting them off.</summary>
    private static readonly TimeSpan SendGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Cancels sends only after the grace period of a stop, not at its start: a request cut off half-way may
    /// already have reached Telegram, and its message would go out a second time after the restart.
    /// </summary>
    private readonly CancellationTokenSource _abortSends = new();
    private readonly DeliveryOptions _options = options.Value;
    /// <summary>
    /// Sends on the wire, by lane: one lane per chat for messages (they go out in order), and one per
    /// button answer, which is not a message in the chat and need not wait behind one.
    /// </summary>
    private readonly Dictionary<(long ChatId, long AnswerRow), Task> _inFlight = [];

    private readonly Lock _storageGate = new();
    private TimeSpan _storageBackoff;
    private DateTimeOffset _storagePausedUntil;

    /// <summary>Lanes of <see cref="_inFlight"/> carrying a broadcast message.</summary>
    private readonly HashSet<(long ChatId, long AnswerRow)> _bulkInFlight = [];

    /// <summary>Rows due at the last read of the outbox and not started yet, in sending order.</summary>
    private readonly List<OutboxDue> _due = [];
    private long _readVersion = -1;
    private DateTimeOffset? _earliestNotBefore;

    /// <summary>Outcomes of finished sends not yet recorded, and whether a writer is recording them.</summary>
    private readonly Lock _recordGate = new();
    private List<Outcome> _unrecorded = [];
    private bool _recording;

    /// <summary>Sends everything that is due now, waiting for each send; for the console chat and tests.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (StartDue(cancellationToken) is var round && (round.Started > 0 || round.RateLimited || _inFlight.Count > 0))
        {
            await (_inFlight.Count > 0 ? Task.WhenAll(_inFlight.Values) : Task.Delay(RateLimitedPoll, cancellationToken));
            Collect();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wake = signal.Next();
                var round = StartDue(_abortSends.Token);
                if (round.Started == 0)
                {
                    // The rate limiter runs on real time; retry deadlines (not_before) on the injected clock.
                    var wait = round.RateLimited ? Task.Delay(RateLimitedPoll, stoppingToken) : Task.Delay(round.NextDue, time, stoppingToken);
                    await Task.WhenAny([wake, wait, .. _inFlight.Values]);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStorageFault(logger, ex);
                await Task.Delay(IdlePoll, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // Let sends already on the wire finish, so their rows are marked and not sent again.
        var inFlight = Task.WhenAll(_inFlight.Values);
        if (await Task.WhenAny(inFlight, Task.Delay(SendGrace, CancellationToken.None)) != inFlight)
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

    private Round StartDue(CancellationToken cancellationToken)
    {
        Collect();
        var now = time.GetUtcNow();
        lock (_storageGate)
        {
            if (now < _storagePausedUntil)
            {
                return new Round(0, RateLimited: false, _storagePausedUntil - now);
            }
        }

        if (_inFlight.Count >= _options.MaxConcurrency)
        {
            // A lane has to finish first, and its end wakes the loop.
            return new Round(0, RateLimited: false, IdlePoll);
        }

        // Rows read earlier are used until something new is queued or none of them can start: reading the
        // outbox after every finished send cost more than the sends themselves under load.
        var read = _readVersion != signal.Version || _due.Count == 0;
        if (read)
        {
            Read(now);
        }

        var (started, rateLimited) = StartFromDue(cancellationToken);
        if (started == 0 && !read)
        {
            // A finished send may have made the chat's next message its head, which no earlier read holds.
            Read(now);
            (started, rateLimited) = StartFromDue(cancellationToken);
        }

        var nextDue = _earliestNotBefore is { } at && at > now && at - now < IdlePoll ? at - now : IdlePoll;
        return new Round(started, rateLimited, nextDue);
    }

    private void Read(DateTimeOffset now)
    {
        _readVersion = signal.Version;
        using var connection = database.Connect();
        _due.Clear();

        // A due row whose lane is busy is the one being sent (a chat's head, or that button answer): once sent it
        // is gone, so it is not kept for later.
        _due.AddRange(connection.Outbox.Due(now, _options.MaxConcurrency * 4).Where(row => !_inFlight.ContainsKey(LaneOf(row))));
        _earliestNotBefore = connection.Outbox.EarliestNotBefore();
    }

    private (int Started, bool RateLimited) StartFromDue(CancellationToken cancellationToken)
    {
        var started = new HashSet<long>();
        var rateLimited = false;
        foreach (var row in _due)
        {
            if (_inFlight.Count >= _options.MaxConcurrency)
            {
                break;
            }

            var lane = LaneOf(row);
            var isAnswer = lane.AnswerRow != 0;
            if (_inFlight.ContainsKey(lane))
            {
                continue;
            }

            var bulk = row.BroadcastId is not null;
            if (bulk && _bulkInFlight.Count >= _options.MaxBroadcastInFlight)
            {
                continue;
            }

            var permit = isAnswer ? null : limiter.TryAdmit(row.ChatId, bulk);
            if (!isAnswer && permit is null)
            {
                rateLimited = true;
                continue;
            }

            if (bulk)
            {
                _bulkInFlight.Add(lane);
            }

            _inFlight[lane] = DeliverAsync(row.Id, permit, cancellationToken);
            started.Add(row.Id);
        }

        _due.RemoveAll(row => started.Contains(row.Id));
        return (started.Count, rateLimited);
    }

    /// <summary>One lane per chat for messages; one per button answer.</summary>
    private static (long ChatId, long AnswerRow) LaneOf(OutboxDue row) => (row.ChatId, row.Kind == "answer" ? row.Id : 0);

    private void Collect()
    {
        foreach (var lane in _inFlight.Where(p => p.Value.IsCompleted).Select(p => p.Key).ToList())
        {
            _inFlight.Remove(lane);
            _bulkInFlight.Remove(lane);
        }
    }

    /// <summary>
    /// Sends one row. The permit (none for a button answer) is taken after the row is read, just before the
    /// request, so the time from permit to wire does not depend on SQLite.
    /// </summary>
    private async Task DeliverAsync(long rowId, SendPermit? permit, CancellationToken cancellationToken)
    {
        using var _ = permit;
        await Task.Yield();
        OutboxRow? row;
        using (var connection = database.Connect())
        {
            // Read now, not when chosen: the row may have been dropped, erased or postponed since.
            row = connection.Outbox.Find(rowId, time.GetUtcNow());
        }

        if (row is null)
        {
            return;
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

        try
        {
            await RecordAsync(new Outcome(row, result, (outbound as SendText)?.Tag));
            if (outbound is SendDocument document && result.Status is DeliveryStatus.Delivered or DeliveryStatus.Rejected or DeliveryStatus.Unreachable)
            {
                // Exports hold pseudonymous data: they are not kept once they reached the admin.
                File.Delete(document.Path);
            }
        }
        catch (Exception ex) when (database.Classify(ex) is not null || ex is IOException or UnauthorizedAccessException)
        {
            // The row stays queued and is sent again later: a duplicate message, never a lost one. Until
            // storage recovers nothing more is sent, or the same row would go out again at once, again and again.
            var pause = PauseForStorage();
            LogRecordFailed(logger, database.Classify(ex)?.Explanation ?? ex.Message, row.Id, pause.TotalSeconds);
            return;
        }

        lock (_storageGate)
        {
            _storageBackoff = TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Records an outcome together with the others that finished meanwhile, in one transaction (group commit):
    /// one write per finished send kept every send waiting for the write lock. The first send to finish while
    /// no one records writes the batch itself; outcomes that arrive meanwhile are written next, by a writer on
    /// the thread pool. The send's lane stays taken until its outcome is committed, so the row cannot be chosen
    /// and sent again before that.
    /// </summary>
    private Task RecordAsync(Outcome outcome)
    {
        lock (_recordGate)
        {
            _unrecorded.Add(outcome);
            if (_recording)
            {
                return outcome.Recorded.Task;
            }

            _recording = true;
        }

        if (RecordBatch())
        {
            _ = Task.Run(() =>
            {
                while (RecordBatch())
                {
                }
            });
        }

        return outcome.Recorded.Task;
    }

    /// <summary>Records what is waiting in one transaction; called only by the one recording.</summary>
    /// <returns>True when more outcomes arrived meanwhile; false when there were none and recording stopped.</returns>
    private bool RecordBatch()
    {
        List<Outcome> batch;
        lock (_recordGate)
        {
            batch = _unrecorded;
            _unrecorded = [];
        }

        try
        {
            Record(batch);
            batch.ForEach(o => o.Recorded.TrySetResult());
        }
        catch (Exception ex)
        {
            // Each send handles the failure (a storage pause); recording must never stop with sends waiting on it.
            batch.ForEach(o => o.Recorded.TrySetException(ex));
        }

        lock (_recordGate)
        {
            _recording = _unrecorded.Count > 0;
            return _recording;
        }
    }

    /// <summary>Doubles the pause after each failed record, from 1 s up to <see cref="DeliveryOptions.MaxBackoff"/>.</summary>
    private TimeSpan PauseForStorage()
    {
        lock (_storageGate)
        {
            _storageBackoff = _storageBackoff == TimeSpan.Zero
                ? TimeSpan.FromSeconds(1)
                : TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, _storageBackoff.Ticks * 2));
            _storagePausedUntil = time.GetUtcNow() + _storageBackoff;
            return _storageBackoff;
        }
    }

    /// <summary>
    /// Records the outcomes in one BEGIN IMMEDIATE transaction: an autocommit write in WAL
    /// mode can meet a changed snapshot and fail with SQLITE_BUSY at once, which the driver only retries
    /// after 150 ms; taking the write lock first lets SQLite's busy handler wait just as long as needed.
    /// </summary>
    private void Record(List<Outcome> outcomes)
    {
        var now = time.GetUtcNow();
        var committed = false;
        var queued = 0;
        try
        {
            using var work = database.Begin();
            var broadcasts = work.Broadcasts;
            foreach (var (row, result, tag) in outcomes.Select(o => (o.Row, o.Result, o.Tag)))
            {
                queued += Record(work, broadcasts, row, result, tag, now);
            }

            work.Commit();
            committed = true;
        }
        finally
        {
            adminGroup.BatchEnded(committed);
        }

        if (queued > 0)
        {
            signal.Notify();
        }
    }

    /// <returns>How many messages the outcome queued (the admins' notice of a refusing admin group).</returns>
    private int Record(IUnitOfWork work, IBroadcastStore broadcasts, OutboxRow row, DeliveryResult result, string? tag, DateTimeOffset now)
    {
        var queued = 0;
        switch (result.Status)
        {
            case DeliveryStatus.Delivered:
                if (adminGroup.IsAdminGroup(row.ChatId))
                {
                    adminGroup.Delivered();
                }

                work.Outbox.Delivered(row.Id);
                if (tag is not null && result.MessageId is { } messageId)
                {
                    work.SentMessages.Remember(row.ChatId, messageId, tag, now);
                }

                RecordRecipient(broadcasts, row, RecipientState.Sent, now);
                break;
            case DeliveryStatus.RetryAfter:
                // The limiter already holds the chat (and, unless the chat's own limit explains the 429, every chat).
                work.Outbox.Postpone(row.Id, now + result.RetryAfter);
                break;
            case var _ when result.ChatRefused && adminGroup.IsAdminGroup(row.ChatId):
                // A complaint post must not vanish because the group is misconfigured or the bot was removed from it.
                foreach (var notice in adminGroup.Refused(result.Reason))
                {
                    work.Outbox.QueueReply(new OutboxReply(notice.ChatId, OutboundJson.Kind(notice), OutboundJson.Serialize(notice)), _options.MaxQueuedPerChat, now);
                    queued++;
                }

                RetryLater(work, row, result, now);
                break;
            case DeliveryStatus.Unreachable:
                LogUnreachable(logger, row.ChatId);
                work.Residents.MarkBlocked(row.ChatId, now);
                broadcasts.MarkChatBlocked(row.ChatId, now);
                work.Outbox.DropChat(row.ChatId);
                break;
            case DeliveryStatus.Rejected:
                LogRejected(logger, row.Id, row.Kind, result.Reason);
                work.Outbox.Delivered(row.Id);
                RecordRecipient(broadcasts, row, RecipientState.Failed, now);
                break;
            case var _ when row.BroadcastId is not null && row.Attempts + 1 >= _options.BroadcastAttempts:
                LogBroadcastGaveUp(logger, row.Id, row.Attempts + 1, result.Reason);
                work.Outbox.Delivered(row.Id);
                RecordRecipient(broadcasts, row, RecipientState.Failed, now);
                break;
            default:
                RetryLater(work, row, result, now);
                break;
        }

        return queued;
    }

    /// <summary>Backs off 1 s, 2 s, 4 s … up to <see cref="DeliveryOptions.MaxBackoff"/>, counting the attempt.</summary>
    private void RetryLater(IUnitOfWork work, OutboxRow row, DeliveryResult result, DateTimeOffset now)
    {
        var backoff = TimeSpan.FromSeconds(Math.Min(_options.MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(row.Attempts, 16))));
        LogFailed(logger, row.Id, row.Attempts + 1, backoff.TotalSeconds, result.Reason);
        work.Outbox.RetryLater(row.Id, now + backoff);
    }

    private static void RecordRecipient(IBroadcastStore broadcasts, OutboxRow row, string state, DateTimeOffset now)
    {
        if (row.BroadcastId is { } id)
        {
            broadcasts.Record(id, row.ChatId, state, now);
        }
    }

    private readonly record struct Round(int Started, bool RateLimited, TimeSpan NextDue);

    /// <summary>What became of a send, waiting to be recorded; <see cref="Recorded"/> completes once it is committed.</summary>
    private sealed record Outcome(OutboxRow Row, DeliveryResult Result, string? Tag)
    {
        public TaskCompletionSource Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox fault; the message stays queued and is retried")]
    private static partial void LogStorageFault(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage fault, {Cause}: the delivery of outbox row {RowId} could not be recorded; it stays queued (it may be sent again), sending pauses {Seconds} s")]
    private static partial void LogRecordFailed(ILogger logger, string cause, long rowId, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox row {RowId} to chat {ChatId} rate limited; retrying after {Seconds} s, holding {Held}")]
    private static partial void LogRetryAfter(ILogger logger, long rowId, long chatId, double seconds, string held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} blocked the bot; it is marked and its queued messages dropped")]
    private static partial void LogUnreachable(ILogger logger, long chatId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {RowId} ({Kind}) was refused and dropped: {Reason}")]
    private static partial void LogRejected(ILogger logger, long rowId, string kind, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast message {RowId} failed {Attempts} times and is recorded as failed: {Reason}")]
    private static partial void LogBroadcastGaveUp(ILogger logger, long rowId, int attempts, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} failed (attempt {Attempt}); retrying in {Seconds} s: {Reason}")]
    private static partial void LogFailed(ILogger logger, long rowId, int attempt, double seconds, string? reason);
}

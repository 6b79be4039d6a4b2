using AsnBot.Data;
using AsnBot.Data.Outbox;
using AsnBot.Engine;
using Microsoft.Extensions.Logging;

namespace AsnBot.Delivery;

/// <summary>
/// Records what became of each send: the outbox row is deleted, retried later or its chat's queue dropped, and every
/// <see cref="IDeliveryOutcome"/> records what the outcome means to its feature, in the same transaction. When
/// storage cannot record, sending pauses (see <see cref="PausedFor"/>) rather than sending the same row again and again.
/// </summary>
internal sealed partial class OutcomeRecorder(
    IDatabase database,
    IReadOnlyList<IDeliveryOutcome> outcomes,
    OutboxSignal signal,
    TimeProvider time,
    DeliveryOptions options,
    ILogger logger)
{
    private readonly Lock _storageGate = new();
    private TimeSpan _storageBackoff;
    private DateTimeOffset _storagePausedUntil;

    /// <summary>Outcomes of finished sends not yet recorded, and whether a send is writing them.</summary>
    private readonly Lock _batchGate = new();
    private List<Pending> _unrecorded = [];
    private bool _writing;

    /// <summary>How long sending still pauses because storage could not record an outcome; zero when it does not.</summary>
    public TimeSpan PausedFor(DateTimeOffset now)
    {
        lock (_storageGate)
        {
            return now < _storagePausedUntil ? _storagePausedUntil - now : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Records a finished send, then deletes an export file that reached the admin. When storage fails the row stays
    /// queued and is sent again later: a duplicate message, never a lost one; until storage recovers nothing more is
    /// sent, or the same row would go out again at once, again and again.
    /// </summary>
    public async Task RecordAsync(OutboxRow row, DeliveryResult result, Outbound? outbound)
    {
        try
        {
            await CommitAsync(new Pending(row, result, (outbound as SendText)?.Tag));
            if (outbound is SendDocument document && result.Status is DeliveryStatus.Delivered or DeliveryStatus.Rejected or DeliveryStatus.Unreachable)
            {
                // Exports hold pseudonymous data: they are not kept once they reached the admin.
                File.Delete(document.Path);
            }
        }
        catch (Exception ex) when (database.Classify(ex) is not null || ex is IOException or UnauthorizedAccessException)
        {
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
    /// Commits the outcome together with the others that finished meanwhile, in one transaction (group commit): one
    /// write per finished send kept every send waiting for the write lock. The first send to finish while no one
    /// writes writes the batch itself; outcomes that arrive meanwhile wait, and the first of them is handed the next
    /// batch to write. So every write runs in a send the sender owns and awaits, and the send's lane stays taken until
    /// its outcome is committed: the row cannot be chosen and sent again before that.
    /// </summary>
    private async Task CommitAsync(Pending pending)
    {
        bool writer;
        lock (_batchGate)
        {
            _unrecorded.Add(pending);
            writer = !_writing;
            _writing = true;
        }

        // True: another send wrote it (a failure of that write throws here). False: this send writes the next batch.
        if (writer || !await pending.Written.Task)
        {
            WriteBatch(pending);
        }
    }

    /// <summary>Writes what is waiting (the writer's own outcome among it), then hands the next batch on, if any.</summary>
    private void WriteBatch(Pending writer)
    {
        List<Pending> batch;
        lock (_batchGate)
        {
            batch = _unrecorded;
            _unrecorded = [];
        }

        try
        {
            Record(batch);
            foreach (var pending in batch)
            {
                pending.Written.TrySetResult(true);
            }
        }
        catch (Exception ex)
        {
            // Each send handles the failure (a storage pause); recording must never stop with sends waiting on it.
            foreach (var pending in batch.Where(p => p != writer))
            {
                pending.Written.TrySetException(ex);
            }

            throw;
        }
        finally
        {
            lock (_batchGate)
            {
                _writing = _unrecorded.Count > 0;
                if (_writing)
                {
                    _unrecorded[0].Written.TrySetResult(false);
                }
            }
        }
    }

    /// <summary>Doubles the pause after each failed record, from 1 s up to <see cref="DeliveryOptions.MaxBackoff"/>.</summary>
    private TimeSpan PauseForStorage()
    {
        lock (_storageGate)
        {
            _storageBackoff = _storageBackoff == TimeSpan.Zero
                ? TimeSpan.FromSeconds(1)
                : TimeSpan.FromTicks(Math.Min(options.MaxBackoff.Ticks, _storageBackoff.Ticks * 2));
            _storagePausedUntil = time.GetUtcNow() + _storageBackoff;
            return _storageBackoff;
        }
    }

    /// <summary>
    /// Records the outcomes in one BEGIN IMMEDIATE transaction: an autocommit write in WAL
    /// mode can meet a changed snapshot and fail with SQLITE_BUSY at once, which the driver only retries
    /// after 150 ms; taking the write lock first lets SQLite's busy handler wait just as long as needed.
    /// </summary>
    private void Record(List<Pending> batch)
    {
        var now = time.GetUtcNow();
        var committed = false;
        var queued = 0;
        try
        {
            using var work = database.Begin();
            foreach (var pending in batch)
            {
                queued += Record(work, pending, now);
            }

            work.Commit();
            committed = true;
        }
        finally
        {
            foreach (var outcome in outcomes)
            {
                outcome.BatchEnded(committed);
            }
        }

        if (queued > 0)
        {
            signal.Notify();
        }
    }

    /// <returns>How many messages the features queued with the outcome (the admins' notice of a refusing admin group).</returns>
    private int Record(IUnitOfWork work, Pending pending, DateTimeOffset now)
    {
        var (row, result) = (pending.Row, pending.Result);
        SendFate? fate = null;
        switch (result.Status)
        {
            case DeliveryStatus.Delivered:
                work.Outbox.Delivered(row.Id);
                fate = SendFate.Sent;
                break;
            case DeliveryStatus.RetryAfter:
                // The limiter already holds the chat (and, unless the chat's own limit explains the 429, every chat).
                work.Outbox.Postpone(row.Id, now + result.RetryAfter);
                break;
            case var _ when result.ChatRefused && outcomes.Any(o => o.KeepsRefusedChat(row.ChatId)):
                RetryLater(work, row, result, now);
                fate = SendFate.Refused;
                break;
            case DeliveryStatus.Unreachable:
                LogUnreachable(logger, row.ChatId);
                work.Outbox.DropChat(row.ChatId);
                fate = SendFate.Unreachable;
                break;
            case DeliveryStatus.Rejected:
                LogRejected(logger, row.Id, row.Kind, result.Reason);
                work.Outbox.Delivered(row.Id);
                fate = SendFate.Failed;
                break;
            case var _ when row.BroadcastId is not null && row.Attempts + 1 >= options.BroadcastAttempts:
                LogBroadcastGaveUp(logger, row.Id, row.Attempts + 1, result.Reason);
                work.Outbox.Delivered(row.Id);
                fate = SendFate.Failed;
                break;
            default:
                RetryLater(work, row, result, now);
                break;
        }

        if (fate is not { } known)
        {
            return 0;
        }

        var queued = 0;
        var outcome = new SendOutcome(row, known, result, pending.Tag, now);
        foreach (var message in outcomes.SelectMany(o => o.Record(work, outcome)))
        {
            work.Outbox.QueueReply(new OutboxReply(message.ChatId, OutboundJson.Kind(message), OutboundJson.Serialize(message)), options.MaxQueuedPerChat, now);
            queued++;
        }

        return queued;
    }

    /// <summary>Backs off 1 s, 2 s, 4 s … up to <see cref="DeliveryOptions.MaxBackoff"/>, counting the attempt.</summary>
    private void RetryLater(IUnitOfWork work, OutboxRow row, DeliveryResult result, DateTimeOffset now)
    {
        var backoff = TimeSpan.FromSeconds(Math.Min(options.MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(row.Attempts, 16))));
        LogFailed(logger, row.Id, row.Attempts + 1, backoff.TotalSeconds, result.Reason);
        work.Outbox.RetryLater(row.Id, now + backoff);
    }

    /// <summary>
    /// A finished send waiting to be recorded. <see cref="Written"/> completes with true once another send committed
    /// it, or with false when this send is to write the next batch itself.
    /// </summary>
    private sealed class Pending(OutboxRow row, DeliveryResult result, string? tag)
    {
        public OutboxRow Row => row;

        public DeliveryResult Result => result;

        public string? Tag => tag;

        public TaskCompletionSource<bool> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage fault, {Cause}: the delivery of outbox row {RowId} could not be recorded; it stays queued (it may be sent again), sending pauses {Seconds} s")]
    private static partial void LogRecordFailed(ILogger logger, string cause, long rowId, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} blocked the bot; it is marked and its queued messages dropped")]
    private static partial void LogUnreachable(ILogger logger, long chatId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {RowId} ({Kind}) was refused and dropped: {Reason}")]
    private static partial void LogRejected(ILogger logger, long rowId, string kind, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast message {RowId} failed {Attempts} times and is recorded as failed: {Reason}")]
    private static partial void LogBroadcastGaveUp(ILogger logger, long rowId, int attempts, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} failed (attempt {Attempt}); retrying in {Seconds} s: {Reason}")]
    private static partial void LogFailed(ILogger logger, long rowId, int attempt, double seconds, string? reason);
}

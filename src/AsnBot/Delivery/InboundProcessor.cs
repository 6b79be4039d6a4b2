using AsnBot.Data;
using AsnBot.Data.Outbox;
using AsnBot.Data.Residents;
using AsnBot.Data.Updates;
using AsnBot.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsnBot.Delivery;

/// <summary>
/// The transaction boundary of updates: the engine's state changes, the replies it queues in the
/// outbox and the advanced update offset commit together, or not at all.
/// </summary>
public sealed partial class InboundProcessor(
    IDatabase database,
    IConversation engine,
    OutboxSignal signal,
    InboundRateLimiter flood,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<InboundProcessor> logger)
{
    private const string Savepoint = "update";

    /// <summary>A wait for the write lock longer than this is worth a line in the log: someone else is writing.</summary>
    private static readonly TimeSpan SlowLock = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Handles a getUpdates batch in one transaction, each update inside its own savepoint. An update at
    /// or below the stored offset was handled before and is skipped. A fault in one conversation rolls
    /// back only that update (its resident gets an apology, and the update is not retried forever); a
    /// storage failure rolls back the batch, which the caller reads again from the unchanged offset. An update
    /// from a user over the <see cref="InboundRateLimiter"/> is dropped, but counts as handled, so the offset moves on.
    /// </summary>
    /// <returns>How many updates were new and are now handled.</returns>
    public int ProcessBatch(IReadOnlyList<(long UpdateId, Inbound? Inbound)> updates)
    {
        using var work = BeginUpdates(updates.Count);
        var next = work.Updates.NextUpdateId();
        var handled = 0;
        foreach (var (updateId, inbound) in updates)
        {
            if (updateId < next)
            {
                continue;
            }

            Apply(work, updateId, inbound);
            next = updateId + 1;
            handled++;
        }

        if (handled > 0)
        {
            work.Updates.Advance(next, time.GetUtcNow());
            work.Commit();
            signal.Notify();
        }

        return handled;
    }

    /// <summary>
    /// Handles one update delivered by webhook in a transaction of its own, which also records its id as handled: an
    /// update delivered again (Telegram's retry, or another instance) changes nothing. The caller runs a chat's updates
    /// one at a time; a storage failure throws, nothing is kept, and Telegram delivers the update again.
    /// </summary>
    /// <returns>True when the update was new and is now handled; false for one handled before.</returns>
    public bool ProcessDelivered(long updateId, Inbound? inbound)
    {
        using var work = BeginUpdates(1);
        if (!work.Updates.MarkHandled(updateId, time.GetUtcNow()))
        {
            return false;
        }

        Apply(work, updateId, inbound);
        work.Commit();
        signal.Notify();
        return true;
    }

    /// <summary>Handles one update; without an id (the console chat) no offset is kept.</summary>
    /// <returns>True when the update was new and is now handled.</returns>
    public bool Process(long? updateId, Inbound? inbound)
    {
        if (updateId is { } id)
        {
            return ProcessBatch([(id, inbound)]) == 1;
        }

        Run((work, _) => Handle(work, updateId: null, inbound));
        return true;
    }

    /// <summary>Runs scheduled work (not an update) in one transaction and queues what it wants to send.</summary>
    public void Run(Func<IUnitOfWork, DateTimeOffset, IReadOnlyList<Outbound>> job)
    {
        using var work = database.Begin();
        Enqueue(work, job(work, time.GetUtcNow()));
        work.Commit();
        signal.Notify();
    }

    private IUnitOfWork BeginUpdates(int count)
    {
        var waitStarted = time.GetTimestamp();
        var work = database.Begin();
        if (time.GetElapsedTime(waitStarted) is var waited && waited >= SlowLock)
        {
            LogSlowLock(logger, waited.TotalSeconds, count);
        }

        return work;
    }

    /// <summary>An update from a user over the inbound limit is dropped (it still counts as handled); others are handled.</summary>
    private void Apply(IUnitOfWork work, long updateId, Inbound? inbound)
    {
        switch (inbound is null ? InboundVerdict.Drop : flood.Check(inbound.UserId))
        {
            case InboundVerdict.Handle:
                Enqueue(work, Handle(work, updateId, inbound));
                break;
            case InboundVerdict.DropAndNotify:
                SlowDown(work, inbound!);
                break;
        }
    }

    private IReadOnlyList<Outbound> Handle(IUnitOfWork work, long? updateId, Inbound? inbound)
    {
        if (inbound is null)
        {
            return [];
        }

        work.Savepoint(Savepoint);
        try
        {
            var replies = engine.Handle(work, inbound, time.GetUtcNow());
            work.ReleaseSavepoint(Savepoint);
            return replies;
        }
        catch (Exception ex) when (database.Classify(ex) is not { IsTransient: true })
        {
            // Busy, locked, unavailable, full or read-only storage clears by itself: that fails the batch, which is read
            // again later. Any other error (a constraint the conversation broke, say) would fail the same way every
            // time, so it is handled like a fault in the conversation instead of stalling every update behind it.
            work.RollbackToSavepoint(Savepoint);
            LogConversationFault(logger, ex, updateId, inbound.Kind);
            var apology = new SendText(inbound.ChatId, engine.Texts.Get(LanguageOf(work, inbound), "error.internal"));
            return inbound.ButtonId is { } button ? [new AnswerButton(inbound.ChatId, button), apology] : [apology];
        }
    }

    /// <summary>
    /// The one notice a minute a user over the inbound limit gets, ahead of the replies queued for them (which it
    /// would otherwise wait behind, or be superseded by); in a group nobody is told, to spare its budget.
    /// </summary>
    private void SlowDown(IUnitOfWork work, Inbound inbound)
    {
        LogFlooding(logger, inbound.UserId);
        if (inbound.ChatId > 0)
        {
            var notice = new SendText(inbound.ChatId, engine.Texts.Get(LanguageOf(work, inbound), "flood.slowDown"));
            Queue(work, new OutboxReply(notice.ChatId, OutboundJson.Kind(notice), OutboundJson.Serialize(notice), Ahead: true));
        }
    }

    private static Texts.Language LanguageOf(IUnitOfWork work, Inbound inbound) =>
        Texts.Languages.FromCode(work.Residents.Find(inbound.UserId)?.Language ?? inbound.LanguageCode);

    private void Enqueue(IUnitOfWork work, IReadOnlyList<Outbound> replies)
    {
        foreach (var outbound in replies.SelectMany(MessageLimits.Fit))
        {
            Queue(work, new OutboxReply(outbound.ChatId, OutboundJson.Kind(outbound), OutboundJson.Serialize(outbound), (outbound as EditText)?.MessageId));
        }
    }

    private void Queue(IUnitOfWork work, OutboxReply reply)
    {
        if (work.Outbox.QueueReply(reply, options.Value.MaxQueuedPerChat, time.GetUtcNow()) is > 0 and var superseded)
        {
            LogSuperseded(logger, superseded, reply.ChatId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waited {Seconds:F1} s for the database: database is locked by another connection or process; {Count} updates stayed unconfirmed meanwhile")]
    private static partial void LogSlowLock(ILogger logger, double seconds, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} sends faster than the inbound limit; updates over it are dropped and they are asked to slow down (once a minute)")]
    private static partial void LogFlooding(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} queued messages to chat {ChatId} were superseded by newer ones")]
    private static partial void LogSuperseded(ILogger logger, int count, long chatId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling update {UpdateId} ({Kind}) failed; the resident was sent an apology")]
    private static partial void LogConversationFault(ILogger logger, Exception exception, long? updateId, InboundKind kind);
}

using AsnBot.Conversations;
using AsnBot.Data;
using AsnBot.Data.Outbox;
using AsnBot.Data.Updates;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AsnBot.Delivery;

/// <summary>
/// The transaction boundary of one update: the engine's state changes, the replies it queues in the
/// outbox and the advanced update offset commit together, or not at all.
/// </summary>
public sealed partial class InboundProcessor(
    Database database,
    ConversationEngine engine,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<InboundProcessor> logger)
{
    /// <summary>
    /// Handles one update. An update at or below the stored offset was handled before and is skipped.
    /// Storage failures propagate (the caller retries the same update later); a fault in the
    /// conversation itself is logged, the resident gets an apology, and the update is not retried forever.
    /// </summary>
    /// <returns>True when the update was new and is now handled.</returns>
    public bool Process(long? updateId, Inbound? inbound)
    {
        try
        {
            return Commit(updateId, work => inbound is null ? [] : engine.Handle(work, inbound, time.GetUtcNow()));
        }
        catch (Exception ex) when (ex is not SqliteException && inbound is not null)
        {
            LogConversationFault(logger, ex, updateId, inbound.Kind);
            return Commit(updateId, _ => [new SendText(inbound.ChatId, ApologyText(inbound))]);
        }
    }

    /// <summary>
    /// Handles a getUpdates batch in one transaction, each update inside its own savepoint: a fault in
    /// one conversation rolls back only that update (and its resident gets an apology); a storage
    /// failure rolls back the batch, which is then read again from the unchanged offset.
    /// </summary>
    public void ProcessBatch(IReadOnlyList<(long UpdateId, Inbound? Inbound)> updates)
    {
        using var work = database.Begin();
        var next = UpdateLog.NextUpdateId(work.Connection, work.Transaction);
        var any = false;
        foreach (var (updateId, inbound) in updates)
        {
            if (updateId < next)
            {
                continue;
            }

            var now = time.GetUtcNow();
            IReadOnlyList<Outbound> replies = [];
            if (inbound is not null)
            {
                work.Transaction.Save("update");
                try
                {
                    replies = engine.Handle(work, inbound, now);
                    work.Transaction.Release("update");
                }
                catch (Exception ex) when (ex is not SqliteException)
                {
                    work.Transaction.Rollback("update");
                    LogConversationFault(logger, ex, updateId, inbound.Kind);
                    replies = [new SendText(inbound.ChatId, ApologyText(inbound))];
                }
            }

            Enqueue(work, replies, now);
            next = updateId + 1;
            any = true;
        }

        if (any)
        {
            UpdateLog.Advance(work, next, time.GetUtcNow());
            work.Commit();
            signal.Notify();
        }
    }

    /// <summary>Runs scheduled work (not an update) in one transaction and queues what it wants to send.</summary>
    public void Run(Func<UnitOfWork, DateTimeOffset, IReadOnlyList<Outbound>> job) =>
        Commit(updateId: null, work => job(work, time.GetUtcNow()));

    private bool Commit(long? updateId, Func<UnitOfWork, IReadOnlyList<Outbound>> handle)
    {
        using var work = database.Begin();
        if (updateId is { } id && id < UpdateLog.NextUpdateId(work.Connection, work.Transaction))
        {
            return false;
        }

        var now = time.GetUtcNow();
        Enqueue(work, handle(work), now);

        if (updateId is { } handled)
        {
            UpdateLog.Advance(work, handled + 1, now);
        }

        work.Commit();
        signal.Notify();
        return true;
    }

    private static void Enqueue(UnitOfWork work, IReadOnlyList<Outbound> replies, DateTimeOffset now)
    {
        foreach (var outbound in replies)
        {
            OutboxStore.Enqueue(work, outbound.ChatId, OutboxPriority.Reply, OutboundJson.Kind(outbound), OutboundJson.Serialize(outbound), now);
        }
    }

    private string ApologyText(Inbound inbound) =>
        engine.Texts.Get(Texts.Languages.FromCode(inbound.LanguageCode), "error.internal");

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling update {UpdateId} ({Kind}) failed; the resident was sent an apology")]
    private static partial void LogConversationFault(ILogger logger, Exception exception, long? updateId, InboundKind kind);
}

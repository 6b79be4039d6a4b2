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
        foreach (var outbound in handle(work))
        {
            OutboxStore.Enqueue(work, outbound.ChatId, OutboxPriority.Reply, OutboundJson.Kind(outbound), OutboundJson.Serialize(outbound), now);
        }

        if (updateId is { } handled)
        {
            UpdateLog.Advance(work, handled + 1, now);
        }

        work.Commit();
        signal.Notify();
        return true;
    }

    private string ApologyText(Inbound inbound) =>
        engine.Texts.Get(Texts.Languages.FromCode(inbound.LanguageCode), "error.internal");

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling update {UpdateId} ({Kind}) failed; the resident was sent an apology")]
    private static partial void LogConversationFault(ILogger logger, Exception exception, long? updateId, InboundKind kind);
}

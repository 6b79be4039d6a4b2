using AsnBot.Data.Cluster;
using Dapper;

namespace AsnBot.Data.Outbox;

internal sealed class OutboxStore(UnitOfWork work) : IOutboxStore
{
    private const string Insert = """
        INSERT INTO outbox (chat_id, priority, kind, payload, created_at, broadcast_id)
        VALUES (@chatId, @priority, @kind, @payload, @now, @broadcastId)
        """;

    // One message per chat at a time: the chat's oldest reply, or its broadcast message when no reply waits
    // (a reply overtakes an invitation queued for the same chat; replies keep their order). Button answers
    // are not messages in the chat; they are due at once, beside the chat's next message.
    // Only what the sender needs to choose; the payload is read when the row is sent (see Find).
    internal const string SelectDue = """
        SELECT id AS Id, chat_id AS ChatId, kind AS Kind, broadcast_id AS BroadcastId
        FROM outbox o
        WHERE (o.kind = 'answer'
               OR o.id = (SELECT id FROM outbox WHERE chat_id = o.chat_id AND kind <> 'answer' ORDER BY priority, id LIMIT 1))
          AND (o.not_before IS NULL OR o.not_before <= @now)
          AND (o.lease_until IS NULL OR o.lease_until <= @now OR o.claimed_by = @owner)
        ORDER BY o.priority, o.id
        LIMIT @limit
        """;

    private const string InsertReply = """
        INSERT INTO outbox (chat_id, priority, kind, payload, created_at, edit_of)
        VALUES (@chatId, @priority, @kind, @payload, @now, @editOf)
        """;

    private const string DeleteOlderEdits = "DELETE FROM outbox WHERE chat_id = @chatId AND edit_of = @editOf";

    // The replies of a private chat beyond the newest @keep, less the rows queued ahead (which are never superseded):
    // messages and edits only (a document is an export whose file must be sent or deleted, a button answer is not a
    // message), never broadcasts.
    private const string DeleteBeyondNewest = """
        DELETE FROM outbox
        WHERE chat_id = @chatId AND priority = 0 AND kind IN ('send', 'edit')
          AND id < (SELECT id FROM outbox
                    WHERE chat_id = @chatId AND priority = 0 AND kind IN ('send', 'edit')
                    ORDER BY id DESC
                    LIMIT 1 OFFSET @keep - 1 - (SELECT COUNT(*) FROM outbox WHERE chat_id = @chatId AND priority < 0))
        """;

    private const string SelectQueued = """
        SELECT id AS Id, chat_id AS ChatId, priority AS Priority, kind AS Kind, payload AS Payload,
               attempts AS Attempts, not_before AS NotBefore, created_at AS CreatedAt, broadcast_id AS BroadcastId
        FROM outbox
        WHERE id = @id AND (not_before IS NULL OR not_before <= @now)
        """;

    // Several instances: the row is claimed unless another sender's lease on it still runs, and a row another
    // transaction has locked (claiming it at this moment) is skipped rather than waited for. The claim it replaces, if
    // any, was a sender that never finished the row (a delivery or a retry clears it): a takeover. The owner's own
    // claim (a send whose outcome could not be recorded) is claimed again at once. A sender whose turn is no longer the
    // newest (another instance took sending over) claims nothing.
    private const string ClaimLeased = """
        WITH old AS (
            SELECT id, claimed_by FROM outbox
            WHERE id = @id AND (not_before IS NULL OR not_before <= @now)
              AND (lease_until IS NULL OR lease_until <= @now OR claimed_by = @owner)
              AND (@epoch = 0 OR EXISTS (SELECT 1 FROM duty_fence WHERE duty = @duty AND epoch = @epoch))
            FOR UPDATE OF outbox SKIP LOCKED)
        UPDATE outbox o SET claimed_by = @owner, lease_until = @leaseUntil
        FROM old
        WHERE o.id = old.id
        RETURNING o.id AS Id, o.chat_id AS ChatId, o.priority AS Priority, o.kind AS Kind, o.payload AS Payload,
                  o.attempts AS Attempts, o.not_before AS NotBefore, o.created_at AS CreatedAt, o.broadcast_id AS BroadcastId,
                  NULLIF(old.claimed_by, @owner) AS TakenOverFrom
        """;

    private const string CutOthersLeases = "UPDATE outbox SET lease_until = @by WHERE claimed_by <> @owner AND lease_until > @by";

    private const string SelectEarliestNotBefore = "SELECT MIN(not_before) FROM outbox WHERE not_before IS NOT NULL";
    private const string DeleteOne = "DELETE FROM outbox WHERE id = @id";
    private const string DeleteChat = "DELETE FROM outbox WHERE chat_id = @chatId";
    private const string UpdateRetry =
        "UPDATE outbox SET attempts = attempts + 1, not_before = @notBefore, claimed_by = NULL, lease_until = NULL WHERE id = @id";

    private const string UpdatePostpone = "UPDATE outbox SET not_before = @notBefore, claimed_by = NULL, lease_until = NULL WHERE id = @id";

    public void Enqueue(long chatId, int priority, string kind, string payload, DateTimeOffset now, long? broadcastId = null) =>
        work.Connection.Execute(Insert, new { chatId, priority, kind, payload, now, broadcastId }, work.Transaction);

    /// <summary>
    /// Queues a reply. An edit supersedes the edits of the same message still queued (only its newest state
    /// matters) and, in a group, goes before the messages queued there. In a private chat at most
    /// <paramref name="maxQueued"/> messages wait: older unsent replies are superseded (deleted), never reordered, so
    /// one person sending without pause cannot build a backlog that costs everyone. A row already on the wire is sent anyway.
    /// </summary>
    /// <returns>How many queued rows the new one superseded.</returns>
    public int QueueReply(OutboxReply reply, int maxQueued, DateTimeOffset now)
    {
        var (chatId, kind, payload, editOf, ahead) = reply;
        var superseded = editOf is null ? 0 : work.Connection.Execute(DeleteOlderEdits, new { chatId, editOf }, work.Transaction);
        var priority = ahead || (editOf is not null && chatId < 0) ? OutboxPriority.Ahead : OutboxPriority.Reply;
        work.Connection.Execute(InsertReply, new { chatId, priority, kind, payload, now, editOf }, work.Transaction);
        if (chatId > 0)
        {
            superseded += work.Connection.Execute(DeleteBeyondNewest, new { chatId, keep = maxQueued }, work.Transaction);
        }

        return superseded;
    }

    /// <summary>
    /// The rows that may be sent now, in the order they should go, without their payloads: none leased to another
    /// sender whose lease still runs (<paramref name="owner"/>'s own are due).
    /// </summary>
    public IReadOnlyList<OutboxDue> Due(DateTimeOffset now, int limit, string? owner = null) =>
        work.Connection.Query<OutboxDue>(SelectDue, new { now, limit, owner }, work.Transaction).AsList();

    /// <summary>
    /// The row as it is now, or null when it is no longer queued or no longer due (dropped, erased, postponed). Ids
    /// are never used twice, so an id read earlier names this row or none. Several instances (PostgreSQL): the row is
    /// leased to <paramref name="owner"/> until <paramref name="leaseUntil"/>. One process alone sends from a SQLite
    /// file: the claim is only the read, and no write waits here behind the update path's writer.
    /// </summary>
    public OutboxRow? Claim(long id, string owner, DutyTurn turn, DateTimeOffset now, DateTimeOffset leaseUntil) => work.Dialect.SharedByInstances
        ? work.Connection.QuerySingleOrDefault<OutboxRow>(
            ClaimLeased, new { id, owner, now, leaseUntil, duty = (int)turn.Duty, epoch = turn.Epoch }, work.Transaction)
        : work.Connection.QuerySingleOrDefault<OutboxRow>(SelectQueued, new { id, now }, work.Transaction);

    public void CutLeases(string owner, DateTimeOffset by)
    {
        if (work.Dialect.SharedByInstances)
        {
            work.Connection.Execute(CutOthersLeases, new { owner, by }, work.Transaction);
        }
    }

    public DateTimeOffset? EarliestNotBefore() =>
        work.Connection.QuerySingleOrDefault<DateTimeOffset?>(SelectEarliestNotBefore, transaction: work.Transaction);

    public void Delivered(long id) => work.Connection.Execute(DeleteOne, new { id }, work.Transaction);

    /// <summary>The chat can no longer be reached (blocked the bot): drop what is queued for it.</summary>
    public void DropChat(long chatId) =>
        work.Connection.Execute(DeleteChat, new { chatId }, work.Transaction);

    /// <summary>A failed attempt: counts it and waits before the next.</summary>
    public void RetryLater(long id, DateTimeOffset notBefore) =>
        work.Connection.Execute(UpdateRetry, new { id, notBefore }, work.Transaction);

    /// <summary>Rate limited: waits exactly as told, without counting an attempt.</summary>
    public void Postpone(long id, DateTimeOffset notBefore) =>
        work.Connection.Execute(UpdatePostpone, new { id, notBefore }, work.Transaction);
}

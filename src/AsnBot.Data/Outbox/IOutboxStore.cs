using AsnBot.Data.Cluster;

namespace AsnBot.Data.Outbox;

/// <summary>Messages waiting to be sent, in the order they should go.</summary>
public interface IOutboxStore
{
    void Enqueue(long chatId, int priority, string kind, string payload, DateTimeOffset now, long? broadcastId = null);

    /// <summary>
    /// Queues a reply. An edit supersedes the edits of the same message still queued (only its newest state
    /// matters) and, in a group, goes before the messages queued there. In a private chat at most
    /// <paramref name="maxQueued"/> messages wait: older unsent replies are superseded (deleted), never reordered, so
    /// one person sending without pause cannot build a backlog that costs everyone. A row already on the wire is sent anyway.
    /// </summary>
    /// <returns>How many queued rows the new one superseded.</returns>
    int QueueReply(OutboxReply reply, int maxQueued, DateTimeOffset now);

    /// <summary>
    /// The rows that may be sent now, in the order they should go, without their payloads: none leased to another
    /// sender whose lease still runs (<paramref name="owner"/>'s own are due).
    /// </summary>
    IReadOnlyList<OutboxDue> Due(DateTimeOffset now, int limit, string? owner = null);

    /// <summary>
    /// Claims the row for <paramref name="owner"/> until <paramref name="leaseUntil"/> and returns it as it is now, or
    /// null when it is no longer queued, no longer due (dropped, erased, postponed) or leased to another sender whose
    /// lease has not run out; null too when <paramref name="turn"/> of sending is no longer the newest (another instance
    /// took sending over). Ids are never used twice, so an id read earlier names this row or none. On a database one
    /// process alone uses (SQLite) nobody else sends, and the claim is only the read.
    /// </summary>
    OutboxRow? Claim(long id, string owner, DutyTurn turn, DateTimeOffset now, DateTimeOffset leaseUntil);

    /// <summary>
    /// A takeover of sending: every lease of a sender other than <paramref name="owner"/> ends by <paramref name="by"/>
    /// at the latest, so rows a dead instance had claimed go out again seconds later, not when their lease would have run out.
    /// </summary>
    void CutLeases(string owner, DateTimeOffset by);

    DateTimeOffset? EarliestNotBefore();

    void Delivered(long id);

    /// <summary>The chat can no longer be reached (blocked the bot): drop what is queued for it.</summary>
    void DropChat(long chatId);

    /// <summary>A failed attempt: counts it and waits before the next.</summary>
    void RetryLater(long id, DateTimeOffset notBefore);

    /// <summary>Rate limited: waits exactly as told, without counting an attempt.</summary>
    void Postpone(long id, DateTimeOffset notBefore);
}

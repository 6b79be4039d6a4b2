namespace AsnBot.Data.Outbox;

/// <summary>An outgoing Telegram action waiting to be delivered. Rows are deleted once delivered.</summary>
public sealed record OutboxRow
{
    public required long Id { get; init; }

    public required long ChatId { get; init; }

    /// <summary>Lower is sooner: replies to residents come before broadcasts.</summary>
    public required int Priority { get; init; }

    public required string Kind { get; init; }

    public required string Payload { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The broadcast this message belongs to; null for replies.</summary>
    public long? BroadcastId { get; init; }

    /// <summary>
    /// The sender whose expired lease this claim took over (it may have sent the message before it died), or null.
    /// </summary>
    public string? TakenOverFrom { get; init; }
}

/// <summary>A reply to queue: the message it edits, if any, and whether it goes ahead of the replies queued for the chat.</summary>
public sealed record OutboxReply(long ChatId, string Kind, string Payload, int? EditOf = null, bool Ahead = false);

/// <summary>A row the sender may send now: enough to choose it; its payload is read when it is sent.</summary>
public sealed record OutboxDue(long Id, long ChatId, string Kind, long? BroadcastId);

public static class OutboxPriority
{
    /// <summary>
    /// Goes before the replies queued for the chat and is never superseded by them: an edit of a message in a group
    /// (a complaint post after a button press, whose newest state matters more than the notices queued before it
    /// for the group's 20 messages a minute), and the notice asking a user who floods the bot to slow down.
    /// </summary>
    public const int Ahead = -1;

    /// <summary>Replies to residents and admins.</summary>
    public const int Reply = 0;

    /// <summary>Invitations and reminders: they wait behind every reply.</summary>
    public const int Broadcast = 1;
}

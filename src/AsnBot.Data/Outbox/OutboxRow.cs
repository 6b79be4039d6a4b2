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
}

/// <summary>A row the sender may send now: enough to choose it; its payload is read when it is sent.</summary>
public sealed record OutboxDue(long Id, long ChatId, string Kind, long? BroadcastId);

public static class OutboxPriority
{
    /// <summary>Replies to residents and admins.</summary>
    public const int Reply = 0;

    /// <summary>Invitations and reminders: they wait behind every reply.</summary>
    public const int Broadcast = 1;
}

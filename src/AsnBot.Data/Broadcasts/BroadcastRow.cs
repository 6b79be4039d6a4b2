namespace AsnBot.Data.Broadcasts;

/// <summary>An invitation (or a reminder of one) to answer a round's survey, sent to many residents.</summary>
public sealed record BroadcastRow
{
    public required long Id { get; init; }

    public required string RoundCode { get; init; }

    public required string Kind { get; init; }

    /// <summary>For a reminder: the invitation it follows up.</summary>
    public long? InvitationId { get; init; }

    /// <summary>Only residents who used this unit; everyone subscribed when null.</summary>
    public string? UnitCode { get; init; }

    public required string Status { get; init; }

    /// <summary>Where the progress message and the summary go.</summary>
    public required long AdminChatId { get; init; }

    public required int Total { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? ProgressText { get; init; }

    public DateTimeOffset? ProgressAt { get; init; }
}

public static class BroadcastKind
{
    public const string Invitation = "invitation";
    public const string Reminder = "reminder";
}

public static class BroadcastStatus
{
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Cancelled = "cancelled";
    public const string Done = "done";
}

/// <summary>Delivery state of one recipient of a broadcast.</summary>
public static class RecipientState
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>Telegram answered 403: the resident blocked the bot.</summary>
    public const string Blocked = "blocked";

    /// <summary>The resident opted out (/berhenti) before their turn came.</summary>
    public const string Skipped = "skipped";
}

/// <summary>How many recipients are in each state.</summary>
public sealed record RecipientCounts
{
    public int Pending { get; init; }

    public int Sent { get; init; }

    public int Failed { get; init; }

    public int Blocked { get; init; }

    public int Skipped { get; init; }

    public int Total => Pending + Sent + Failed + Blocked + Skipped;

    public int Done => Total - Pending;
}

/// <summary>A recipient whose message is to be queued next.</summary>
public sealed record RecipientRow(long UserId, long ChatId, string Language);

namespace AsnBot.Data.Residents;

/// <summary>A resident who gave consent. No row exists for anyone who did not.</summary>
public sealed record ResidentRow
{
    public required long UserId { get; init; }

    public required long ChatId { get; init; }

    public required string Language { get; init; }

    public required string ConsentVersion { get; init; }

    public required DateTimeOffset ConsentedAt { get; init; }

    public bool Subscribed { get; init; } = true;

    public DateTimeOffset? BlockedAt { get; init; }
}

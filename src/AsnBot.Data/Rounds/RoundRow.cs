namespace AsnBot.Data.Rounds;

/// <summary>A survey round: which units it covers and when it takes responses (opens ≤ now &lt; closes).</summary>
public sealed record RoundRow
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string SurveyId { get; init; }

    public required DateTimeOffset OpensAt { get; init; }

    public required DateTimeOffset ClosesAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<string> Units { get; init; } = [];

    public bool IsOpen(DateTimeOffset now) => OpensAt <= now && now < ClosesAt;

    public bool Covers(string unitCode) => Units.Contains(unitCode, StringComparer.OrdinalIgnoreCase);

    /// <summary>Both take responses at some common moment for a common unit.</summary>
    public bool Overlaps(RoundRow other) =>
        OpensAt < other.ClosesAt && other.OpensAt < ClosesAt && Units.Any(other.Covers);
}

namespace AsnBot.Data.Complaints;

/// <summary>A complaint (pengaduan). <see cref="ResidentId"/> is never shown to admins when the complaint is anonymous.</summary>
public sealed record ComplaintRow
{
    public required long Id { get; init; }

    public string? TrackingNo { get; init; }

    public long? ResidentId { get; init; }

    public string? CategoryCode { get; init; }

    public string? UnitCode { get; init; }

    /// <summary>The unit as the reporter named it, when it is not in the list (<see cref="UnitCode"/> is then <see cref="ComplaintUnits.Other"/>).</summary>
    public string? UnitName { get; init; }

    public string? Description { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? Privacy { get; init; }

    public required string Status { get; init; }

    /// <summary>Bumped on every status change; admin buttons carry it, so a press on an old post is refused.</summary>
    public long Version { get; init; }

    public bool Reopened { get; init; }

    public string? DuplicateOf { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? FirstResponseAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? ReopenedAt { get; init; }

    public string? LastOverdueNotice { get; init; }
}

public static class ComplaintUnits
{
    /// <summary>Stored as the unit code of a complaint about a unit outside the configured list.</summary>
    public const string Other = "LAIN";
}

public static class ComplaintPrivacy
{
    public const string Identified = "identified";
    public const string Anonymous = "anonymous";
    public const string Confidential = "confidential";
}

/// <summary>One line of a complaint's audit trail.</summary>
public sealed record ComplaintEventRow
{
    public required long ComplaintId { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>"resident", "system" or "admin:&lt;telegram id&gt;" — the reporter is never named.</summary>
    public required string Actor { get; init; }

    public string? FromStatus { get; init; }

    public required string ToStatus { get; init; }

    public string? Note { get; init; }
}

public sealed record ComplaintPhotoRow
{
    public required long ComplaintId { get; init; }

    public required int Seq { get; init; }

    public required string FileId { get; init; }

    public required string Status { get; init; }

    public string? Path { get; init; }

    public long? Bytes { get; init; }

    public int Attempts { get; init; }
}

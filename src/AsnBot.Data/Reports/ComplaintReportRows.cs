namespace AsnBot.Data.Reports;

/// <summary>
/// Which filed complaints a report or export reads: never drafts. Instants are compared in UTC against
/// <c>submitted_at</c>, the moment the complaint was filed.
/// </summary>
public sealed record ComplaintFilter
{
    public string? UnitCode { get; init; }

    /// <summary>Inclusive lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound.</summary>
    public DateTimeOffset? To { get; init; }
}

/// <summary>
/// A filed complaint as read for reports and exports. <see cref="ResidentId"/> is here only so the
/// exporter can pseudonymise identified complaints; it must never be written for any other.
/// </summary>
public sealed record StoredComplaint
{
    public required long Id { get; init; }

    public required string TrackingNo { get; init; }

    public long? ResidentId { get; init; }

    public string? CategoryCode { get; init; }

    public string? UnitCode { get; init; }

    /// <summary>The name the reporter typed for a unit outside the list.</summary>
    public string? UnitName { get; init; }

    public string? Description { get; init; }

    public bool HasLocation { get; init; }

    public string? Privacy { get; init; }

    public required string Status { get; init; }

    public bool Reopened { get; init; }

    public string? DuplicateOf { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? FirstResponseAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public long PhotoCount { get; init; }
}

/// <summary>One line of the audit trail of a filed complaint, with the complaint's number and privacy.</summary>
public sealed record StoredComplaintEvent
{
    public required string TrackingNo { get; init; }

    public string? Privacy { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>"resident", "system" or "admin:&lt;telegram id&gt;" (staff); the reporter is never named.</summary>
    public required string Actor { get; init; }

    public string? FromStatus { get; init; }

    public required string ToStatus { get; init; }

    public string? Note { get; init; }
}

/// <summary>Complaint figures counted in the database from stored timings, and the complaints still to be worked out one by one.</summary>
public sealed record ComplaintFigureGroups
{
    /// <summary>Filed complaints per unit, month of filing and category.</summary>
    public required IReadOnlyList<ComplaintGroup> Categories { get; init; }

    /// <summary>
    /// Per unit and month: answered in time or not with the working days it took (<see cref="ComplaintGroup.Days"/>),
    /// or (unanswered) the last day a first response is in time.
    /// </summary>
    public required IReadOnlyList<ComplaintGroup> FirstResponses { get; init; }

    /// <summary>Per unit and month: working days to resolution (<see cref="ComplaintGroup.Days"/>), resolved or closed ones only.</summary>
    public required IReadOnlyList<ComplaintGroup> Resolutions { get; init; }

    /// <summary>The complaints without a current stored timing, with the columns the figures count.</summary>
    public required IReadOnlyList<StoredComplaint> Untimed { get; init; }
}

/// <summary>How many complaints of a unit and month of filing share a value; only the value its list counts by is set.</summary>
public sealed record ComplaintGroup
{
    public string? UnitCode { get; init; }

    /// <summary>The first day of the month of filing (WIB).</summary>
    public required DateOnly Month { get; init; }

    public string? CategoryCode { get; init; }

    public bool? FirstResponseInTime { get; init; }

    public DateOnly? FirstResponseDueOn { get; init; }

    public int? Days { get; init; }

    public required long Count { get; init; }
}

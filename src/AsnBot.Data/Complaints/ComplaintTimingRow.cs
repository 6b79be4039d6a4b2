namespace AsnBot.Data.Complaints;

/// <summary>What the reports count of one filed complaint, worked out from its times (days in WIB).</summary>
public sealed record ComplaintTimingRow
{
    public required long Id { get; init; }

    /// <summary>The first day of the month it was filed in.</summary>
    public required DateOnly SubmittedMonth { get; init; }

    /// <summary>The next deadline while it is open; null when none is running.</summary>
    public DateOnly? DeadlineOn { get; init; }

    /// <summary>The last day a first response is in time, while there is none; null once answered.</summary>
    public DateOnly? FirstResponseDueOn { get; init; }

    /// <summary>Whether its first response came in time; null while there is none.</summary>
    public bool? FirstResponseInTime { get; init; }

    public int? DaysToFirstResponse { get; init; }

    /// <summary>Working days to its resolution while it is resolved or closed; null otherwise.</summary>
    public int? DaysToResolution { get; init; }
}

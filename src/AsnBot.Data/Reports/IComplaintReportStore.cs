namespace AsnBot.Data.Reports;

/// <summary>Read-only, streaming queries over filed complaints for the complaint export and the report's complaint figures.</summary>
public interface IComplaintReportStore
{
    /// <summary>Filed complaints by submission time; one forward-only reader, one row in memory at a time.</summary>
    IAsyncEnumerable<StoredComplaint> ReadComplaintsAsync(ComplaintFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same complaints as <see cref="ReadComplaintsAsync"/>, with only what the complaint figures count: number,
    /// unit, category, status and the submission, first-response and resolution times (no reporter, story, location
    /// or photos).
    /// </summary>
    IAsyncEnumerable<StoredComplaint> ReadFigureColumnsAsync(ComplaintFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// The figures of the complaints filed in <paramref name="firstMonth"/> (WIB) or later, from their stored timings
    /// (<see cref="Complaints.IComplaintTimingStore"/>), counted per unit and month of filing; and those without a current
    /// timing of <paramref name="basis"/> one by one, as <see cref="ReadFigureColumnsAsync"/> reads them with
    /// <paramref name="filter"/> (which must name the same complaints: from the start of that month, no end). All read in
    /// one snapshot, so each complaint is in exactly one of them.
    /// </summary>
    Task<ComplaintFigureGroups> ReadFigureGroupsAsync(ComplaintFilter filter, DateOnly firstMonth, string basis, CancellationToken cancellationToken = default);

    /// <summary>The audit trail of the same complaints <see cref="ReadComplaintsAsync"/> reads, in the same order.</summary>
    IAsyncEnumerable<StoredComplaintEvent> ReadEventsAsync(ComplaintFilter filter, CancellationToken cancellationToken = default);
}

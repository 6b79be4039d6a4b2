using AsnBot.Data.Complaints;

namespace AsnBot.Data.Reports;

/// <summary>Read-only queries of the dashboard's Pengaduan and Putaran pages.</summary>
public interface IDashboardStore
{
    /// <summary>
    /// The <paramref name="limit"/> oldest open complaints that are not confidential, with the reporter only for
    /// identified ones.
    /// </summary>
    Task<IReadOnlyList<ComplaintRow>> OpenComplaintsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Every open complaint: where its stored timing of <paramref name="basis"/> is current, counted by unit, privacy
    /// and where its deadline falls against <paramref name="firstBound"/> and <paramref name="secondBound"/>; otherwise one
    /// by one with only its unit, privacy, status and the times its deadline is counted from (submitted, first response,
    /// reopened). Never a number, reporter or story.
    /// </summary>
    Task<OpenDeadlines> OpenDeadlinesAsync(string basis, DateOnly firstBound, DateOnly secondBound, CancellationToken cancellationToken);

    /// <summary>Every invitation and reminder with how many were delivered and how many of those answered.</summary>
    Task<IReadOnlyList<BroadcastReach>> BroadcastsAsync(CancellationToken cancellationToken);
}

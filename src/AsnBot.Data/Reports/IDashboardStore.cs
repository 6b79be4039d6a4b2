using AsnBot.Data.Complaints;

namespace AsnBot.Data.Reports;

/// <summary>Read-only queries of the dashboard's Pengaduan and Putaran pages.</summary>
public interface IDashboardStore
{
    /// <summary>
    /// Open complaints, oldest first, with the reporter only for identified ones and no story for confidential ones.
    /// </summary>
    Task<IReadOnlyList<ComplaintRow>> OpenComplaintsAsync(string? unit, CancellationToken cancellationToken);

    /// <summary>Every invitation and reminder with how many were delivered and how many of those answered.</summary>
    Task<IReadOnlyList<BroadcastReach>> BroadcastsAsync(CancellationToken cancellationToken);
}

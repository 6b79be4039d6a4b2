using AsnBot.Data.Complaints;
using Dapper;

namespace AsnBot.Data.Reports;

/// <summary>Read-only queries of the dashboard's Pengaduan and Putaran pages.</summary>
internal sealed class DashboardStore(SqlDatabase database) : IDashboardStore
{
    // The same open statuses as the admins' /aduan list. The reporter is read only for identified complaints and
    // the story never for confidential ones, so no page can show what the exports leave out.
    private const string SelectOpen = """
        SELECT id AS Id, tracking_no AS TrackingNo,
               CASE WHEN privacy = 'identified' THEN resident_id END AS ResidentId, category_code AS CategoryCode,
               unit_code AS UnitCode, unit_name AS UnitName,
               CASE WHEN privacy = 'confidential' THEN NULL ELSE description END AS Description, privacy AS Privacy,
               status AS Status, reopened AS Reopened, created_at AS CreatedAt, submitted_at AS SubmittedAt,
               first_response_at AS FirstResponseAt, resolved_at AS ResolvedAt, reopened_at AS ReopenedAt
        FROM complaint
        WHERE status IN ('submitted', 'verified', 'in_progress', 'reopened') AND privacy IS DISTINCT FROM 'confidential'
        ORDER BY submitted_at, id
        LIMIT @limit
        """;

    // Every open complaint, with only what its deadline state and the counts need.
    private const string SelectOpenDeadlines = """
        SELECT id AS Id, unit_code AS UnitCode, privacy AS Privacy, status AS Status,
               submitted_at AS SubmittedAt, first_response_at AS FirstResponseAt, reopened_at AS ReopenedAt
        FROM complaint
        WHERE status IN ('submitted', 'verified', 'in_progress', 'reopened')
        """;

    // A recipient answered when they submitted a response of the broadcast's round after it started.
    private const string SelectBroadcasts = """
        SELECT b.id AS Id, b.round_code AS RoundCode, b.kind AS Kind, b.unit_code AS UnitCode, b.status AS Status,
               b.total AS Total, b.created_at AS CreatedAt,
               COUNT(br.user_id) AS Sent,
               COUNT(CASE WHEN EXISTS (
                   SELECT 1 FROM response r
                   WHERE r.resident_id = br.user_id AND r.round_code = b.round_code AND r.status = 'submitted' AND r.submitted_at >= b.created_at)
                   THEN 1 END) AS Answered
        FROM broadcast b
        LEFT JOIN broadcast_recipient br ON br.broadcast_id = b.id AND br.state = 'sent'
        GROUP BY b.id
        ORDER BY b.created_at, b.id
        """;

    public async Task<IReadOnlyList<ComplaintRow>> OpenComplaintsAsync(int limit, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<ComplaintRow>(new CommandDefinition(SelectOpen, new { limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<ComplaintRow>> OpenDeadlinesAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<ComplaintRow>(new CommandDefinition(SelectOpenDeadlines, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<BroadcastReach>> BroadcastsAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<BroadcastReach>(new CommandDefinition(SelectBroadcasts, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}

/// <summary>A broadcast's reach: recipients, delivered messages, and delivered recipients who then answered.</summary>
public sealed record BroadcastReach
{
    public required long Id { get; init; }

    public required string RoundCode { get; init; }

    public required string Kind { get; init; }

    public string? UnitCode { get; init; }

    public required string Status { get; init; }

    public required long Total { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required long Sent { get; init; }

    public required long Answered { get; init; }

    public decimal? ResponseRatePercent => Sent == 0 ? null : Answered * 100m / Sent;
}

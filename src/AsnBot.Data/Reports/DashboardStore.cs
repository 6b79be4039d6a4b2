using AsnBot.Data.Complaints;
using Dapper;

namespace AsnBot.Data.Reports;

/// <summary>Read-only queries of the dashboard's Pengaduan and Putaran pages.</summary>
internal sealed class DashboardStore(Database database) : IDashboardStore
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
        WHERE status IN ('submitted', 'verified', 'in_progress', 'reopened') AND privacy IS NOT 'confidential'
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

    private const string SelectUntimedOpenDeadlines = $"{SelectOpenDeadlines} AND timed = 0";

    // Open complaints with a current stored deadline, counted per unit, privacy and deadline (ix_complaint_timed_open covers it).
    private const string SelectDeadlineGroups = """
        SELECT unit_code AS UnitCode, privacy AS Privacy, deadline_on AS DeadlineOn, COUNT(*) AS Count
        FROM complaint
        WHERE timed = 1 AND status IN ('submitted', 'verified', 'in_progress', 'reopened')
        GROUP BY unit_code, privacy, deadline_on
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

    public async Task<OpenDeadlines> OpenDeadlinesAsync(string basis, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var current = await connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition(ComplaintTimingStore.SelectBasis, transaction: snapshot, cancellationToken: cancellationToken)) == basis;
        var groups = current
            ? (await connection.QueryAsync<DeadlineGroup>(new CommandDefinition(SelectDeadlineGroups, transaction: snapshot, cancellationToken: cancellationToken))).AsList()
            : [];
        var untimed = await connection.QueryAsync<ComplaintRow>(
            new CommandDefinition(current ? SelectUntimedOpenDeadlines : SelectOpenDeadlines, transaction: snapshot, cancellationToken: cancellationToken));
        var open = new OpenDeadlines { Groups = groups, Untimed = untimed.AsList() };
        snapshot.Commit();
        return open;
    }

    public async Task<IReadOnlyList<BroadcastReach>> BroadcastsAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<BroadcastReach>(new CommandDefinition(SelectBroadcasts, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}

/// <summary>Open complaints by stored deadline, and those without a current stored one one by one (read in one snapshot).</summary>
public sealed record OpenDeadlines
{
    public required IReadOnlyList<DeadlineGroup> Groups { get; init; }

    /// <summary>Open complaints without a current stored deadline, with only their unit, privacy, status and times.</summary>
    public required IReadOnlyList<ComplaintRow> Untimed { get; init; }
}

/// <summary>How many open complaints of a unit and privacy have the same next deadline (null: none running).</summary>
public sealed record DeadlineGroup
{
    public string? UnitCode { get; init; }

    public string? Privacy { get; init; }

    public DateOnly? DeadlineOn { get; init; }

    public required long Count { get; init; }
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

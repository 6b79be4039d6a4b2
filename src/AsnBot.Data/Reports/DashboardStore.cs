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

    private const string SelectUntimedOpenDeadlines = $"{SelectOpenDeadlines} AND timed = 0";

    // Open complaints with a current stored deadline, counted per status, unit and privacy by where the deadline falls
    // against the two days given (ix_complaint_timed_open, walked in this order).
    private const string SelectDeadlineCounts = """
        SELECT unit_code AS UnitCode, privacy AS Privacy,
               COUNT(CASE WHEN deadline_on < @firstBound THEN 1 END) AS BeforeFirst,
               COUNT(CASE WHEN deadline_on >= @firstBound AND deadline_on < @secondBound THEN 1 END) AS BeforeSecond,
               COUNT(CASE WHEN deadline_on >= @secondBound THEN 1 END) AS Later,
               COUNT(CASE WHEN deadline_on IS NULL THEN 1 END) AS None
        FROM complaint
        WHERE timed = 1 AND status IN ('submitted', 'verified', 'in_progress', 'reopened')
        GROUP BY status, unit_code, privacy
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

    public async Task<OpenDeadlines> OpenDeadlinesAsync(string basis, DateOnly firstBound, DateOnly secondBound, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var snapshot = database.BeginSnapshot(connection);
        var current = await connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition(ComplaintTimingStore.SelectBasis, transaction: snapshot, cancellationToken: cancellationToken)) == basis;
        var groups = current
            ? (await connection.QueryAsync<DeadlineCounts>(
                new CommandDefinition(SelectDeadlineCounts, new { firstBound, secondBound }, snapshot, cancellationToken: cancellationToken))).AsList()
            : [];
        var untimed = await connection.QueryAsync<ComplaintRow>(
            new CommandDefinition(current ? SelectUntimedOpenDeadlines : SelectOpenDeadlines, transaction: snapshot, cancellationToken: cancellationToken));
        var open = new OpenDeadlines { Counts = groups, Untimed = untimed.AsList() };
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

/// <summary>Open complaints counted by stored deadline, and those without a current stored one one by one (read in one snapshot).</summary>
public sealed record OpenDeadlines
{
    public required IReadOnlyList<DeadlineCounts> Counts { get; init; }

    /// <summary>Open complaints without a current stored deadline, with only their unit, privacy, status and times.</summary>
    public required IReadOnlyList<ComplaintRow> Untimed { get; init; }
}

/// <summary>Open complaints of a unit and privacy (of one status) by where their stored deadline falls against two days.</summary>
public sealed record DeadlineCounts
{
    public string? UnitCode { get; init; }

    public string? Privacy { get; init; }

    /// <summary>Deadline before the first day.</summary>
    public required long BeforeFirst { get; init; }

    /// <summary>Deadline on or after the first day and before the second.</summary>
    public required long BeforeSecond { get; init; }

    /// <summary>Deadline on or after the second day.</summary>
    public required long Later { get; init; }

    /// <summary>No deadline running.</summary>
    public required long None { get; init; }
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

using Dapper;

namespace AsnBot.Data.Complaints;

/// <summary>The SQLite <see cref="IComplaintTimingStore"/>: columns of <c>complaint</c>, made stale by a trigger.</summary>
internal sealed class ComplaintTimingStore(UnitOfWork work) : IComplaintTimingStore
{
    internal const string SelectBasis = "SELECT basis FROM complaint_timing_basis";

    private const string Reset = """
        UPDATE complaint SET timed = 0 WHERE timed = 1;
        DELETE FROM complaint_timing_basis;
        INSERT INTO complaint_timing_basis (basis) VALUES (@basis);
        """;

    private const string SelectUntimed = """
        SELECT id AS Id, tracking_no AS TrackingNo, unit_code AS UnitCode, privacy AS Privacy, status AS Status, created_at AS CreatedAt,
               submitted_at AS SubmittedAt, first_response_at AS FirstResponseAt, resolved_at AS ResolvedAt, reopened_at AS ReopenedAt
        FROM complaint
        WHERE timed = 0 AND status <> 'draft' AND submitted_at IS NOT NULL AND tracking_no IS NOT NULL
        LIMIT @limit
        """;

    private const string Update = """
        UPDATE complaint SET timed = 1, submitted_month = @SubmittedMonth, deadline_on = @DeadlineOn, first_response_due_on = @FirstResponseDueOn,
            first_response_in_time = @FirstResponseInTime, first_response_days = @DaysToFirstResponse, resolution_days = @DaysToResolution
        WHERE id = @Id
        """;

    public string? Basis() => work.Connection.QuerySingleOrDefault<string>(SelectBasis, transaction: work.Transaction);

    public void Rebase(string basis) => work.Connection.Execute(Reset, new { basis }, work.Transaction);

    public IReadOnlyList<ComplaintRow> Untimed(int limit) =>
        work.Connection.Query<ComplaintRow>(SelectUntimed, new { limit }, work.Transaction).AsList();

    public void Save(IEnumerable<ComplaintTimingRow> timings) => work.Connection.Execute(Update, timings, work.Transaction);
}

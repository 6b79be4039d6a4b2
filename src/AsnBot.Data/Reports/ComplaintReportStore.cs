using System.Runtime.CompilerServices;
using AsnBot.Data.Complaints;
using Dapper;

namespace AsnBot.Data.Reports;

/// <summary>Read-only, streaming queries over filed complaints for the complaint export and the report's complaint figures.</summary>
internal sealed class ComplaintReportStore(SqlDatabase database) : IComplaintReportStore
{
    private const string Where = """
        c.status <> 'draft' AND c.submitted_at IS NOT NULL AND c.tracking_no IS NOT NULL
          AND (@UnitCode IS NULL OR c.unit_code = @UnitCode)
          AND (@From IS NULL OR c.submitted_at >= @From)
          AND (@To IS NULL OR c.submitted_at < @To)
        """;

    private const string SelectComplaints = $"""
        SELECT c.id AS Id, c.tracking_no AS TrackingNo, c.resident_id AS ResidentId, c.category_code AS CategoryCode,
               c.unit_code AS UnitCode, c.unit_name AS UnitName, c.description AS Description,
               (c.latitude IS NOT NULL AND c.longitude IS NOT NULL) AS HasLocation,
               c.privacy AS Privacy, c.status AS Status, c.reopened AS Reopened, c.duplicate_of AS DuplicateOf,
               c.submitted_at AS SubmittedAt, c.first_response_at AS FirstResponseAt, c.resolved_at AS ResolvedAt,
               (SELECT COUNT(*) FROM complaint_photo p WHERE p.complaint_id = c.id) AS PhotoCount
        FROM complaint c
        WHERE {Where}
        ORDER BY c.submitted_at, c.id
        """;

    // Only what the complaint figures count, over the covering index ix_complaint_submitted: the
    // period is a range of that index (COALESCE keeps it one when a bound is missing; a missing submitted_at fails both).
    private const string FigureColumns = """
        SELECT c.id AS Id, c.tracking_no AS TrackingNo, c.category_code AS CategoryCode, c.unit_code AS UnitCode,
               c.status AS Status, c.submitted_at AS SubmittedAt, c.first_response_at AS FirstResponseAt, c.resolved_at AS ResolvedAt
        FROM complaint c
        WHERE c.submitted_at >= COALESCE(@From, '') AND c.submitted_at < COALESCE(@To, '~')
          AND c.status <> 'draft' AND c.tracking_no IS NOT NULL
          AND (@UnitCode IS NULL OR c.unit_code = @UnitCode)
        """;

    private const string SelectFigureColumns = $"{FigureColumns} ORDER BY c.submitted_at, c.id";

    // The complaints whose stored timing is not current, read one by one (few: those changed since the last refresh).
    private const string SelectUntimedFigureColumns = $"{FigureColumns} AND c.timed = 0";

    // The stored timings of the months' complaints; each count walks its covering index in the order it groups by.
    private const string Timed = """
        FROM complaint c
        WHERE c.timed = 1 AND c.submitted_month >= @firstMonth AND (@UnitCode IS NULL OR c.unit_code = @UnitCode)
        """;

    private const string SelectCategoryGroups = $"""
        SELECT c.unit_code AS UnitCode, c.submitted_month AS Month, c.category_code AS CategoryCode, COUNT(*) AS Count
        {Timed}
        GROUP BY c.submitted_month, c.unit_code, c.category_code
        """;

    private const string SelectFirstResponseGroups = $"""
        SELECT c.unit_code AS UnitCode, c.submitted_month AS Month, c.first_response_in_time AS FirstResponseInTime,
               c.first_response_due_on AS FirstResponseDueOn, c.first_response_days AS Days, COUNT(*) AS Count
        {Timed}
        GROUP BY c.submitted_month, c.unit_code, c.first_response_in_time, c.first_response_due_on, c.first_response_days
        """;

    private const string SelectResolutionGroups = $"""
        SELECT c.unit_code AS UnitCode, c.submitted_month AS Month, c.resolution_days AS Days, COUNT(*) AS Count
        {Timed} AND c.resolution_days IS NOT NULL
        GROUP BY c.submitted_month, c.unit_code, c.resolution_days
        """;

    private const string SelectEvents = $"""
        SELECT c.tracking_no AS TrackingNo, c.privacy AS Privacy, e.at AS At, e.actor AS Actor,
               e.from_status AS FromStatus, e.to_status AS ToStatus, e.note AS Note
        FROM complaint c
        JOIN complaint_event e ON e.complaint_id = c.id
        WHERE {Where}
        ORDER BY c.submitted_at, c.id, e.id
        """;

    /// <summary>Filed complaints by submission time; one forward-only reader, one row in memory at a time.</summary>
    public IAsyncEnumerable<StoredComplaint> ReadComplaintsAsync(ComplaintFilter filter, CancellationToken cancellationToken = default) =>
        StreamAsync<StoredComplaint>(SelectComplaints, filter, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<StoredComplaint> ReadFigureColumnsAsync(ComplaintFilter filter, CancellationToken cancellationToken = default) =>
        StreamAsync<StoredComplaint>(SelectFigureColumns, filter, cancellationToken);

    /// <inheritdoc/>
    public async Task<ComplaintFigureGroups> ReadFigureGroupsAsync(ComplaintFilter filter, DateOnly firstMonth, string basis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = database.Open();
        using var snapshot = database.BeginSnapshot(connection);
        var current = await connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition(ComplaintTimingStore.SelectBasis, transaction: snapshot, cancellationToken: cancellationToken)) == basis;

        async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, object parameters) =>
            (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, snapshot, cancellationToken: cancellationToken))).AsList();

        // Timings of another basis are not used at all: every complaint of the months is then read one by one.
        var months = new { filter.UnitCode, firstMonth };
        var groups = new ComplaintFigureGroups
        {
            Categories = current ? await ReadAsync<ComplaintGroup>(SelectCategoryGroups, months) : [],
            FirstResponses = current ? await ReadAsync<ComplaintGroup>(SelectFirstResponseGroups, months) : [],
            Resolutions = current ? await ReadAsync<ComplaintGroup>(SelectResolutionGroups, months) : [],
            Untimed = await ReadAsync<StoredComplaint>(current ? SelectUntimedFigureColumns : SelectFigureColumns, Parameters(filter)),
        };
        snapshot.Commit();
        return groups;
    }

    /// <summary>The audit trail of the same complaints <see cref="ReadComplaintsAsync"/> reads, in the same order.</summary>
    public IAsyncEnumerable<StoredComplaintEvent> ReadEventsAsync(ComplaintFilter filter, CancellationToken cancellationToken = default) =>
        StreamAsync<StoredComplaintEvent>(SelectEvents, filter, cancellationToken);

    private async IAsyncEnumerable<T> StreamAsync<T>(
        string sql, ComplaintFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = database.Open();
        var parameters = Parameters(filter);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var parse = reader.GetRowParser<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return parse(reader);
        }
    }

    private static object Parameters(ComplaintFilter filter) =>
        new { filter.UnitCode, From = filter.From?.ToUniversalTime(), To = filter.To?.ToUniversalTime() };
}

using System.Runtime.CompilerServices;
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
    private const string SelectFigureColumns = """
        SELECT c.id AS Id, c.tracking_no AS TrackingNo, c.category_code AS CategoryCode, c.unit_code AS UnitCode,
               c.status AS Status, c.submitted_at AS SubmittedAt, c.first_response_at AS FirstResponseAt, c.resolved_at AS ResolvedAt
        FROM complaint c
        WHERE c.submitted_at >= COALESCE(@From, '') AND c.submitted_at < COALESCE(@To, '~')
          AND c.status <> 'draft' AND c.tracking_no IS NOT NULL
          AND (@UnitCode IS NULL OR c.unit_code = @UnitCode)
        ORDER BY c.submitted_at, c.id
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

    /// <summary>The audit trail of the same complaints <see cref="ReadComplaintsAsync"/> reads, in the same order.</summary>
    public IAsyncEnumerable<StoredComplaintEvent> ReadEventsAsync(ComplaintFilter filter, CancellationToken cancellationToken = default) =>
        StreamAsync<StoredComplaintEvent>(SelectEvents, filter, cancellationToken);

    private async IAsyncEnumerable<T> StreamAsync<T>(
        string sql, ComplaintFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = database.Open();
        var parameters = new { filter.UnitCode, From = filter.From?.ToUniversalTime(), To = filter.To?.ToUniversalTime() };
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var parse = reader.GetRowParser<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return parse(reader);
        }
    }
}

using Dapper;

namespace AsnBot.Data.Complaints;

internal sealed class ComplaintStore(UnitOfWork work) : IComplaintStore
{
    private const string Columns = """
        id AS Id, tracking_no AS TrackingNo, resident_id AS ResidentId, category_code AS CategoryCode, unit_code AS UnitCode,
        unit_name AS UnitName, description AS Description, latitude AS Latitude, longitude AS Longitude, privacy AS Privacy, status AS Status,
        version AS Version, reopened AS Reopened, duplicate_of AS DuplicateOf, created_at AS CreatedAt,
        submitted_at AS SubmittedAt, first_response_at AS FirstResponseAt, resolved_at AS ResolvedAt,
        reopened_at AS ReopenedAt, last_overdue_notice AS LastOverdueNotice
        """;

    private const string SelectById = $"SELECT {Columns} FROM complaint WHERE id = @id";
    private const string SelectByNumber = $"SELECT {Columns} FROM complaint WHERE tracking_no = @trackingNo";
    private const string SelectOfResident = $"SELECT {Columns} FROM complaint WHERE resident_id = @residentId AND status <> 'draft' ORDER BY id DESC LIMIT 20";
    private const string SelectOpen = $"SELECT {Columns} FROM complaint WHERE status IN ('submitted', 'verified', 'in_progress', 'reopened') ORDER BY submitted_at";

    private const string SelectSimilar = """
        SELECT tracking_no FROM complaint
        WHERE unit_code = @unit AND lower(unit_name) IS NOT DISTINCT FROM lower(@unitName) AND category_code = @category AND status <> 'draft' AND id <> @id AND submitted_at >= @since
        ORDER BY submitted_at DESC LIMIT 1
        """;

    private const string InsertDraft = "INSERT INTO complaint (resident_id, status, created_at) VALUES (@residentId, 'draft', @now) RETURNING id";

    private const string UpdateDraft = """
        UPDATE complaint SET category_code = @CategoryCode, unit_code = @UnitCode, unit_name = @UnitName, description = @Description,
            latitude = @Latitude, longitude = @Longitude, privacy = @Privacy
        WHERE id = @Id AND status = 'draft'
        """;

    private const string UpdateSubmit = """
        UPDATE complaint SET status = 'submitted', tracking_no = @trackingNo, submitted_at = @now, duplicate_of = @duplicateOf,
            version = version + 1
        WHERE id = @id AND status = 'draft'
        """;

    private const string UpdateStatus = """
        UPDATE complaint SET status = @to, version = version + 1,
            first_response_at = CASE WHEN @firstResponse AND first_response_at IS NULL THEN @now ELSE first_response_at END,
            resolved_at = CASE WHEN @to = 'resolved' THEN @now ELSE resolved_at END,
            reopened = CASE WHEN @to = 'reopened' THEN TRUE ELSE reopened END,
            reopened_at = CASE WHEN @to = 'reopened' THEN @now ELSE reopened_at END
        WHERE id = @id AND status = @from
        """;

    private const string UpdateFirstResponse = "UPDATE complaint SET first_response_at = @now WHERE id = @id AND first_response_at IS NULL";
    private const string UpdateOverdueNotice = "UPDATE complaint SET last_overdue_notice = @day WHERE id = @id";
    private const string DeleteDraft = "DELETE FROM complaint WHERE id = @id AND status = 'draft'";
    private const string DeleteDraftsOfResident = "DELETE FROM complaint WHERE resident_id = @residentId AND status = 'draft'";

    private const string InsertEvent = """
        INSERT INTO complaint_event (complaint_id, at, actor, from_status, to_status, note)
        VALUES (@ComplaintId, @At, @Actor, @FromStatus, @ToStatus, @Note)
        """;

    private const string SelectEvents = """
        SELECT complaint_id AS ComplaintId, at AS At, actor AS Actor, from_status AS FromStatus, to_status AS ToStatus, note AS Note
        FROM complaint_event WHERE complaint_id = @id ORDER BY id
        """;

    private const string InsertPhoto = """
        INSERT INTO complaint_photo (complaint_id, seq, file_id, status)
        VALUES (@id, (SELECT COUNT(*) + 1 FROM complaint_photo WHERE complaint_id = @id), @fileId, 'pending')
        """;

    private const string CountPhotos = "SELECT COUNT(*) FROM complaint_photo WHERE complaint_id = @id";
    private const string SelectStoredPhotos = "SELECT path FROM complaint_photo WHERE complaint_id = @id AND status = 'stored' ORDER BY seq";

    private const string SelectShowingReporter = """
        SELECT id FROM complaint WHERE resident_id = @residentId AND status <> 'draft' AND privacy <> 'anonymous' ORDER BY id
        """;

    public ComplaintRow? Find(long id) => work.Connection.QuerySingleOrDefault<ComplaintRow>(SelectById, new { id }, work.Transaction);

    public ComplaintRow? FindByNumber(string trackingNo) =>
        work.Connection.QuerySingleOrDefault<ComplaintRow>(SelectByNumber, new { trackingNo }, work.Transaction);

    public IReadOnlyList<ComplaintRow> OfResident(long residentId) =>
        work.Connection.Query<ComplaintRow>(SelectOfResident, new { residentId }, work.Transaction).AsList();

    public IReadOnlyList<ComplaintRow> Open() => work.Connection.Query<ComplaintRow>(SelectOpen, transaction: work.Transaction).AsList();

    /// <summary>The newest other complaint about the same unit (and the same name for an unlisted one) and category since <paramref name="since"/>: a likely duplicate.</summary>
    public string? Similar(ComplaintRow complaint, DateTimeOffset since) =>
        work.Connection.QuerySingleOrDefault<string>(
            SelectSimilar, new { unit = complaint.UnitCode, unitName = complaint.UnitName, category = complaint.CategoryCode, id = complaint.Id, since }, work.Transaction);

    public long CreateDraft(long residentId, DateTimeOffset now) =>
        work.Connection.ExecuteScalar<long>(InsertDraft, new { residentId, now }, work.Transaction);

    public void SaveDraft(ComplaintRow draft) => work.Connection.Execute(UpdateDraft, draft, work.Transaction);

    public bool Submit(long id, string trackingNo, string? duplicateOf, DateTimeOffset now) =>
        work.Connection.Execute(UpdateSubmit, new { id, trackingNo, duplicateOf, now }, work.Transaction) == 1;

    /// <summary>Moves the status only if it still is <paramref name="from"/>: two admins pressing at once cannot both win.</summary>
    public bool ChangeStatus(long id, string from, string status, bool firstResponse, DateTimeOffset now) =>
        work.Connection.Execute(UpdateStatus, new { id, from, to = status, firstResponse, now }, work.Transaction) == 1;

    public void MarkFirstResponse(long id, DateTimeOffset now) => work.Connection.Execute(UpdateFirstResponse, new { id, now }, work.Transaction);

    public void MarkOverdueNoticed(long id, string day) => work.Connection.Execute(UpdateOverdueNotice, new { id, day }, work.Transaction);

    public void Discard(long id) => work.Connection.Execute(DeleteDraft, new { id }, work.Transaction);

    public void DiscardDrafts(long residentId) => work.Connection.Execute(DeleteDraftsOfResident, new { residentId }, work.Transaction);

    public void Record(ComplaintEventRow row) => work.Connection.Execute(InsertEvent, row, work.Transaction);

    public IReadOnlyList<ComplaintEventRow> Events(long id) =>
        work.Connection.Query<ComplaintEventRow>(SelectEvents, new { id }, work.Transaction).AsList();

    public void AddPhoto(long id, string fileId) => work.Connection.Execute(InsertPhoto, new { id, fileId }, work.Transaction);

    /// <summary>Where the photos copied from Telegram are kept, in the order they were sent.</summary>
    public IReadOnlyList<string> StoredPhotos(long id) => work.Connection.Query<string>(SelectStoredPhotos, new { id }, work.Transaction).AsList();

    /// <summary>The resident's filed complaints whose admin views name them (identified and confidential ones).</summary>
    public IReadOnlyList<long> ShowingReporter(long residentId) =>
        work.Connection.Query<long>(SelectShowingReporter, new { residentId }, work.Transaction).AsList();

    public int PhotoCount(long id) => work.Connection.ExecuteScalar<int>(CountPhotos, new { id }, work.Transaction);
}

using Dapper;

namespace AsnBot.Data.Complaints;

/// <summary>Photos waiting to be copied from Telegram to disk, and the outcome of each copy.</summary>
internal sealed class EvidenceStore(UnitOfWork work) : IEvidenceStore
{
    private const string SelectPending = """
        SELECT p.complaint_id AS ComplaintId, p.seq AS Seq, p.file_id AS FileId, p.status AS Status, p.path AS Path,
               p.bytes AS Bytes, p.attempts AS Attempts
        FROM complaint_photo p JOIN complaint c ON c.id = p.complaint_id
        WHERE p.status = 'pending' AND c.status <> 'draft' AND p.attempts < @maxAttempts
        ORDER BY p.complaint_id, p.seq LIMIT 20
        """;

    private const string UpdateOutcome = """
        UPDATE complaint_photo SET status = @status, path = @path, bytes = @bytes, attempts = attempts + 1
        WHERE complaint_id = @complaintId AND seq = @seq
        """;

    public IReadOnlyList<ComplaintPhotoRow> Pending(int maxAttempts) =>
        work.Connection.Query<ComplaintPhotoRow>(SelectPending, new { maxAttempts }, work.Transaction).AsList();

    public void Record(ComplaintPhotoRow photo, string status, string? path, long? bytes) =>
        work.Connection.Execute(UpdateOutcome, new { status, path, bytes, complaintId = photo.ComplaintId, seq = photo.Seq }, work.Transaction);
}

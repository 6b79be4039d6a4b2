namespace AsnBot.Data.Complaints;

/// <summary>Photos waiting to be copied from Telegram to disk, and the outcome of each copy.</summary>
public interface IEvidenceStore
{
    IReadOnlyList<ComplaintPhotoRow> Pending(int maxAttempts);

    void Record(ComplaintPhotoRow photo, string status, string? path, long? bytes);
}

namespace AsnBot.Data.Documents;

/// <summary>Exports and reports admins asked for, made in the background.</summary>
public interface IDocumentJobStore
{
    void Enqueue(DocumentJobRow job, DateTimeOffset now);

    IReadOnlyList<DocumentJobRow> Pending();

    /// <summary>Marks the job done or failed; false when another worker finished it first.</summary>
    bool Finish(long id, string status, DateTimeOffset now);
}

using Dapper;

namespace AsnBot.Data.Documents;

/// <summary>An export or report an admin asked for in Telegram; made in the background, then sent as a file.</summary>
public sealed record DocumentJobRow
{
    public required long Id { get; init; }

    public required long ChatId { get; init; }

    public required long RequestedBy { get; init; }

    /// <summary>"export" (survey responses), "complaints" (complaint export) or "report" (IKM).</summary>
    public required string Kind { get; init; }

    public required string Format { get; init; }

    public required string RoundCode { get; init; }

    public string? UnitCode { get; init; }
}

internal sealed class DocumentJobStore(UnitOfWork work) : IDocumentJobStore
{
    private const string Insert = """
        INSERT INTO document_job (chat_id, requested_by, kind, format, round_code, unit_code, status, created_at)
        VALUES (@ChatId, @RequestedBy, @Kind, @Format, @RoundCode, @UnitCode, 'pending', @now)
        """;

    private const string SelectPending = """
        SELECT id AS Id, chat_id AS ChatId, requested_by AS RequestedBy, kind AS Kind, format AS Format,
               round_code AS RoundCode, unit_code AS UnitCode
        FROM document_job WHERE status = 'pending' ORDER BY id LIMIT 5
        """;

    private const string UpdateFinished = "UPDATE document_job SET status = @status, finished_at = @now WHERE id = @id AND status = 'pending'";

    public void Enqueue(DocumentJobRow job, DateTimeOffset now) =>
        work.Connection.Execute(Insert, new { job.ChatId, job.RequestedBy, job.Kind, job.Format, job.RoundCode, job.UnitCode, now }, work.Transaction);

    public IReadOnlyList<DocumentJobRow> Pending() =>
        work.Connection.Query<DocumentJobRow>(SelectPending, transaction: work.Transaction).AsList();

    /// <summary>Marks the job done or failed; false when another worker finished it first.</summary>
    public bool Finish(long id, string status, DateTimeOffset now) =>
        work.Connection.Execute(UpdateFinished, new { id, status, now }, work.Transaction) == 1;
}

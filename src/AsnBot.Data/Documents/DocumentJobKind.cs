namespace AsnBot.Data.Documents;

/// <summary>What a queued document job makes, as stored in <c>document_job.kind</c>.</summary>
public static class DocumentJobKind
{
    /// <summary>The survey responses of a round (CSV, XLSX or JSON).</summary>
    public const string Export = "export";

    /// <summary>The complaints export.</summary>
    public const string Complaints = "complaints";

    /// <summary>The IKM report.</summary>
    public const string Report = "report";
}

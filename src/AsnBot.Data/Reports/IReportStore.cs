namespace AsnBot.Data.Reports;

/// <summary>Read-only queries for exports and the IKM report. Exports stream: one forward-only reader, no buffering.</summary>
public interface IReportStore
{
    /// <summary>Every round an export or report can be about: the planned ones and any that responses name.</summary>
    Task<IReadOnlyList<ReportRound>> RoundsAsync(CancellationToken cancellationToken);

    /// <summary>Streams matching responses ordered by id; memory holds one response at a time.</summary>
    IAsyncEnumerable<StoredResponse> ReadResponsesAsync(ExportFilter filter, CancellationToken cancellationToken = default);

    /// <summary>How often each answer was given per unit and question (the IKM's input), from the kept tallies.</summary>
    Task<IReadOnlyList<ScoreCount>> ScoreCountsAsync(string roundCode, string? unitCode, CancellationToken cancellationToken);

    /// <summary>Submitted responses per unit.</summary>
    Task<IReadOnlyList<UnitRespondents>> RespondentsAsync(string roundCode, string? unitCode, CancellationToken cancellationToken);
}

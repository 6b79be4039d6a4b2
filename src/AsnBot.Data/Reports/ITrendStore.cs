namespace AsnBot.Data.Reports;

/// <summary>
/// Read-only queries the dashboard and <c>asnbot report trend</c> need beyond the IKM report: rounds in time order,
/// per-respondent scores for the change between rounds, responses per day and the residents' suggestions.
/// </summary>
public interface ITrendStore
{
    /// <summary>Planned rounds by opening day, then rounds only responses name (no days).</summary>
    Task<IReadOnlyList<TrendRound>> RoundsAsync(CancellationToken cancellationToken);

    /// <summary>Per unit: respondents, and the sum and sum of squares of their own scores (mean answer, 1–4).</summary>
    /// <param name="round">Round code.</param>
    /// <param name="unit">One unit, or null for every unit.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<RespondentScores>> RespondentScoresAsync(string round, string? unit, CancellationToken cancellationToken);

    /// <summary>Submitted responses per WIB day.</summary>
    Task<IReadOnlyList<ResponsesOnDay>> ResponsesPerDayAsync(string round, string? unit, CancellationToken cancellationToken);

    /// <summary>The free-text answers to one question, newest first; never who wrote them.</summary>
    Task<IReadOnlyList<Suggestion>> SuggestionsAsync(string round, string unit, string question, string? search, int limit, CancellationToken cancellationToken);
}

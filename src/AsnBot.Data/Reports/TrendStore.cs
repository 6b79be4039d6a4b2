using Dapper;

namespace AsnBot.Data.Reports;

/// <summary>
/// Read-only queries the dashboard and <c>asnbot report trend</c> need beyond the IKM report: rounds in time order,
/// per-respondent scores for the change between rounds, responses per day and the residents' suggestions.
/// </summary>
internal sealed class TrendStore(SqlDatabase database) : ITrendStore
{
    private const string SelectRounds = """
        SELECT code AS Code, name AS Name, opens_at AS OpensAt, closes_at AS ClosesAt FROM survey_round
        UNION ALL
        SELECT DISTINCT round_code, round_code, NULL, NULL FROM response WHERE round_code NOT IN (SELECT code FROM survey_round)
        ORDER BY 3, 1
        """;

    // One score per respondent: the mean of their answers on the 1–4 scale (response_score, which the database keeps
    // from the answers). The caller scales it to 25–100.
    private const string SelectRespondentScores = """
        SELECT unit_code AS UnitCode, COUNT(*) AS Respondents, SUM(score) AS Sum, SUM(score * score) AS SumOfSquares
        FROM (
            SELECT unit_code, CAST(total AS DOUBLE PRECISION) / answered AS score
            FROM response_score
            WHERE round_code = @round AND (@unit IS NULL OR unit_code = @unit) AND answered > 0
        ) AS scores
        GROUP BY unit_code
        ORDER BY unit_code
        """;

    // Days in WIB (UTC+7, no daylight saving): instants are stored in UTC as "yyyy-MM-dd HH:mm:ss…".
    private readonly string _selectPerDay = $"""
        SELECT {database.Dialect.DayInWib("submitted_at")} AS Day, COUNT(*) AS Responses
        FROM response
        WHERE round_code = @round AND status = 'submitted' AND (@unit IS NULL OR unit_code = @unit)
        GROUP BY 1
        ORDER BY 1
        """;

    private readonly string _selectSuggestions = $"""
        SELECT r.submitted_at AS SubmittedAt, a.answer_text AS Text
        FROM response r JOIN answer a ON a.response_id = r.id AND a.question_code = @question
        WHERE r.round_code = @round AND r.status = 'submitted' AND r.unit_code = @unit
          AND a.answer_text IS NOT NULL AND a.answer_text <> ''
          AND (@search IS NULL OR {database.Dialect.Contains("lower(a.answer_text)", "lower(@search)")})
        ORDER BY r.submitted_at DESC, r.id DESC
        LIMIT @limit
        """;

    public async Task<IReadOnlyList<TrendRound>> RoundsAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<TrendRound>(new CommandDefinition(SelectRounds, cancellationToken: cancellationToken));
        return [.. rows.OrderBy(r => r.OpensAt is null ? 0 : 1).ThenBy(r => r.OpensAt).ThenBy(r => r.Code, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<RespondentScores>> RespondentScoresAsync(string round, string? unit, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<RespondentScores>(
            new CommandDefinition(SelectRespondentScores, new { round, unit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<ResponsesOnDay>> ResponsesPerDayAsync(string round, string? unit, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<ResponsesOnDay>(
            new CommandDefinition(_selectPerDay, new { round, unit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestionsAsync(
        string round, string unit, string question, string? search, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<Suggestion>(
            new CommandDefinition(_selectSuggestions, new { round, unit, question, search, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}

/// <summary>A round in time order; days are null for a round only responses name.</summary>
public sealed record TrendRound
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public DateTimeOffset? OpensAt { get; init; }

    public DateTimeOffset? ClosesAt { get; init; }
}

/// <summary>Per-respondent scores (mean element answer, 1–4) of a unit: count, sum and sum of squares.</summary>
public sealed record RespondentScores
{
    public required string UnitCode { get; init; }

    public required long Respondents { get; init; }

    public required double Sum { get; init; }

    public required double SumOfSquares { get; init; }
}

/// <summary>Submitted responses on one WIB day (yyyy-MM-dd).</summary>
public sealed record ResponsesOnDay
{
    public required string Day { get; init; }

    public required long Responses { get; init; }
}

/// <summary>A resident's kritik dan saran, with when it was sent and nothing about who sent it.</summary>
public sealed record Suggestion
{
    public required DateTimeOffset SubmittedAt { get; init; }

    public required string Text { get; init; }
}

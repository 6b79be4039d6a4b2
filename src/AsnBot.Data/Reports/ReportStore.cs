using System.Runtime.CompilerServices;
using AsnBot.Data.Responses;
using Dapper;

namespace AsnBot.Data.Reports;

/// <summary>Read-only queries for exports and the IKM report. Exports stream: one forward-only reader, no buffering.</summary>
internal sealed class ReportStore(SqlDatabase database) : IReportStore
{
    // One row per answer (or one row for a response without answers), in response order, so
    // consecutive rows can be folded into one response without holding more than that response.
    // SQLite is kept off the round index ("+r.round_code"): walking responses by id (and answers by their
    // primary key) already yields the ORDER BY, where the index would sort every row first.
    private readonly string _selectResponseLines = $"""
        SELECT r.id AS Id, r.resident_id AS ResidentId, r.round_code AS RoundCode, r.unit_code AS UnitCode,
               r.service_code AS ServiceCode, r.survey_id AS SurveyId, r.survey_version AS SurveyVersion,
               r.status AS Status, r.started_at AS StartedAt, r.submitted_at AS SubmittedAt,
               a.question_code AS QuestionCode, COALESCE(a.answer_code, a.answer_text) AS Answer
        FROM response r
        LEFT JOIN answer a ON a.response_id = r.id
        WHERE {database.Dialect.WithoutIndex("r.round_code")} = @RoundCode
          AND (@UnitCode IS NULL OR r.unit_code = @UnitCode)
          AND (@IncludeDrafts = 1 OR r.status = 'submitted')
          AND (@From IS NULL OR COALESCE(r.submitted_at, r.started_at) >= @From)
          AND (@To IS NULL OR COALESCE(r.submitted_at, r.started_at) < @To)
        ORDER BY r.id, a.question_code
        """;

    // The database keeps these counts as answers are submitted (score_tally, schema version 4).
    private const string SelectScoreCounts = """
        SELECT unit_code AS UnitCode, question_code AS QuestionCode, answer_code AS AnswerCode, count AS Count
        FROM score_tally
        WHERE round_code = @roundCode AND (@unitCode IS NULL OR unit_code = @unitCode) AND count > 0
        ORDER BY unit_code, question_code, answer_code
        """;

    private const string SelectRespondents = """
        SELECT unit_code AS UnitCode, COUNT(*) AS Respondents
        FROM response
        WHERE round_code = @roundCode AND status = 'submitted' AND (@unitCode IS NULL OR unit_code = @unitCode)
        GROUP BY unit_code
        ORDER BY unit_code
        """;

    private const string SelectRounds = """
        SELECT code AS Code, name AS Name FROM survey_round
        UNION
        SELECT DISTINCT round_code, NULL FROM response WHERE round_code NOT IN (SELECT code FROM survey_round)
        ORDER BY 1
        """;

    /// <summary>Every round an export or report can be about: the planned ones and any that responses name.</summary>
    public async Task<IReadOnlyList<ReportRound>> RoundsAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<ReportRound>(new CommandDefinition(SelectRounds, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Streams matching responses ordered by id; memory holds one response at a time.</summary>
    public async IAsyncEnumerable<StoredResponse> ReadResponsesAsync(
        ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var parameters = new
        {
            filter.RoundCode,
            filter.UnitCode,
            IncludeDrafts = filter.IncludeDrafts ? 1 : 0,
            From = filter.From?.ToUniversalTime(),
            To = filter.To?.ToUniversalTime(),
        };
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(_selectResponseLines, parameters, cancellationToken: cancellationToken));
        var parse = reader.GetRowParser<ResponseRow>();
        var id = reader.GetOrdinal("Id");
        var question = reader.GetOrdinal("QuestionCode");
        var answer = reader.GetOrdinal("Answer");
        var folder = new ResponseFolder();
        while (await reader.ReadAsync(cancellationToken))
        {
            // The response columns are parsed once per response, not once per answer line.
            var completed = folder.Add(
                reader.GetInt64(id),
                () => parse(reader),
                reader.IsDBNull(question) ? null : reader.GetString(question),
                reader.IsDBNull(answer) ? null : reader.GetString(answer));
            if (completed is not null)
            {
                yield return completed;
            }
        }

        if (folder.Flush() is { } last)
        {
            yield return last;
        }
    }

    public async Task<IReadOnlyList<ScoreCount>> ScoreCountsAsync(string roundCode, string? unitCode, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<ScoreCount>(
            new CommandDefinition(SelectScoreCounts, new { roundCode, unitCode }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<UnitRespondents>> RespondentsAsync(string roundCode, string? unitCode, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<UnitRespondents>(
            new CommandDefinition(SelectRespondents, new { roundCode, unitCode }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}

using Dapper;

namespace AsnBot.Data.Responses;

internal sealed class ResponseStore(UnitOfWork work) : IResponseStore
{
    private const string Columns = """
        id AS Id, resident_id AS ResidentId, round_code AS RoundCode, unit_code AS UnitCode, service_code AS ServiceCode,
        survey_id AS SurveyId, survey_version AS SurveyVersion, status AS Status, started_at AS StartedAt,
        submitted_at AS SubmittedAt
        """;

    private const string SelectOne = $"SELECT {Columns} FROM response WHERE id = @id";
    private const string SelectByResident = $"SELECT {Columns} FROM response WHERE resident_id = @residentId ORDER BY id";

    private const string InsertDraft = """
        INSERT INTO response (resident_id, round_code, unit_code, survey_id, survey_version, status, started_at)
        VALUES (@residentId, @RoundCode, @UnitCode, @SurveyId, @SurveyVersion, 'draft', @now)
        RETURNING id
        """;

    private const string UpdateService = "UPDATE response SET service_code = @serviceCode WHERE id = @id AND status = 'draft'";

    private const string UpdateUnit = """
        UPDATE response SET round_code = @roundCode, unit_code = @unitCode, service_code = NULL
        WHERE id = @id AND status = 'draft'
        """;

    private const string SelectSubmittedExists = """
        SELECT EXISTS (SELECT 1 FROM response
                       WHERE resident_id = @residentId AND round_code = @roundCode AND unit_code = @unitCode
                         AND status = 'submitted')
        """;

    private const string UpsertAnswer = """
        INSERT INTO answer (response_id, question_code, answer_code, answer_text, answered_at)
        VALUES (@ResponseId, @QuestionCode, @AnswerCode, @AnswerText, @AnsweredAt)
        ON CONFLICT (response_id, question_code) DO UPDATE SET
            answer_code = excluded.answer_code, answer_text = excluded.answer_text, answered_at = excluded.answered_at
        """;

    private const string DeleteAnswer = "DELETE FROM answer WHERE response_id = @responseId AND question_code = @questionCode";

    private const string SelectAnswers = """
        SELECT response_id AS ResponseId, question_code AS QuestionCode, answer_code AS AnswerCode,
               answer_text AS AnswerText, answered_at AS AnsweredAt
        FROM answer WHERE response_id = @responseId ORDER BY question_code
        """;

    private const string UpdateSubmit = """
        UPDATE response SET status = 'submitted', submitted_at = @now
        WHERE id = @id AND status = 'draft'
          AND NOT EXISTS (SELECT 1 FROM response other
                          WHERE other.resident_id = response.resident_id AND other.round_code = response.round_code
                            AND other.unit_code = response.unit_code AND other.status = 'submitted')
        """;

    private const string DeleteDraftById = "DELETE FROM response WHERE id = @id AND status = 'draft'";
    private const string DeleteDraftsOfResident = "DELETE FROM response WHERE resident_id = @residentId AND status = 'draft'";

    public ResponseRow? Find(long id) =>
        work.Connection.QuerySingleOrDefault<ResponseRow>(SelectOne, new { id }, work.Transaction);

    public IReadOnlyList<ResponseRow> ForResident(long residentId) =>
        work.Connection.Query<ResponseRow>(SelectByResident, new { residentId }, work.Transaction).AsList();

    public long CreateDraft(long residentId, ResponseKey key, DateTimeOffset now) =>
        work.Connection.ExecuteScalar<long>(
            InsertDraft,
            new { residentId, key.RoundCode, key.UnitCode, key.SurveyId, key.SurveyVersion, now },
            work.Transaction);

    public void SetService(long id, string? serviceCode) =>
        work.Connection.Execute(UpdateService, new { id, serviceCode }, work.Transaction);

    /// <summary>The resident changed the unit on the review screen: the draft keeps its answers, moves to that unit and its round, and loses the kind of service.</summary>
    public void MoveDraft(long id, string roundCode, string unitCode) =>
        work.Connection.Execute(UpdateUnit, new { id, roundCode, unitCode }, work.Transaction);

    public bool HasSubmitted(long residentId, string roundCode, string unitCode) =>
        work.Connection.ExecuteScalar<bool>(SelectSubmittedExists, new { residentId, roundCode, unitCode }, work.Transaction);

    public void SaveAnswer(AnswerRow answer) => work.Connection.Execute(UpsertAnswer, answer, work.Transaction);

    public void RemoveAnswer(long responseId, string questionCode) =>
        work.Connection.Execute(DeleteAnswer, new { responseId, questionCode }, work.Transaction);

    public IReadOnlyList<AnswerRow> Answers(long responseId) =>
        work.Connection.Query<AnswerRow>(SelectAnswers, new { responseId }, work.Transaction).AsList();

    /// <summary>
    /// Marks a draft submitted. Returns false, changing nothing, when it is no longer a draft or the
    /// resident already submitted for this unit and round (the unique index backs this up).
    /// </summary>
    public bool Submit(long id, DateTimeOffset now) =>
        work.Connection.Execute(UpdateSubmit, new { id, now }, work.Transaction) == 1;

    public void DeleteDraft(long id) => work.Connection.Execute(DeleteDraftById, new { id }, work.Transaction);

    public void DeleteDrafts(long residentId) =>
        work.Connection.Execute(DeleteDraftsOfResident, new { residentId }, work.Transaction);
}

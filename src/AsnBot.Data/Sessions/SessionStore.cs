using Dapper;

namespace AsnBot.Data.Sessions;

internal sealed class SessionStore(UnitOfWork work) : ISessionStore
{
    // In a write transaction the row stays locked until commit (PostgreSQL): one chat's updates apply one at a time
    // across instances.
    private readonly string _selectOne = $"""
        SELECT chat_id AS ChatId, user_id AS UserId, state AS State, step AS Step, response_id AS ResponseId,
               question_code AS QuestionCode, back_to_review AS BackToReview, unit_page AS UnitPage,
               return_state AS ReturnState, pending_unit AS PendingUnit, updated_at AS UpdatedAt,
               flow AS Flow, complaint_state AS ComplaintState, complaint_id AS ComplaintId
        FROM session WHERE chat_id = @chatId{work.Dialect.LockRow}
        """;

    private const string Upsert = """
        INSERT INTO session (chat_id, user_id, state, step, response_id, question_code, back_to_review, unit_page,
                             return_state, pending_unit, updated_at, flow, complaint_state, complaint_id)
        VALUES (@ChatId, @UserId, @State, @Step, @ResponseId, @QuestionCode, @BackToReview, @UnitPage,
                @ReturnState, @PendingUnit, @UpdatedAt, @Flow, @ComplaintState, @ComplaintId)
        ON CONFLICT (chat_id) DO UPDATE SET
            user_id = excluded.user_id, state = excluded.state, step = excluded.step, response_id = excluded.response_id,
            question_code = excluded.question_code, back_to_review = excluded.back_to_review,
            unit_page = excluded.unit_page, return_state = excluded.return_state,
            pending_unit = excluded.pending_unit, updated_at = excluded.updated_at, flow = excluded.flow,
            complaint_state = excluded.complaint_state, complaint_id = excluded.complaint_id
        """;

    private const string UpdateScreen = "UPDATE session SET screen = @screen WHERE chat_id = @chatId";

    private const string SelectScreen = "SELECT screen FROM session WHERE chat_id = @chatId";

    public SessionRow? Find(long chatId) =>
        work.Connection.QuerySingleOrDefault<SessionRow>(_selectOne, new { chatId }, work.Transaction);

    public void Save(SessionRow session) => work.Connection.Execute(Upsert, session, work.Transaction);

    /// <summary>Remembers the last screen with buttons shown in a chat (JSON), or forgets it (null); a chat without a session keeps nothing.</summary>
    public void SetScreen(long chatId, string? screen) =>
        work.Connection.Execute(UpdateScreen, new { chatId, screen }, work.Transaction);

    public string? Screen(long chatId) =>
        work.Connection.QuerySingleOrDefault<string>(SelectScreen, new { chatId }, work.Transaction);
}

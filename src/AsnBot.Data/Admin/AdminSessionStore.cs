using Dapper;

namespace AsnBot.Data.Admin;

/// <summary>An admin's guided conversation in one chat: its step and the answers so far (JSON).</summary>
public sealed record AdminSessionRow
{
    public required long ChatId { get; init; }

    public required long UserId { get; init; }

    public required string State { get; set; }

    public required long Step { get; set; }

    public required string Draft { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class AdminSessionStore(UnitOfWork work) : IAdminSessionStore
{
    private const string SelectOne = """
        SELECT chat_id AS ChatId, user_id AS UserId, state AS State, step AS Step, draft AS Draft, updated_at AS UpdatedAt
        FROM admin_session WHERE chat_id = @chatId AND user_id = @userId
        """;

    private const string Upsert = """
        INSERT INTO admin_session (chat_id, user_id, state, step, draft, updated_at)
        VALUES (@ChatId, @UserId, @State, @Step, @Draft, @UpdatedAt)
        ON CONFLICT (chat_id, user_id) DO UPDATE SET
            state = excluded.state, step = excluded.step, draft = excluded.draft, updated_at = excluded.updated_at
        """;

    private const string DeleteOne = "DELETE FROM admin_session WHERE chat_id = @chatId AND user_id = @userId";

    public AdminSessionRow? Find(long chatId, long userId) =>
        work.Connection.QuerySingleOrDefault<AdminSessionRow>(SelectOne, new { chatId, userId }, work.Transaction);

    public void Save(AdminSessionRow session) => work.Connection.Execute(Upsert, session, work.Transaction);

    public void Delete(long chatId, long userId) => work.Connection.Execute(DeleteOne, new { chatId, userId }, work.Transaction);
}

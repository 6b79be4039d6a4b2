using Dapper;

namespace AsnBot.Data.Residents;

internal sealed class ResidentStore(UnitOfWork work) : IResidentStore
{
    private const string SelectOne = """
        SELECT user_id AS UserId, chat_id AS ChatId, language AS Language, consent_version AS ConsentVersion,
               consented_at AS ConsentedAt, subscribed AS Subscribed, blocked_at AS BlockedAt
        FROM resident WHERE user_id = @userId
        """;

    private const string Upsert = """
        INSERT INTO resident (user_id, chat_id, language, consent_version, consented_at, subscribed, blocked_at)
        VALUES (@UserId, @ChatId, @Language, @ConsentVersion, @ConsentedAt, @Subscribed, @BlockedAt)
        ON CONFLICT (user_id) DO UPDATE SET
            chat_id = excluded.chat_id, language = excluded.language, consent_version = excluded.consent_version,
            consented_at = excluded.consented_at, subscribed = excluded.subscribed, blocked_at = excluded.blocked_at
        """;

    private const string UpdateLanguage = "UPDATE resident SET language = @language WHERE user_id = @userId";
    private const string UpdateSubscribed = "UPDATE resident SET subscribed = @subscribed WHERE user_id = @userId";
    private const string DeleteOne = "DELETE FROM resident WHERE user_id = @userId";
    private const string UpdateBlocked = "UPDATE resident SET blocked_at = @now WHERE chat_id = @chatId AND blocked_at IS NULL";
    private const string ClearBlocked = "UPDATE resident SET blocked_at = NULL WHERE user_id = @userId AND blocked_at IS NOT NULL";

    public ResidentRow? Find(long userId) =>
        work.Connection.QuerySingleOrDefault<ResidentRow>(SelectOne, new { userId }, work.Transaction);

    public void Save(ResidentRow resident) => work.Connection.Execute(Upsert, resident, work.Transaction);

    public void SetLanguage(long userId, string language) =>
        work.Connection.Execute(UpdateLanguage, new { userId, language }, work.Transaction);

    /// <summary>/berhenti and /langganan: whether invitations and reminders reach the resident.</summary>
    public void SetSubscribed(long userId, bool subscribed) =>
        work.Connection.Execute(UpdateSubscribed, new { userId, subscribed }, work.Transaction);

    /// <summary>Deletes the resident; their session goes with it and submitted responses lose the link (FKs).</summary>
    public void Delete(long userId) => work.Connection.Execute(DeleteOne, new { userId }, work.Transaction);

    /// <summary>A resident who writes again has unblocked the bot.</summary>
    public void MarkReachable(long userId) => work.Connection.Execute(ClearBlocked, new { userId }, work.Transaction);

    /// <summary>Telegram answered 403: the resident blocked the bot. Nothing more is sent to them.</summary>
    public void MarkBlocked(long chatId, DateTimeOffset now) =>
        work.Connection.Execute(UpdateBlocked, new { chatId, now }, work.Transaction);
}

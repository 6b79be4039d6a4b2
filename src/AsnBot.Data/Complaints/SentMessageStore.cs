using Dapper;

namespace AsnBot.Data.Complaints;

/// <summary>
/// Which bot message in a chat stands for what ("post:42"), recorded when it was delivered, so a
/// reply to that message can be routed (an admin answering a complaint post).
/// </summary>
internal sealed class SentMessageStore(UnitOfWork work) : ISentMessageStore
{
    private const string Insert = """
        INSERT INTO sent_message (chat_id, message_id, tag, sent_at) VALUES (@chatId, @messageId, @tag, @now)
        ON CONFLICT (chat_id, message_id) DO UPDATE SET tag = excluded.tag
        """;

    private const string Select = "SELECT tag FROM sent_message WHERE chat_id = @chatId AND message_id = @messageId";
    private const string SelectByTag = "SELECT MAX(message_id) FROM sent_message WHERE chat_id = @chatId AND tag = @tag";
    private const string SelectAllByTag = "SELECT chat_id, message_id FROM sent_message WHERE tag = @tag ORDER BY chat_id, message_id";

    public void Remember(long chatId, int messageId, string tag, DateTimeOffset now) =>
        work.Connection.Execute(Insert, new { chatId, messageId, tag, now }, work.Transaction);

    public string? TagOf(long chatId, int messageId) =>
        work.Connection.QuerySingleOrDefault<string>(Select, new { chatId, messageId }, work.Transaction);

    /// <summary>The latest delivered message of the chat with this tag (a broadcast's progress message).</summary>
    public int? MessageTagged(long chatId, string tag) =>
        work.Connection.ExecuteScalar<int?>(SelectByTag, new { chatId, tag }, work.Transaction);

    /// <summary>Every delivered message with this tag, in any chat (all posts of one complaint).</summary>
    public IReadOnlyList<(long ChatId, int MessageId)> MessagesTagged(string tag) =>
        work.Connection.Query<(long ChatId, int MessageId)>(SelectAllByTag, new { tag }, work.Transaction).AsList();
}

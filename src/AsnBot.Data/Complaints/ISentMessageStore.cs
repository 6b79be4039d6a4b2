namespace AsnBot.Data.Complaints;

/// <summary>
/// Which bot message in a chat stands for what ("post:42"), recorded when it was delivered, so a
/// reply to that message can be routed (an admin answering a complaint post).
/// </summary>
public interface ISentMessageStore
{
    void Remember(long chatId, int messageId, string tag, DateTimeOffset now);

    string? TagOf(long chatId, int messageId);

    /// <summary>The latest delivered message of the chat with this tag (a broadcast's progress message).</summary>
    int? MessageTagged(long chatId, string tag);

    /// <summary>Every delivered message with this tag, in any chat (all posts of one complaint).</summary>
    IReadOnlyList<(long ChatId, int MessageId)> MessagesTagged(string tag);
}

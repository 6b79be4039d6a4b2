namespace AsnBot.BotApiEmulator;

/// <summary>A message the bot sent, as it currently looks (after edits).</summary>
/// <param name="MessageId">Message id inside its chat.</param>
/// <param name="ChatId">Chat the message lives in.</param>
/// <param name="Text">Current text as a user sees it (markup parsed away); the caption for documents.</param>
/// <param name="InlineKeyboard">Current inline keyboard rows (empty when none).</param>
/// <param name="EditCount">How many successful edits (text or markup) were applied.</param>
/// <param name="LastChangedAt">When the message was sent or last edited.</param>
/// <param name="DocumentFileName">File name when the message is a document.</param>
/// <param name="ReplyKeyboard">Reply keyboard rows (button labels) sent with the message, if any.</param>
/// <param name="IsPhoto">True for a photo the bot sent with sendPhoto (its bytes: <c>DocumentBytes</c>).</param>
public sealed record BotMessage(
    int MessageId,
    long ChatId,
    string Text,
    IReadOnlyList<IReadOnlyList<InlineButton>> InlineKeyboard,
    int EditCount,
    DateTimeOffset LastChangedAt,
    string? DocumentFileName = null,
    IReadOnlyList<IReadOnlyList<string>>? ReplyKeyboard = null,
    bool IsPhoto = false)
{
    /// <summary>All inline buttons, row by row.</summary>
    public IEnumerable<InlineButton> Buttons => InlineKeyboard.SelectMany(row => row);
}

/// <summary>One inline keyboard button.</summary>
public sealed record InlineButton(string Text, string? CallbackData, string? Url);

/// <summary>An answerCallbackQuery call the bot made.</summary>
public sealed record CallbackAnswer(string CallbackQueryId, string? Text, bool ShowAlert);

/// <summary>One Bot API call the emulator received. StatusCode 0 means the connection was dropped on purpose.</summary>
/// <param name="Method">Method name as it appeared in the URL (e.g. "sendMessage").</param>
/// <param name="Body">All parameters: JSON body, or form fields (as strings) for multipart calls.</param>
/// <param name="At">When the call was answered.</param>
/// <param name="StatusCode">HTTP status answered; 0 when the connection was dropped.</param>
/// <param name="ChatId">chat_id parameter, if any.</param>
/// <param name="Description">Error description for failed calls.</param>
/// <param name="ReceivedAt">When the call arrived (before any injected delay); null for calls recorded without it.</param>
/// <param name="RetryAfter">retry_after (seconds) of a 429 answer.</param>
public sealed record ApiCall(
    string Method,
    System.Text.Json.Nodes.JsonObject Body,
    DateTimeOffset At,
    int StatusCode,
    long? ChatId,
    string? Description = null,
    DateTimeOffset? ReceivedAt = null,
    int? RetryAfter = null);

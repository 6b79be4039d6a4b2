using System.Text.Json.Nodes;

namespace AsnBot.BotApiEmulator;

/// <summary>Bot-side message methods. Every method here runs under the lock.</summary>
public sealed partial class BotApiEmulator
{
    private const string NotModified =
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

    private readonly RateWindow? _globalRate;
    private readonly Dictionary<long, RateWindow> _chatRates = [];

    private ApiResult RateLimited(long? chatId, Func<ApiResult> action)
    {
        var now = DateTimeOffset.UtcNow;
        RateWindow? chatWindow = null;
        if (Options.PerChatRatePerSecond is double perChat && chatId is long id)
        {
            if (!_chatRates.TryGetValue(id, out chatWindow))
            {
                chatWindow = new RateWindow(perChat);
                _chatRates[id] = chatWindow;
            }
        }

        if ((_globalRate is not null && !_globalRate.HasRoom(now)) || (chatWindow is not null && !chatWindow.HasRoom(now)))
        {
            var retry = Options.RetryAfterSeconds;
            return ApiResult.Fail(429, "Too Many Requests: retry after " + retry.ToString(System.Globalization.CultureInfo.InvariantCulture), retry);
        }

        var result = action();
        if (result.IsOk)
        {
            _globalRate?.Record(now);
            chatWindow?.Record(now);
        }

        return result;
    }

    private ApiResult? ResolveChat(JsonObject body, bool checkBlocked, out ChatState chat)
    {
        chat = null!;
        if (body["chat_id"] is null)
        {
            return ApiResult.BadRequest("chat_id is empty");
        }

        if (EmulatorJson.GetLong(body, "chat_id") is not long id || !_chats.TryGetValue(id, out var found))
        {
            return ApiResult.BadRequest("chat not found");
        }

        chat = found;
        return checkBlocked && chat.IsPrivate && _blocked.Contains(chat.Id)
            ? ApiResult.Fail(403, "Forbidden: bot was blocked by the user")
            : null;
    }

    private static (string? Text, ApiResult? Error) ReadText(JsonObject body, string field, int maxLength, bool required)
    {
        var raw = EmulatorJson.GetString(body, field);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return required ? (null, ApiResult.BadRequest("message text is empty")) : (null, null);
        }

        var (plain, error) = TextMarkup.Parse(raw, EmulatorJson.GetString(body, "parse_mode"));
        if (error is not null)
        {
            return (null, ApiResult.BadRequest(error));
        }

        if (string.IsNullOrWhiteSpace(plain))
        {
            return required ? (null, ApiResult.BadRequest("message text is empty")) : (null, null);
        }

        if (plain.Length > maxLength)
        {
            return (null, ApiResult.BadRequest(field == "caption" ? "message caption is too long" : "message is too long"));
        }

        return (plain, null);
    }

    private static ApiResult? CheckReply(JsonObject body, ChatState chat)
    {
        if (EmulatorJson.GetStructured(body, "reply_parameters") is not JsonObject reply
            || EmulatorJson.GetLong(reply, "message_id") is not long replyTo)
        {
            return null;
        }

        return chat.ExistingMessageIds.Contains((int)replyTo) || EmulatorJson.GetBool(reply, "allow_sending_without_reply")
            ? null
            : ApiResult.BadRequest("message to be replied not found");
    }

    private ApiResult AddBotMessage(ChatState chat, StoredMessage message)
    {
        message.LastChangedAt = DateTimeOffset.UtcNow;
        message.ChangeSeq = ++_changeSeq;
        chat.BotMessages.Add(message);
        chat.Signal();
        return ApiResult.Ok(message.ToJson(chat, _botUser));
    }

    private ApiResult SendMessage(JsonObject body)
    {
        if (ResolveChat(body, true, out var chat) is ApiResult chatError)
        {
            return chatError;
        }

        var (text, textError) = ReadText(body, "text", 4096, required: true);
        var (markup, markupError) = MarkupReader.Read(body);
        if ((textError ?? (markupError is null ? CheckReply(body, chat) : ApiResult.BadRequest(markupError))) is ApiResult error)
        {
            return error;
        }

        var message = new StoredMessage(chat.NextMessageId(), chat.Id, EmulatorJson.UnixNow())
        {
            Text = text,
            InlineMarkup = markup.Inline,
            ReplyKeyboard = markup.ReplyKeyboard,
        };
        return AddBotMessage(chat, message);
    }

    private ApiResult? FindEditable(JsonObject body, out ChatState chat, out StoredMessage message)
    {
        message = null!;
        if (body["inline_message_id"] is not null)
        {
            chat = null!;
            return ApiResult.BadRequest("message to edit not found");
        }

        if (ResolveChat(body, true, out chat) is ApiResult chatError)
        {
            return chatError;
        }

        var id = EmulatorJson.GetLong(body, "message_id");
        if (id is null)
        {
            return ApiResult.BadRequest("message identifier is not specified");
        }

        var found = chat.FindBotMessage((int)id.Value);
        if (found is null)
        {
            return chat.ExistingMessageIds.Contains((int)id.Value)
                ? ApiResult.BadRequest("message can't be edited")
                : ApiResult.BadRequest("message to edit not found");
        }

        message = found;
        return null;
    }

    private ApiResult ApplyEdit(ChatState chat, StoredMessage message, string? text, Markup markup)
    {
        if (markup.ReplyKeyboard is not null)
        {
            return ApiResult.BadRequest("inline keyboard expected");
        }

        if (text == message.Text && JsonNode.DeepEquals(markup.Inline, message.InlineMarkup))
        {
            return ApiResult.BadRequest(NotModified);
        }

        message.Text = text;
        message.InlineMarkup = markup.Inline;
        message.EditCount++;
        message.EditDate = EmulatorJson.UnixNow();
        message.LastChangedAt = DateTimeOffset.UtcNow;
        message.ChangeSeq = ++_changeSeq;
        chat.Signal();
        return ApiResult.Ok(message.ToJson(chat, _botUser));
    }

    private ApiResult EditMessageText(JsonObject body)
    {
        if (FindEditable(body, out var chat, out var message) is ApiResult notFound)
        {
            return notFound;
        }

        if (message.Document is not null)
        {
            return ApiResult.BadRequest("there is no text in the message to edit");
        }

        var (text, textError) = ReadText(body, "text", 4096, required: true);
        var (markup, markupError) = MarkupReader.Read(body);
        if ((textError ?? (markupError is null ? null : ApiResult.BadRequest(markupError))) is ApiResult error)
        {
            return error;
        }

        return ApplyEdit(chat, message, text, markup);
    }

    private ApiResult EditMessageReplyMarkup(JsonObject body)
    {
        if (FindEditable(body, out var chat, out var message) is ApiResult notFound)
        {
            return notFound;
        }

        var (markup, markupError) = MarkupReader.Read(body);
        return markupError is not null
            ? ApiResult.BadRequest(markupError)
            : ApplyEdit(chat, message, message.Text, markup);
    }

    private ApiResult DeleteMessage(JsonObject body)
    {
        if (ResolveChat(body, false, out var chat) is ApiResult chatError)
        {
            return chatError;
        }

        var id = (int)(EmulatorJson.GetLong(body, "message_id") ?? 0);
        if (!chat.ExistingMessageIds.Remove(id))
        {
            return ApiResult.BadRequest("message to delete not found");
        }

        if (chat.FindBotMessage(id) is StoredMessage message)
        {
            message.Deleted = true;
            message.ChangeSeq = ++_changeSeq;
            chat.Signal();
        }

        return ApiResult.True();
    }

    private ApiResult SendChatAction(JsonObject body) =>
        ResolveChat(body, true, out _) ?? ApiResult.True();

    private ApiResult GetChat(JsonObject body) =>
        ResolveChat(body, false, out var chat) ?? ApiResult.Ok(chat.ToJson());
}

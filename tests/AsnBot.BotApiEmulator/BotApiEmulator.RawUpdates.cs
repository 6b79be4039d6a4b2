using System.Globalization;
using System.Text.Json.Nodes;

namespace AsnBot.BotApiEmulator;

/// <summary>
/// Raw updates for hostile-input tests: update kinds the bot does not ask for (edited messages, channel posts,
/// reactions, inline queries, member changes…), hand-made messages, and button presses Telegram would never
/// produce (another user's press on someone's private chat, presses without a message or without data).
/// Pair with <see cref="EmulatorOptions.DeliverAllUpdateTypes"/> so they reach the bot.
/// </summary>
public sealed partial class BotApiEmulator
{
    /// <summary>
    /// Enqueues one update of the given kind ("message", "edited_message", "message_reaction", "poll_answer", …)
    /// built by <paramref name="build"/> from this user's and chat's JSON and a fresh message id of the chat.
    /// </summary>
    public long EnqueueRaw(Resident resident, string updateType, Func<RawContext, JsonNode> build)
    {
        ArgumentNullException.ThrowIfNull(resident);
        ArgumentNullException.ThrowIfNull(build);
        lock (_gate)
        {
            var chat = _chats[resident.ChatId];
            var context = new RawContext(
                _users[resident.UserId].ToJson(),
                chat.ToJson(),
                (JsonObject)_botUser.DeepClone(),
                chat.NextMessageId(),
                EmulatorJson.UnixNow());
            resident.LastActionSeq = _changeSeq;
            return EnqueueLocked(new JsonObject { [updateType] = build(context) });
        }
    }

    /// <summary>A message whose fields the test fills itself (no text handling, no command entities added).</summary>
    public long SendRawMessage(Resident resident, Action<JsonObject> fill)
    {
        ArgumentNullException.ThrowIfNull(resident);
        return SendUserMessage(resident, fill);
    }

    /// <summary>
    /// A channel the bot is in, seen through a <see cref="Resident"/> whose user id is the channel's id (nobody
    /// writes as that user; it is there to read what the bot sent to the channel).
    /// </summary>
    public Resident Channel(long channelId)
    {
        var chatId = channelId > 0 ? -channelId : channelId;
        lock (_gate)
        {
            if (!_chats.ContainsKey(chatId))
            {
                _chats[chatId] = new ChatState(chatId, "channel", null, "Test Channel " + (-chatId).ToString(CultureInfo.InvariantCulture));
            }

            return GetResidentLocked(chatId, chatId);
        }
    }

    /// <summary>A post in a channel (no sender user; the channel is the sender_chat), as "channel_post" or "edited_channel_post".</summary>
    public long ChannelPost(Resident channel, string text, string updateType = "channel_post")
    {
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            var chat = _chats[channel.ChatId];
            var post = EmulatorJson.Obj(
                ("message_id", chat.NextMessageId()),
                ("sender_chat", chat.ToJson()),
                ("chat", chat.ToJson()),
                ("date", EmulatorJson.UnixNow()),
                ("text", text));
            if (updateType == "edited_channel_post")
            {
                post["edit_date"] = EmulatorJson.UnixNow();
            }

            channel.LastActionSeq = _changeSeq;
            return EnqueueLocked(new JsonObject { [updateType] = post });
        }
    }

    /// <summary>
    /// <paramref name="presser"/> presses a button on <paramref name="owner"/>'s message (a bot message in the
    /// owner's chat). In a group that is ordinary; in someone else's private chat Telegram never sends it (forged).
    /// </summary>
    public long PressAs(Resident presser, Resident owner, int messageId, string callbackData)
    {
        ArgumentNullException.ThrowIfNull(presser);
        ArgumentNullException.ThrowIfNull(owner);
        lock (_gate)
        {
            var chat = _chats[owner.ChatId];
            var message = chat.FindBotMessage(messageId)?.ToJson(chat, _botUser)
                ?? throw new InvalidOperationException($"No bot message {messageId} in chat {chat.Id}.");
            return EnqueueCallbackLocked(presser, chat, message, callbackData);
        }
    }

    /// <summary>A press without a message: on an inline-mode message (inline_message_id), optionally without data (a game button).</summary>
    public long PressWithoutMessage(Resident presser, string? callbackData, string? gameShortName = null)
    {
        ArgumentNullException.ThrowIfNull(presser);
        lock (_gate)
        {
            var id = (6_000_000_000_000_000L + ++_callbackCounter).ToString(CultureInfo.InvariantCulture);
            _callbackQueries[id] = (presser.UserId, presser.ChatId, false);
            presser.LastActionSeq = _changeSeq;
            var query = EmulatorJson.Obj(
                ("id", id),
                ("from", _users[presser.UserId].ToJson()),
                ("inline_message_id", "AgAAAInline" + id),
                ("chat_instance", "-" + id),
                ("data", callbackData),
                ("game_short_name", gameShortName));
            return EnqueueLocked(new JsonObject { ["callback_query"] = query });
        }
    }

    /// <summary>
    /// Calls the bot made to one chat (sendMessage, editMessageText, sendDocument, …; answerCallbackQuery is
    /// counted through <see cref="Resident.CallbackAnswers"/>), successful or not; only those of one method when given.
    /// </summary>
    public int CallsToChat(long chatId, string? method = null) =>
        Calls.Count(c => c.ChatId == chatId && c.Method != "getUpdates" && (method is null || c.Method == method));
}

/// <summary>What a raw update builder gets: the user and chat as Telegram shows them, the bot, a fresh message id and now.</summary>
public sealed record RawContext(JsonObject User, JsonObject Chat, JsonObject Bot, int MessageId, long Date)
{
    /// <summary>A minimal message in the chat from the user (message_id, from, chat, date) to add fields to.</summary>
    public JsonObject Message() => new()
    {
        ["message_id"] = MessageId,
        ["from"] = User.DeepClone(),
        ["chat"] = Chat.DeepClone(),
        ["date"] = Date,
    };
}

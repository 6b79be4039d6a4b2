using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AsnBot.BotApiEmulator;

/// <summary>The user side: updates produced by <see cref="Resident"/> actions, and views of a chat for waiting.</summary>
public sealed partial class BotApiEmulator
{
    private long _callbackCounter;

    internal long SendUserMessage(Resident resident, Action<JsonObject> fill)
    {
        lock (_gate)
        {
            var chat = _chats[resident.ChatId];
            var message = EmulatorJson.Obj(
                ("message_id", chat.NextMessageId()),
                ("from", _users[resident.UserId].ToJson()),
                ("chat", chat.ToJson()),
                ("date", EmulatorJson.UnixNow()));
            fill(message);
            resident.LastActionSeq = _changeSeq;
            return EnqueueLocked(new JsonObject { ["message"] = message });
        }
    }

    /// <summary>The bot's message as a reply quotes it (reply_to_message); null when there is none. Call under the lock.</summary>
    internal JsonObject? QuotedBotMessage(long chatId, int messageId) =>
        _chats.TryGetValue(chatId, out var chat) ? chat.FindBotMessage(messageId)?.ToJson(chat, _botUser) : null;

    internal static void FillText(JsonObject message, string text)
    {
        message["text"] = text;
        var match = Regex.Match(text, @"^/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]+)?", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (match.Success)
        {
            message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = match.Length, ["type"] = "bot_command" });
        }
    }

    /// <summary>
    /// Stores fake bytes as a file; must be called from a fill callback (under the lock). With
    /// <paramref name="sizeUnknown"/> neither the message nor getFile says how large it is.
    /// </summary>
    internal JsonObject FakeFile(string folder, string extension, int size, bool sizeUnknown = false)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)((i * 31) + folder.Length);
        }

        var file = StoreFileLocked(folder, extension, bytes) with { SizeUnknown = sizeUnknown };
        _files[file.FileId] = file;
        return EmulatorJson.Obj(("file_id", file.FileId), ("file_unique_id", file.FileUniqueId), ("file_size", sizeUnknown ? null : size));
    }

    internal long Press(Resident resident, string label)
    {
        lock (_gate)
        {
            var chat = _chats[resident.ChatId];
            var message = chat.BotMessages.LastOrDefault(m => !m.Deleted
                && m.ToRecord().Buttons.Any(b => b.Text == label && b.CallbackData is not null));
            if (message is null)
            {
                throw new InvalidOperationException(
                    $"No inline button labelled \"{label}\" on any bot message in chat {chat.Id}.\n{TranscriptLocked(chat)}");
            }

            var data = message.ToRecord().Buttons.First(b => b.Text == label && b.CallbackData is not null).CallbackData!;
            return EnqueueCallbackLocked(resident, chat, message.ToJson(chat, _botUser), data);
        }
    }

    internal long PressRaw(Resident resident, int messageId, string callbackData)
    {
        lock (_gate)
        {
            var chat = _chats[resident.ChatId];
            var message = chat.FindBotMessage(messageId)?.ToJson(chat, _botUser)
                ?? new JsonObject { ["chat"] = chat.ToJson(), ["message_id"] = messageId, ["date"] = 0 };
            return EnqueueCallbackLocked(resident, chat, message, callbackData);
        }
    }

    private long EnqueueCallbackLocked(Resident resident, ChatState chat, JsonObject message, string data)
    {
        var id = (5_000_000_000_000_000L + ++_callbackCounter).ToString(CultureInfo.InvariantCulture);
        _callbackQueries[id] = (resident.UserId, chat.Id, false);
        resident.LastActionSeq = _changeSeq;
        var query = new JsonObject
        {
            ["id"] = id,
            ["from"] = _users[resident.UserId].ToJson(),
            ["message"] = message,
            ["chat_instance"] = unchecked((chat.Id * 1_000_003L) + 4_242L).ToString(CultureInfo.InvariantCulture),
            ["data"] = data,
        };
        return EnqueueLocked(new JsonObject { ["callback_query"] = query });
    }

    internal (IReadOnlyList<BotMessage> Messages, Task Changed) Observe(long chatId)
    {
        lock (_gate)
        {
            var chat = _chats[chatId];
            return (chat.Snapshot(), chat.Changed);
        }
    }

    internal (BotMessage? Match, Task Changed) FindChangedSince(long chatId, long seq, string fragment)
    {
        lock (_gate)
        {
            var chat = _chats[chatId];
            var match = chat.BotMessages
                .Where(m => !m.Deleted && m.ChangeSeq > seq && (m.Text ?? m.Caption ?? string.Empty).Contains(fragment, StringComparison.Ordinal))
                .MaxBy(m => m.ChangeSeq);
            return (match?.ToRecord(), chat.Changed);
        }
    }

    internal long ReadLastActionSeq(Resident resident)
    {
        lock (_gate)
        {
            return resident.LastActionSeq;
        }
    }

    internal IReadOnlyList<CallbackAnswer> AnswersFor(long userId)
    {
        lock (_gate)
        {
            return _callbackAnswers.Where(a => a.UserId == userId).Select(a => a.Answer).ToArray();
        }
    }

    internal string Transcript(long chatId)
    {
        lock (_gate)
        {
            return TranscriptLocked(_chats[chatId]);
        }
    }

    private string TranscriptLocked(ChatState chat)
    {
        var sb = new StringBuilder();
        var messages = chat.Snapshot();
        sb.Append(CultureInfo.InvariantCulture, $"Chat {chat.Id} ({chat.Type}): {messages.Count} bot message(s)").AppendLine();
        foreach (var m in messages)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  #{m.MessageId}");
            if (m.EditCount > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $" (edited {m.EditCount}x)");
            }

            if (m.DocumentFileName is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $" [document {m.DocumentFileName}]");
            }

            sb.Append(CultureInfo.InvariantCulture, $": \"{m.Text}\"");
            foreach (var b in m.Buttons)
            {
                sb.Append(CultureInfo.InvariantCulture, $" [{b.Text}{(b.CallbackData is null ? " -> " + b.Url : " | " + b.CallbackData)}]");
            }

            sb.AppendLine();
        }

        var failed = _calls.Where(c => c.ChatId == chat.Id && c.StatusCode != 200).TakeLast(5).ToArray();
        if (failed.Length > 0)
        {
            sb.AppendLine("  Recent failed API calls for this chat:");
            foreach (var c in failed)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    {c.Method} -> {c.StatusCode} {c.Description}: {c.Body.ToJsonString()}").AppendLine();
            }
        }

        return sb.ToString();
    }
}

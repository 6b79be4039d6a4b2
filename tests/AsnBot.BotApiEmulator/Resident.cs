using System.Diagnostics;
using System.Globalization;

namespace AsnBot.BotApiEmulator;

/// <summary>A Telegram user acting in one chat (their private chat with the bot, or a group).</summary>
public sealed class Resident
{
    private readonly BotApiEmulator _emulator;

    internal Resident(BotApiEmulator emulator, long userId, long chatId)
    {
        _emulator = emulator;
        UserId = userId;
        ChatId = chatId;
    }

    public long UserId { get; }

    public long ChatId { get; }

    /// <summary>Bot messages in this chat, in send order, as they currently look (deleted ones left out).</summary>
    public IReadOnlyList<BotMessage> Messages => _emulator.Observe(ChatId).Messages;

    /// <summary>The most recent bot message in this chat; throws when there is none.</summary>
    public BotMessage LastMessage => Messages is { Count: > 0 } all
        ? all[^1]
        : throw new InvalidOperationException($"The bot has not sent anything to chat {ChatId} yet.");

    /// <summary>answerCallbackQuery calls for this user's callback queries.</summary>
    public IReadOnlyList<CallbackAnswer> CallbackAnswers => _emulator.AnswersFor(UserId);

    /// <summary>Emulator change number at this resident's last action (guarded by the emulator's lock).</summary>
    internal long LastActionSeq { get; set; }

    /// <summary>Sends a text message; a leading "/command" gets a bot_command entity. Returns the update_id.</summary>
    public Task<long> SendText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Task.FromResult(_emulator.SendUserMessage(this, m => BotApiEmulator.FillText(m, text)));
    }

    /// <summary>Replies to a bot message in this chat (Telegram's reply_to_message), as an admin answers a post.</summary>
    public Task<long> SendReply(string text, int replyToMessageId)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Task.FromResult(_emulator.SendUserMessage(this, m =>
        {
            BotApiEmulator.FillText(m, text);
            m["reply_to_message"] = _emulator.QuotedBotMessage(ChatId, replyToMessageId);
        }));
    }

    public Task<long> SendSticker() => Task.FromResult(_emulator.SendUserMessage(this, m =>
    {
        var sticker = _emulator.FakeFile("stickers", ".webp", 64);
        sticker["type"] = "regular";
        sticker["width"] = 512;
        sticker["height"] = 512;
        sticker["is_animated"] = false;
        sticker["is_video"] = false;
        sticker["emoji"] = "👍";
        m["sticker"] = sticker;
    }));

    /// <summary>Sends a photo (two sizes, both downloadable through getFile).</summary>
    public Task<long> SendPhoto(string? caption = null) => Task.FromResult(_emulator.SendUserMessage(this, m =>
    {
        var small = _emulator.FakeFile("photos", ".jpg", 256);
        small["width"] = 90;
        small["height"] = 67;
        var large = _emulator.FakeFile("photos", ".jpg", 2048);
        large["width"] = 800;
        large["height"] = 600;
        m["photo"] = new System.Text.Json.Nodes.JsonArray(small, large);
        if (caption is not null)
        {
            m["caption"] = caption;
        }
    }));

    /// <summary>Sends one photo of <paramref name="bytes"/> bytes whose size neither the message nor getFile gives.</summary>
    public Task<long> SendPhotoOfUnknownSize(int bytes) => Task.FromResult(_emulator.SendUserMessage(this, m =>
    {
        var photo = _emulator.FakeFile("photos", ".jpg", bytes, sizeUnknown: true);
        photo["width"] = 1280;
        photo["height"] = 960;
        m["photo"] = new System.Text.Json.Nodes.JsonArray(photo);
    }));

    public Task<long> SendVoice() => Task.FromResult(_emulator.SendUserMessage(this, m =>
    {
        var voice = _emulator.FakeFile("voice", ".oga", 512);
        voice["duration"] = 2;
        voice["mime_type"] = "audio/ogg";
        m["voice"] = voice;
    }));

    public Task<long> SendLocation(double latitude, double longitude) => Task.FromResult(_emulator.SendUserMessage(this, m =>
        m["location"] = new System.Text.Json.Nodes.JsonObject { ["latitude"] = latitude, ["longitude"] = longitude }));

    /// <summary>Shares a contact; the contact is this user (as with a request_contact button).</summary>
    public Task<long> SendContact(string phone) => Task.FromResult(_emulator.SendUserMessage(this, m =>
        m["contact"] = new System.Text.Json.Nodes.JsonObject
        {
            ["phone_number"] = phone,
            ["first_name"] = m["from"]?["first_name"]?.DeepClone(),
            ["user_id"] = UserId,
        }));

    /// <summary>
    /// Presses the inline button with exactly this label on the most recent bot message in this chat that shows it.
    /// Throws (listing the visible buttons) when none matches.
    /// </summary>
    public Task<long> Press(string label)
    {
        try
        {
            return Task.FromResult(_emulator.Press(this, label));
        }
        catch (InvalidOperationException ex)
        {
            return Task.FromException<long>(ex);
        }
    }

    /// <summary>Presses a button on a given message id with arbitrary callback data (forged/stale presses).</summary>
    public Task<long> PressRaw(int messageId, string callbackData) =>
        Task.FromResult(_emulator.PressRaw(this, messageId, callbackData));

    /// <summary>Bytes of a document the bot sent to this chat, or null.</summary>
    public byte[]? DocumentBytes(int messageId) => _emulator.DocumentBytes(ChatId, messageId);

    /// <summary>Waits until the predicate holds over the chat's bot messages; throws TimeoutException with the transcript.</summary>
    public async Task WaitFor(Func<IReadOnlyList<BotMessage>, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var limit = timeout ?? _emulator.Options.WaitTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (messages, changed) = _emulator.Observe(ChatId);
            if (predicate(messages))
            {
                return;
            }

            if (!await WaitChange(changed, limit - clock.Elapsed).ConfigureAwait(false))
            {
                throw new TimeoutException(
                    $"Condition not met within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.\n{_emulator.Transcript(ChatId)}");
            }
        }
    }

    /// <summary>
    /// Waits for a bot message (new or edited after this resident's last action) whose text contains the fragment.
    /// </summary>
    public async Task<BotMessage> WaitForText(string fragment, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        var limit = timeout ?? _emulator.Options.WaitTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (match, changed) = _emulator.FindChangedSince(ChatId, LastActionSeqSnapshot(), fragment);
            if (match is not null)
            {
                return match;
            }

            if (!await WaitChange(changed, limit - clock.Elapsed).ConfigureAwait(false))
            {
                throw new TimeoutException(
                    $"No bot message containing \"{fragment}\" after the last action of user {UserId} within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.\n{_emulator.Transcript(ChatId)}");
            }
        }
    }

    /// <summary>Waits until the bot has answered at least <paramref name="count"/> of this user's callback queries.</summary>
    public async Task<CallbackAnswer> WaitForCallbackAnswer(int count = 1, TimeSpan? timeout = null)
    {
        var limit = timeout ?? _emulator.Options.WaitTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (_, changed) = _emulator.Observe(ChatId);
            var answers = CallbackAnswers;
            if (answers.Count >= count)
            {
                return answers[^1];
            }

            if (!await WaitChange(changed, limit - clock.Elapsed).ConfigureAwait(false))
            {
                throw new TimeoutException($"Only {answers.Count} callback answer(s) for user {UserId}, expected {count}.\n{_emulator.Transcript(ChatId)}");
            }
        }
    }

    public override string ToString() => _emulator.Transcript(ChatId);

    private long LastActionSeqSnapshot() => _emulator.ReadLastActionSeq(this);

    private static async Task<bool> WaitChange(Task changed, TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }

        try
        {
            await changed.WaitAsync(remaining).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

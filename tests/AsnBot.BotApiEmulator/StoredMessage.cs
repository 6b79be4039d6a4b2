using System.Text.Json.Nodes;

namespace AsnBot.BotApiEmulator;

/// <summary>A bot message as stored by the emulator. Mutable; guarded by the emulator's lock.</summary>
internal sealed class StoredMessage
{
    public StoredMessage(int messageId, long chatId, long date)
    {
        MessageId = messageId;
        ChatId = chatId;
        Date = date;
    }

    public int MessageId { get; }

    public long ChatId { get; }

    public long Date { get; }

    /// <summary>Plain text (markup parsed away); null for documents.</summary>
    public string? Text { get; set; }

    public string? Caption { get; set; }

    /// <summary>The reply_markup as it is echoed back: only inline keyboards are.</summary>
    public JsonObject? InlineMarkup { get; set; }

    /// <summary>Reply keyboard rows sent with the message, if any.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? ReplyKeyboard { get; set; }

    public DocumentInfo? Document { get; set; }

    public PhotoInfo? Photo { get; set; }

    public byte[]? DocumentBytes { get; set; }

    public int EditCount { get; set; }

    public long? EditDate { get; set; }

    public DateTimeOffset LastChangedAt { get; set; }

    /// <summary>Emulator-wide change sequence number of the last send or edit.</summary>
    public long ChangeSeq { get; set; }

    public bool Deleted { get; set; }

    public BotMessage ToRecord() => new(
        MessageId,
        ChatId,
        Text ?? Caption ?? string.Empty,
        ReadInlineKeyboard(InlineMarkup),
        EditCount,
        LastChangedAt,
        Document?.FileName,
        ReplyKeyboard,
        Photo is not null);

    public JsonObject ToJson(ChatState chat, JsonObject botUser)
    {
        var o = EmulatorJson.Obj(
            ("message_id", MessageId),
            ("from", botUser.DeepClone()),
            ("chat", chat.ToJson()),
            ("date", Date),
            ("edit_date", EditDate),
            ("text", Text),
            ("document", Document?.ToJson()),
            ("photo", Photo?.ToJson()),
            ("caption", Caption),
            ("reply_markup", InlineMarkup?.DeepClone()));
        return o;
    }

    public static IReadOnlyList<IReadOnlyList<InlineButton>> ReadInlineKeyboard(JsonObject? markup)
    {
        if (markup?["inline_keyboard"] is not JsonArray rows)
        {
            return [];
        }

        return rows.OfType<JsonArray>()
            .Select(row => (IReadOnlyList<InlineButton>)row.OfType<JsonObject>()
                .Select(b => new InlineButton(
                    EmulatorJson.GetString(b, "text") ?? string.Empty,
                    EmulatorJson.GetString(b, "callback_data"),
                    EmulatorJson.GetString(b, "url")))
                .ToArray())
            .ToArray();
    }
}

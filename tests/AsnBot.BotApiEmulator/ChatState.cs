using System.Text.Json.Nodes;

namespace AsnBot.BotApiEmulator;

/// <summary>A user known to the emulator. Guarded by the emulator's lock.</summary>
internal sealed record UserInfo(long Id, string FirstName, string? LanguageCode)
{
    public JsonObject ToJson() => EmulatorJson.Obj(
        ("id", Id),
        ("is_bot", false),
        ("first_name", FirstName),
        ("language_code", LanguageCode));
}

/// <summary>One chat (private or group) and the bot messages in it. Guarded by the emulator's lock.</summary>
internal sealed class ChatState
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _lastMessageId;

    public ChatState(long id, string type, string? firstName, string? title)
    {
        Id = id;
        Type = type;
        FirstName = firstName;
        Title = title;
    }

    public long Id { get; }

    public string Type { get; }

    public string? FirstName { get; }

    public string? Title { get; }

    public bool IsPrivate => Type == "private";

    /// <summary>Ids of every message that exists in the chat (user and bot), for replies and deletion.</summary>
    public HashSet<int> ExistingMessageIds { get; } = [];

    /// <summary>Bot messages in send order (deleted ones included, flagged).</summary>
    public List<StoredMessage> BotMessages { get; } = [];

    /// <summary>Completes at the next change of any bot message in the chat.</summary>
    public Task Changed => _changed.Task;

    public int NextMessageId()
    {
        var id = ++_lastMessageId;
        ExistingMessageIds.Add(id);
        return id;
    }

    public StoredMessage? FindBotMessage(int messageId) =>
        BotMessages.Find(m => m.MessageId == messageId && !m.Deleted);

    public void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    public IReadOnlyList<BotMessage> Snapshot() =>
        BotMessages.Where(m => !m.Deleted).Select(m => m.ToRecord()).ToArray();

    public JsonObject ToJson() => EmulatorJson.Obj(
        ("id", Id),
        ("type", Type),
        ("title", Title),
        ("first_name", FirstName));
}

/// <summary>A document attached to a bot message.</summary>
internal sealed record DocumentInfo(string FileId, string FileUniqueId, string FileName, string? MimeType, int FileSize)
{
    public JsonObject ToJson() => EmulatorJson.Obj(
        ("file_name", FileName),
        ("mime_type", MimeType),
        ("file_id", FileId),
        ("file_unique_id", FileUniqueId),
        ("file_size", FileSize));
}

/// <summary>A photo the bot sent (one size).</summary>
internal sealed record PhotoInfo(string FileId, string FileUniqueId, int FileSize)
{
    public JsonArray ToJson() => [EmulatorJson.Obj(
        ("file_id", FileId),
        ("file_unique_id", FileUniqueId),
        ("width", 800),
        ("height", 600),
        ("file_size", FileSize))];
}

/// <summary>A file the emulator can serve through getFile and the file download URL.</summary>
/// <param name="FileId">The id the bot passes to getFile.</param>
/// <param name="FileUniqueId">Telegram's stable id of the file.</param>
/// <param name="FilePath">Where the file is served under /file/bot&lt;token&gt;/.</param>
/// <param name="Bytes">The file's contents.</param>
/// <param name="SizeUnknown">getFile leaves file_size out, as Telegram may (the field is optional).</param>
internal sealed record StoredFile(string FileId, string FileUniqueId, string FilePath, byte[] Bytes, bool SizeUnknown = false);

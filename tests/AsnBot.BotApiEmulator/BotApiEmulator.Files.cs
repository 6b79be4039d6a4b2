using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AsnBot.BotApiEmulator;

/// <summary>Documents, files, callback answers and bot commands. Every method here runs under the lock.</summary>
public sealed partial class BotApiEmulator
{
    private readonly Dictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonArray> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long UserId, long ChatId, bool Answered)> _callbackQueries = new(StringComparer.Ordinal);
    private readonly List<(long UserId, CallbackAnswer Answer)> _callbackAnswers = [];
    private int _fileCounter;

    private StoredFile StoreFileLocked(string folder, string extension, byte[] bytes)
    {
        var n = ++_fileCounter;
        var number = n.ToString(CultureInfo.InvariantCulture);
        var file = new StoredFile(
            $"BQACAgIAAxkBAAI{folder}{number}",
            "AgAD" + number,
            $"{folder}/file_{number}{extension}",
            bytes);
        _files[file.FileId] = file;
        return file;
    }

    private ApiResult SendDocument(ApiRequest request)
    {
        var body = request.Body;
        if (ResolveChat(body, true, out var chat) is ApiResult chatError)
        {
            return chatError;
        }

        StoredFile file;
        string fileName;
        string? mime;
        if (FindUpload(request, "document") is UploadedFile upload)
        {
            if (upload.Bytes.Length == 0)
            {
                return ApiResult.BadRequest("file must be non-empty");
            }

            fileName = string.IsNullOrEmpty(upload.FileName) ? "document" : upload.FileName;
            mime = upload.ContentType;
            file = StoreFileLocked("documents", Path.GetExtension(fileName), upload.Bytes);
        }
        else if (EmulatorJson.GetString(body, "document") is string reference && _files.TryGetValue(reference, out var existing))
        {
            file = existing;
            fileName = Path.GetFileName(existing.FilePath);
            mime = null;
        }
        else
        {
            return ApiResult.BadRequest(body["document"] is null ? "there is no document in the request" : "wrong file identifier/HTTP URL specified");
        }

        var (caption, captionError) = ReadText(body, "caption", 1024, required: false);
        var (markup, markupError) = MarkupReader.Read(body);
        if ((captionError ?? (markupError is null ? CheckReply(body, chat) : ApiResult.BadRequest(markupError))) is ApiResult error)
        {
            return error;
        }

        var message = new StoredMessage(chat.NextMessageId(), chat.Id, EmulatorJson.UnixNow())
        {
            Caption = caption,
            Document = new DocumentInfo(file.FileId, file.FileUniqueId, fileName, mime, file.Bytes.Length),
            DocumentBytes = file.Bytes,
            InlineMarkup = markup.Inline,
            ReplyKeyboard = markup.ReplyKeyboard,
        };
        return AddBotMessage(chat, message);
    }

    /// <summary>sendPhoto with an uploaded file: the message carries one photo size; its bytes are kept like a document's.</summary>
    private ApiResult SendPhoto(ApiRequest request)
    {
        var body = request.Body;
        if (ResolveChat(body, true, out var chat) is ApiResult chatError)
        {
            return chatError;
        }

        if (FindUpload(request, "photo") is not UploadedFile upload || upload.Bytes.Length == 0)
        {
            return ApiResult.BadRequest("there is no photo in the request");
        }

        var (caption, captionError) = ReadText(body, "caption", 1024, required: false);
        var (markup, markupError) = MarkupReader.Read(body);
        if ((captionError ?? (markupError is null ? CheckReply(body, chat) : ApiResult.BadRequest(markupError))) is ApiResult error)
        {
            return error;
        }

        var file = StoreFileLocked("photos", ".jpg", upload.Bytes);
        var message = new StoredMessage(chat.NextMessageId(), chat.Id, EmulatorJson.UnixNow())
        {
            Caption = caption,
            Photo = new PhotoInfo(file.FileId, file.FileUniqueId, file.Bytes.Length),
            DocumentBytes = file.Bytes,
            InlineMarkup = markup.Inline,
        };
        return AddBotMessage(chat, message);
    }

    /// <summary>The uploaded file for a field: a part with the field's name, or "attach://name" (what Telegram.Bot sends).</summary>
    private static UploadedFile? FindUpload(ApiRequest request, string field)
    {
        if (request.Files.TryGetValue(field, out var direct))
        {
            return direct;
        }

        const string Attach = "attach://";
        return EmulatorJson.GetString(request.Body, field) is string value
            && value.StartsWith(Attach, StringComparison.Ordinal)
            && request.Files.TryGetValue(value[Attach.Length..], out var attached)
                ? attached
                : null;
    }

    private ApiResult GetFile(JsonObject body)
    {
        var id = EmulatorJson.GetString(body, "file_id");
        if (id is null || !_files.TryGetValue(id, out var file))
        {
            return ApiResult.BadRequest("invalid file_id");
        }

        return ApiResult.Ok(EmulatorJson.Obj(
            ("file_id", file.FileId),
            ("file_unique_id", file.FileUniqueId),
            ("file_size", file.SizeUnknown ? null : file.Bytes.Length),
            ("file_path", file.FilePath)));
    }

    private ApiResult AnswerCallbackQuery(JsonObject body)
    {
        var id = EmulatorJson.GetString(body, "callback_query_id");
        if (id is null || !_callbackQueries.TryGetValue(id, out var query) || query.Answered)
        {
            return ApiResult.BadRequest("query is too old and response timeout expired or query ID is invalid");
        }

        var text = EmulatorJson.GetString(body, "text");
        if (text is { Length: > 200 })
        {
            return ApiResult.BadRequest("MESSAGE_TOO_LONG");
        }

        _callbackQueries[id] = query with { Answered = true };
        _callbackAnswers.Add((query.UserId, new CallbackAnswer(id, text, EmulatorJson.GetBool(body, "show_alert"))));
        if (_chats.TryGetValue(query.ChatId, out var chat))
        {
            chat.Signal();
        }

        return ApiResult.True();
    }

    private ApiResult SetMyCommands(JsonObject body)
    {
        if (EmulatorJson.GetStructured(body, "commands") is not JsonArray commands)
        {
            return ApiResult.BadRequest("parameter \"commands\" is required");
        }

        if (commands.Count > 100)
        {
            return ApiResult.BadRequest("BOT_COMMANDS_TOO_MUCH");
        }

        foreach (var item in commands)
        {
            var command = item is JsonObject o ? EmulatorJson.GetString(o, "command") : null;
            var description = item is JsonObject d ? EmulatorJson.GetString(d, "description") : null;
            if (command is null || !Regex.IsMatch(command, "^[a-z0-9_]{1,32}$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                return ApiResult.BadRequest("BOT_COMMAND_INVALID");
            }

            if (string.IsNullOrWhiteSpace(description) || description.Length > 256)
            {
                return ApiResult.BadRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
        }

        _commands[EmulatorJson.GetString(body, "language_code") ?? string.Empty] = (JsonArray)commands.DeepClone();
        return ApiResult.True();
    }

    private ApiResult GetMyCommands(JsonObject body) =>
        ApiResult.Ok(_commands.TryGetValue(EmulatorJson.GetString(body, "language_code") ?? string.Empty, out var list)
            ? list.DeepClone()
            : new JsonArray());

    private ApiResult DeleteMyCommands(JsonObject body)
    {
        _commands.Remove(EmulatorJson.GetString(body, "language_code") ?? string.Empty);
        return ApiResult.True();
    }
}

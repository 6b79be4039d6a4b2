using System.Text;
using System.Text.Json.Nodes;

namespace AsnBot.BotApiEmulator;

/// <summary>Validated reply_markup of a send/edit call.</summary>
internal sealed record Markup(JsonObject? Inline, IReadOnlyList<IReadOnlyList<string>>? ReplyKeyboard)
{
    public static readonly Markup None = new(null, null);
}

/// <summary>Reads and validates reply_markup the way the Bot API does.</summary>
internal static class MarkupReader
{
    private static readonly string[] ActionFields =
    [
        "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
    ];

    /// <summary>Returns the markup or an error description (without "Bad Request: ").</summary>
    public static (Markup Markup, string? Error) Read(JsonObject body)
    {
        var node = EmulatorJson.GetStructured(body, "reply_markup");
        if (node is null)
        {
            return (Markup.None, null);
        }

        if (node is not JsonObject markup)
        {
            return (Markup.None, "can't parse reply keyboard markup JSON object");
        }

        if (markup["inline_keyboard"] is JsonNode inline)
        {
            return ReadInline(inline);
        }

        if (markup["keyboard"] is JsonArray rows)
        {
            var labels = rows.OfType<JsonArray>()
                .Select(row => (IReadOnlyList<string>)row
                    .Select(b => b is JsonObject o ? EmulatorJson.GetString(o, "text") ?? string.Empty : b?.ToString() ?? string.Empty)
                    .ToArray())
                .ToArray();
            return (new Markup(null, labels), null);
        }

        return markup.ContainsKey("remove_keyboard") || markup.ContainsKey("force_reply")
            ? (Markup.None, null)
            : (Markup.None, "can't parse reply keyboard markup JSON object");
    }

    private static (Markup Markup, string? Error) ReadInline(JsonNode inline)
    {
        if (inline is not JsonArray rows || rows.Any(r => r is not JsonArray))
        {
            return (Markup.None, "field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays");
        }

        var normalized = new JsonArray();
        foreach (var row in rows.Cast<JsonArray>())
        {
            var outRow = new JsonArray();
            foreach (var item in row)
            {
                if (item is not JsonObject button)
                {
                    return (Markup.None, "can't parse inline keyboard button: InlineKeyboardButton must be an Object");
                }

                var (normalizedButton, error) = ReadButton(button);
                if (error is not null)
                {
                    return (Markup.None, error);
                }

                outRow.Add(normalizedButton);
            }

            normalized.Add(outRow);
        }

        return (new Markup(new JsonObject { ["inline_keyboard"] = normalized }, null), null);
    }

    private static (JsonObject? Button, string? Error) ReadButton(JsonObject button)
    {
        var text = EmulatorJson.GetString(button, "text");
        if (string.IsNullOrEmpty(text))
        {
            return (null, "can't parse inline keyboard button: Text must be non-empty");
        }

        var result = new JsonObject { ["text"] = text };
        foreach (var field in ActionFields)
        {
            var value = button[field];
            if (value is null || (value is JsonValue v && v.TryGetValue(out bool b) && !b))
            {
                continue;
            }

            result[field] = value.DeepClone();
        }

        if (result.Count == 1)
        {
            return (null, "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }

        if (result["callback_data"] is JsonNode data)
        {
            var bytes = Encoding.UTF8.GetByteCount(data.GetValueKind() == System.Text.Json.JsonValueKind.String ? data.GetValue<string>() : data.ToJsonString());
            if (bytes is < 1 or > 64)
            {
                return (null, "BUTTON_DATA_INVALID");
            }
        }

        if (result["url"] is JsonNode url)
        {
            var ok = Uri.TryCreate(url.ToString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "tg";
            if (!ok)
            {
                return (null, "BUTTON_URL_INVALID");
            }
        }

        return (result, null);
    }
}

using System.Globalization;
using System.Text;

namespace AsnBot.BotApiEmulator;

/// <summary>
/// Turns text sent with a parse_mode into the plain text a user sees, rejecting malformed markup the way
/// Telegram does ("Bad Request: can't parse entities: ..."). Good enough for tests, not a full parser.
/// </summary>
internal static class TextMarkup
{
    private const string MarkdownV2Reserved = "_*[]()~`>#+-=|{}.!";

    private static readonly HashSet<string> HtmlTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
        "blockquote", "tg-emoji", "tg-time",
    };

    /// <summary>Returns the plain text, or an error description (without the "Bad Request: " prefix).</summary>
    public static (string? Text, string? Error) Parse(string text, string? parseMode)
    {
        return parseMode?.ToUpperInvariant() switch
        {
            null or "" => (text, null),
            "HTML" => ParseHtml(text),
            "MARKDOWNV2" => ParseMarkdownV2(text),
            "MARKDOWN" => ParseMarkdownLegacy(text),
            _ => (null, "unsupported parse_mode"),
        };
    }

    private static string ByteOffset(string text, int index) =>
        Encoding.UTF8.GetByteCount(text.AsSpan(0, index)).ToString(CultureInfo.InvariantCulture);

    private static (string? Text, string? Error) ParseHtml(string text)
    {
        var sb = new StringBuilder(text.Length);
        var open = new Stack<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<')
            {
                var end = text.IndexOf('>', i);
                if (end < 0)
                {
                    return (null, $"can't parse entities: Unclosed start tag at byte offset {ByteOffset(text, i)}");
                }

                var inner = text[(i + 1)..end].Trim();
                var closing = inner.StartsWith('/');
                var name = new string((closing ? inner[1..] : inner).TakeWhile(ch => char.IsLetterOrDigit(ch) || ch == '-').ToArray());
                if (!HtmlTags.Contains(name))
                {
                    return (null, $"can't parse entities: Unsupported start tag \"{name}\" at byte offset {ByteOffset(text, i)}");
                }

                if (closing)
                {
                    if (open.Count == 0 || !string.Equals(open.Pop(), name, StringComparison.OrdinalIgnoreCase))
                    {
                        return (null, $"can't parse entities: Unmatched end tag at byte offset {ByteOffset(text, i)}, expected \"</{name}>\"");
                    }
                }
                else
                {
                    open.Push(name);
                }

                i = end;
            }
            else if (c == '&')
            {
                var semi = text.IndexOf(';', i);
                var entity = semi > i && semi - i <= 10 ? text[(i + 1)..semi] : null;
                var decoded = entity is null ? null : DecodeEntity(entity);
                if (decoded is null)
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append(decoded);
                    i = semi;
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return open.Count > 0
            ? (null, $"can't parse entities: Can't find end tag corresponding to start tag \"{open.Peek()}\"")
            : (sb.ToString(), null);
    }

    private static string? DecodeEntity(string entity)
    {
        switch (entity)
        {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "quot": return "\"";
        }

        if (entity.StartsWith("#x", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(entity[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return char.ConvertFromUtf32(hex);
        }

        return entity.StartsWith('#') && int.TryParse(entity[1..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var dec)
            ? char.ConvertFromUtf32(dec)
            : null;
    }

    private static (string? Text, string? Error) ParseMarkdownV2(string text)
    {
        var sb = new StringBuilder(text.Length);
        var toggles = new Dictionary<string, int>(StringComparer.Ordinal);
        var inLinkText = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                sb.Append(text[++i]);
                continue;
            }

            if (c == '`')
            {
                var fence = text.AsSpan(i).StartsWith("```") ? "```" : "`";
                var close = text.IndexOf(fence, i + fence.Length, StringComparison.Ordinal);
                if (close < 0)
                {
                    return (null, $"can't parse entities: Can't find end of Code entity at byte offset {ByteOffset(text, i)}");
                }

                var code = text[(i + fence.Length)..close].Replace("\\`", "`", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
                if (fence.Length == 3 && code.IndexOf('\n') is var nl and >= 0 && !code[..nl].Contains(' ', StringComparison.Ordinal))
                {
                    code = code[(nl + 1)..];
                }

                sb.Append(code);
                i = close + fence.Length - 1;
                continue;
            }

            var token = c switch
            {
                '*' or '~' => c.ToString(),
                '_' => i + 1 < text.Length && text[i + 1] == '_' ? "__" : "_",
                '|' when i + 1 < text.Length && text[i + 1] == '|' => "||",
                _ => null,
            };
            if (token is not null)
            {
                toggles[token] = toggles.GetValueOrDefault(token) + 1;
                i += token.Length - 1;
                continue;
            }

            if (c == '[' && !inLinkText)
            {
                inLinkText = true;
                continue;
            }

            if (c == ']' && inLinkText)
            {
                inLinkText = false;
                if (i + 1 < text.Length && text[i + 1] == '(')
                {
                    var close = text.IndexOf(')', i + 1);
                    if (close < 0)
                    {
                        return (null, $"can't parse entities: Can't find end of a url at byte offset {ByteOffset(text, i)}");
                    }

                    i = close;
                }

                continue;
            }

            if (c == '>' && (i == 0 || text[i - 1] == '\n'))
            {
                continue;
            }

            if (MarkdownV2Reserved.Contains(c, StringComparison.Ordinal))
            {
                return (null, $"can't parse entities: Character '{c}' is reserved and must be escaped with the preceding '\\'");
            }

            sb.Append(c);
        }

        var unclosed = toggles.FirstOrDefault(kv => kv.Value % 2 != 0).Key;
        if (unclosed is not null || inLinkText)
        {
            return (null, $"can't parse entities: Can't find end of the entity \"{unclosed ?? "["}\"");
        }

        return (sb.ToString(), null);
    }

    private static (string? Text, string? Error) ParseMarkdownLegacy(string text)
    {
        var sb = new StringBuilder(text.Length);
        char? open = null;
        var openAt = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '*' or '_' or '`')
            {
                if (open is null)
                {
                    open = c;
                    openAt = i;
                    continue;
                }

                if (open == c)
                {
                    open = null;
                    continue;
                }
            }

            if (c == '[' && open is null && text.IndexOf("](", i, StringComparison.Ordinal) is var mid and > 0
                && text.IndexOf(')', mid) is var end and > 0)
            {
                sb.Append(text, i + 1, mid - i - 1);
                i = end;
                continue;
            }

            sb.Append(c);
        }

        return open is null
            ? (sb.ToString(), null)
            : (null, $"can't parse entities: Can't find end of the entity starting at byte offset {ByteOffset(text, openAt)}");
    }
}

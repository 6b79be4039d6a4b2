using AsnBot.Engine;

namespace AsnBot.Delivery;

/// <summary>
/// Telegram's size limits, applied once before anything is queued: a text over 4 096 characters is
/// split at line breaks (the buttons go with the last part), an edit is shortened, a button notice is
/// kept within 200 characters. Nothing reaches Telegram that it would refuse for its size.
/// </summary>
public static class MessageLimits
{
    public const int MaxText = 4096;
    public const int MaxNotice = 200;

    /// <summary>Parts are cut a little under the limit, at a line break where there is one.</summary>
    private const int PartSize = 4000;

    public static IEnumerable<Outbound> Fit(Outbound outbound) => outbound switch
    {
        SendText send when send.Text.Length > MaxText => Split(send),
        EditText edit when edit.Text.Length > MaxText => [edit with { Text = Shorten(edit.Text, MaxText) }],
        AnswerButton { Text.Length: > MaxNotice } answer => [answer with { Text = Shorten(answer.Text!, MaxNotice) }],
        _ => [outbound],
    };

    private static IEnumerable<Outbound> Split(SendText send)
    {
        var rest = send.Text.AsMemory();
        while (rest.Length > MaxText)
        {
            var cut = rest.Span[..PartSize].LastIndexOf('\n');
            var length = cut > PartSize / 2 ? cut : PartSize;
            yield return new SendText(send.ChatId, rest[..length].ToString().TrimEnd());
            rest = rest[length..].TrimStart('\n');
        }

        yield return send with { Text = rest.ToString() };
    }

    private static string Shorten(string text, int limit) => string.Concat(text.AsSpan(0, limit - 1), "…");
}

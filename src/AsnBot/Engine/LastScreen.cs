using System.Text.Json;
using AsnBot.Data;
using AsnBot.Data.Sessions;

namespace AsnBot.Engine;

/// <summary>
/// The last message with buttons a resident was shown, kept in their session so a typed answer can be
/// read as a press of one of its buttons, and a confirmation shown again instead of being replaced.
/// </summary>
internal sealed record LastScreen(string Text, Keyboard Keyboard)
{
    public IReadOnlyList<Button> Buttons => [.. Keyboard.Rows.SelectMany(r => r)];

    public static LastScreen? Of(IUnitOfWork work, long chatId) =>
        work.Sessions.Screen(chatId) is { } json ? JsonSerializer.Deserialize<LastScreen>(json) : null;

    /// <summary>
    /// After a turn: a chat that was sent a message with buttons remembers it. A press (or a typed answer)
    /// answered only by messages without buttons leaves no screen to answer; a typed question or a
    /// command answered that way (/bantuan, "too long") leaves the screen as it was.
    /// </summary>
    public static void Remember(IUnitOfWork work, Inbound handled, IReadOnlyList<Outbound> replies)
    {
        var sessions = work.Sessions;
        foreach (var chat in replies.Where(r => r is SendText or EditText && r.ChatId > 0).GroupBy(r => r.ChatId))
        {
            // A step offered with Telegram's reply keyboard (the evidence step) replaces the last screen too: its
            // answers come as text, and the buttons of the step before it are no longer the ones on show.
            var last = chat.LastOrDefault(r => Shown(r) is not null || r is SendText { LocationButton: not null });
            var screen = last is null ? null : Shown(last);
            if (last is not null || (chat.Key == handled.ChatId && handled.Kind == InboundKind.Button))
            {
                sessions.SetScreen(chat.Key, screen is null ? null : JsonSerializer.Serialize(screen));
            }
        }
    }

    private static LastScreen? Shown(Outbound outbound) => outbound switch
    {
        SendText { Keyboard: { Rows.Count: > 0 } keyboard } send => new LastScreen(send.Text, keyboard),
        EditText { Keyboard: { Rows.Count: > 0 } keyboard } edit => new LastScreen(edit.Text, keyboard),
        _ => null,
    };
}

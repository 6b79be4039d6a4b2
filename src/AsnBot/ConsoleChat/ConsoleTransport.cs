using AsnBot.Delivery;
using AsnBot.Engine;

namespace AsnBot.ConsoleChat;

/// <summary>
/// Shows the bot's messages in a terminal and remembers the last buttons so they can be pressed by number:
/// inline buttons, and the reply keyboard of the complaint's evidence step (its location button is a hint
/// to type /location, its text button sends its label).
/// </summary>
public sealed class ConsoleTransport(TextWriter output) : IMessageTransport
{
    private int _lastMessageId;
    private bool _replyKeyboardShown;

    public (int MessageId, IReadOnlyList<ChatButton> Buttons) LastButtons { get; private set; } = (0, []);

    public Task<DeliveryResult> DeliverAsync(Outbound outbound, CancellationToken cancellationToken)
    {
        switch (outbound)
        {
            case SendText send:
                Print(++_lastMessageId, send.Text, Buttons(send), edited: false);
                if (send.RemoveReplyKeyboard && _replyKeyboardShown)
                {
                    _replyKeyboardShown = false;
                    LastButtons = (0, []);
                }

                _replyKeyboardShown |= send.LocationButton is not null;
                break;
            case EditText edit:
                Print(edit.MessageId, edit.Text, Inline(edit.Keyboard), edited: true);
                break;
            case SendDocument document:
                output.WriteLine($"bot: [file {document.FileName}: {document.Path}]");
                break;
            case SendPhoto photo:
                output.WriteLine($"bot: [foto {photo.Caption}: {photo.Path}]");
                break;
            case AnswerButton { Text: { } notice }:
                output.WriteLine($"  ({notice})");
                break;
        }

        return Task.FromResult(DeliveryResult.Delivered);
    }

    private static List<ChatButton> Buttons(SendText send) => send.LocationButton is { } location
        ? [new ChatButton(location, SendsLocation: true), .. send.ContinueButton is { } next ? [new ChatButton(next)] : Array.Empty<ChatButton>()]
        : Inline(send.Keyboard);

    private static List<ChatButton> Inline(Keyboard? keyboard) =>
        keyboard?.Rows.SelectMany(r => r).Select(b => new ChatButton(b.Label, b.Data)).ToList() ?? [];

    private void Print(int messageId, string text, List<ChatButton> buttons, bool edited)
    {
        output.WriteLine();
        output.WriteLine(edited ? "bot (diubah / edited):" : "bot:");
        foreach (var line in text.Split('\n'))
        {
            output.WriteLine($"  {line}");
        }

        for (var i = 0; i < buttons.Count; i++)
        {
            var hint = buttons[i].SendsLocation ? $"   ({ConsoleChatSession.LocationUsage})" : string.Empty;
            output.WriteLine($"  [#{i + 1}] {buttons[i].Label}{hint}");
        }

        if (buttons.Count > 0)
        {
            LastButtons = (messageId, buttons);
        }
    }
}

/// <summary>
/// A button the terminal shows: an inline button (with its callback data), or a reply-keyboard button,
/// which sends its label as text or, for the location button, asks for a location.
/// </summary>
public sealed record ChatButton(string Label, string? Data = null, bool SendsLocation = false);

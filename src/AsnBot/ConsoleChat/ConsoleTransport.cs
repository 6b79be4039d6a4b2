using AsnBot.Conversations;
using AsnBot.Delivery;

namespace AsnBot.ConsoleChat;

/// <summary>Shows the bot's messages in a terminal and remembers the last buttons so they can be pressed by number.</summary>
public sealed class ConsoleTransport(TextWriter output) : IMessageTransport
{
    private int _lastMessageId;

    public (int MessageId, IReadOnlyList<Button> Buttons) LastButtons { get; private set; } = (0, []);

    public Task<DeliveryResult> DeliverAsync(Outbound outbound, CancellationToken cancellationToken)
    {
        switch (outbound)
        {
            case SendText send:
                Print(++_lastMessageId, send.Text, send.Keyboard, edited: false);
                break;
            case EditText edit:
                Print(edit.MessageId, edit.Text, edit.Keyboard, edited: true);
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

    private void Print(int messageId, string text, Keyboard? keyboard, bool edited)
    {
        output.WriteLine();
        output.WriteLine(edited ? "bot (diubah / edited):" : "bot:");
        foreach (var line in text.Split('\n'))
        {
            output.WriteLine($"  {line}");
        }

        var buttons = keyboard?.Rows.SelectMany(r => r).ToList() ?? [];
        for (var i = 0; i < buttons.Count; i++)
        {
            output.WriteLine($"  [#{i + 1}] {buttons[i].Label}");
        }

        if (buttons.Count > 0)
        {
            LastButtons = (messageId, buttons);
        }
    }
}

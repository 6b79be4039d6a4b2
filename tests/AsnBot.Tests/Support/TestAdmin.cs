using AsnBot.Engine;

namespace AsnBot.Tests.Support;

/// <summary>Acts in the admin group (or privately) as an admin or as anyone else.</summary>
public sealed class TestAdmin(BotHarness harness, long userId, long chatId)
{
    private int _presses;

    public IReadOnlyList<ShownMessage> Messages => harness.Transcript.Messages(chatId);

    public ShownMessage Last => Messages[^1];

    private ChatKind Chat => chatId < 0 ? ChatKind.Group : ChatKind.Private;

    public Task Command(string command, string argument = "") =>
        harness.Deliver(new Inbound { ChatId = chatId, UserId = userId, Chat = Chat, Kind = InboundKind.Command, Command = command, Text = argument });

    public Task Text(string text) =>
        harness.Deliver(new Inbound { ChatId = chatId, UserId = userId, Chat = Chat, Kind = InboundKind.Text, Text = text });

    /// <summary>Presses the button whose label starts with this text on the newest message showing one.</summary>
    public Task PressLabel(string label)
    {
        var message = Messages.LastOrDefault(m => m.Buttons.Any(b => b.Label.StartsWith(label, StringComparison.Ordinal)))
            ?? throw new InvalidOperationException($"No button '{label}'. Last message: {Last.Text} [{string.Join(" | ", Last.Buttons.Select(b => b.Label))}]");
        return PressData(message.Id, message.Buttons.First(b => b.Label.StartsWith(label, StringComparison.Ordinal)).Data);
    }

    public Task Reply(int messageId, string text) =>
        harness.Deliver(new Inbound { ChatId = chatId, UserId = userId, Chat = Chat, Kind = InboundKind.Text, Text = text, ReplyToMessageId = messageId });

    /// <summary>Presses the button with this label on the newest message about the complaint.</summary>
    public Task Press(string trackingNo, string label)
    {
        var message = Messages.LastOrDefault(m => m.Text.Contains(trackingNo, StringComparison.Ordinal) && m.Buttons.Any(b => b.Label == label))
            ?? throw new InvalidOperationException($"No '{label}' on a message about {trackingNo}.");
        return PressData(message.Id, message.Buttons.First(b => b.Label == label).Data);
    }

    public Task PressData(int messageId, string data) => harness.Deliver(new Inbound
    {
        ChatId = chatId,
        UserId = userId,
        Chat = Chat,
        Kind = InboundKind.Button,
        ButtonData = data,
        ButtonId = $"admin-{userId}-{++_presses}",
        ButtonMessageId = messageId,
    });

    /// <summary>The post about the complaint (the newest message naming it that has action buttons).</summary>
    public ShownMessage Post(string trackingNo) =>
        Messages.Last(m => m.Text.Contains(trackingNo, StringComparison.Ordinal) && m.Buttons.Any());
}

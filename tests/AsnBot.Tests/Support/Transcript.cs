using AsnBot.Delivery;
using AsnBot.Engine;

namespace AsnBot.Tests.Support;

/// <summary>A messenger for tests: keeps each chat's messages (with edits applied) and button answers.</summary>
public sealed class Transcript : IMessageTransport
{
    private readonly object _gate = new();
    private readonly Dictionary<long, List<ShownMessage>> _chats = [];
    private readonly List<AnswerButton> _answers = [];
    private readonly HashSet<long> _blocked = [];
    private int _nextId;

    public IReadOnlyList<AnswerButton> Answers
    {
        get
        {
            lock (_gate)
            {
                return [.. _answers];
            }
        }
    }

    /// <summary>Every message shown in any chat, for checks across all of them (what admins saw).</summary>
    public IReadOnlyList<(long ChatId, ShownMessage Message)> AllMessages()
    {
        lock (_gate)
        {
            return [.. _chats.SelectMany(c => c.Value.Select(m => (c.Key, m)))];
        }
    }

    public IReadOnlyList<ShownMessage> Messages(long chatId)
    {
        lock (_gate)
        {
            return _chats.TryGetValue(chatId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>The chat has blocked the bot: messages to it get Telegram's 403.</summary>
    public void Block(long chatId)
    {
        lock (_gate)
        {
            _blocked.Add(chatId);
        }
    }

    public Task<DeliveryResult> DeliverAsync(Outbound outbound, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_blocked.Contains(outbound.ChatId) && outbound is not AnswerButton)
            {
                return Task.FromResult(new DeliveryResult(DeliveryStatus.Unreachable, Reason: "Forbidden: bot was blocked by the user"));
            }

            switch (outbound)
            {
                case SendText send:
                    Chat(send.ChatId).Add(new ShownMessage(++_nextId, send.Text, send.Keyboard, Edits: 0) { ForceReply = send.ForceReply, LocationButton = send.LocationButton, RemovesKeyboard = send.RemoveReplyKeyboard });
                    return Task.FromResult(DeliveryResult.Delivered with { MessageId = _nextId });
                case EditText edit:
                    var list = Chat(edit.ChatId);
                    var index = list.FindIndex(m => m.Id == edit.MessageId);
                    list[index] = list[index] with { Text = edit.Text, Keyboard = edit.Keyboard, Edits = list[index].Edits + 1 };
                    break;
                case AnswerButton answer:
                    _answers.Add(answer);
                    break;
            }
        }

        return Task.FromResult(DeliveryResult.Delivered);
    }

    private List<ShownMessage> Chat(long chatId)
    {
        if (!_chats.TryGetValue(chatId, out var list))
        {
            _chats[chatId] = list = [];
        }

        return list;
    }
}

public sealed record ShownMessage(int Id, string Text, Keyboard? Keyboard, int Edits)
{
    public bool ForceReply { get; init; }

    public string? LocationButton { get; init; }

    public bool RemovesKeyboard { get; init; }

    public IEnumerable<Button> Buttons => Keyboard?.Rows.SelectMany(r => r) ?? [];
}

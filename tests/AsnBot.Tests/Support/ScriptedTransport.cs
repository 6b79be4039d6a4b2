using AsnBot.Delivery;
using AsnBot.Engine;

namespace AsnBot.Tests.Support;

/// <summary>A messenger that answers each chat as the test says, and otherwise delivers, numbering the messages.</summary>
public sealed class ScriptedTransport : IMessageTransport
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, DeliveryResult> _answers = [];
    private readonly List<Outbound> _delivered = [];
    private int _nextId;

    /// <summary>What every message to the chat gets from now on; <see cref="DeliveryResult.Delivered"/> to deliver again.</summary>
    public void Answer(long chatId, DeliveryResult result)
    {
        lock (_gate)
        {
            _answers[chatId] = result;
        }
    }

    /// <summary>The messages delivered, in order.</summary>
    public IReadOnlyList<Outbound> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    public Task<DeliveryResult> DeliverAsync(Outbound outbound, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_answers.TryGetValue(outbound.ChatId, out var answer) && answer.Status != DeliveryStatus.Delivered)
            {
                return Task.FromResult(answer);
            }

            _delivered.Add(outbound);
            return Task.FromResult(DeliveryResult.Delivered with { MessageId = ++_nextId });
        }
    }
}

using AsnBot.Data;
using AsnBot.Delivery;

namespace AsnBot.Engine;

/// <summary>
/// Remembers the message id of a delivered text that carries a <see cref="SendText.Tag"/> (a complaint post, an
/// admin's reply prompt, a broadcast's progress message), so a later reply to it or an edit of it finds it.
/// </summary>
public sealed class TaggedMessageOutcome : IDeliveryOutcome
{
    public IReadOnlyList<Outbound> Record(IUnitOfWork work, SendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome is { Fate: SendFate.Sent, Tag: { } tag, Result.MessageId: { } messageId })
        {
            work.SentMessages.Remember(outcome.Row.ChatId, messageId, tag, outcome.At);
        }

        return [];
    }
}

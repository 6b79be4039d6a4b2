using AsnBot.Data;
using AsnBot.Data.Outbox;
using AsnBot.Engine;

namespace AsnBot.Delivery;

/// <summary>
/// What a feature does when a message finished: a broadcast records its recipient's state, the admin group watches
/// whether the group takes messages, and so on. Each is registered in DI; the outbox sender calls every one for each
/// outcome, in the transaction that records the send, so the outcome and its effects commit together.
/// </summary>
public interface IDeliveryOutcome
{
    /// <summary>
    /// Whether messages to this chat stay queued and are retried when the chat refuses them as a whole (the admin
    /// group: a complaint post must not vanish because the group is misconfigured); then the outcome is
    /// <see cref="SendFate.Refused"/> rather than dropped.
    /// </summary>
    bool KeepsRefusedChat(long chatId) => false;

    /// <summary>Records what the outcome means to the feature, in the transaction that records the send.</summary>
    /// <returns>Messages to queue in the same transaction (a notice to the admins), usually none.</returns>
    IReadOnlyList<Outbound> Record(IUnitOfWork work, SendOutcome outcome);

    /// <summary>The transaction that recorded a batch of outcomes committed, or was rolled back.</summary>
    void BatchEnded(bool committed)
    {
    }
}

/// <summary>What became of an outbox row, for the features; a send retried later is no outcome yet.</summary>
public enum SendFate
{
    /// <summary>The messenger took it; <see cref="DeliveryResult.MessageId"/> holds the message's id when one was sent.</summary>
    Sent,

    /// <summary>Dropped for good: the request was refused, or a broadcast message ran out of attempts.</summary>
    Failed,

    /// <summary>The person blocked the bot: everything queued for the chat is dropped.</summary>
    Unreachable,

    /// <summary>The chat refused it as a whole and a feature <see cref="IDeliveryOutcome.KeepsRefusedChat">keeps it</see>: retried later.</summary>
    Refused,
}

/// <summary>A finished send as the features see it.</summary>
/// <param name="Row">The outbox row (its chat, its broadcast).</param>
/// <param name="Fate">What became of it.</param>
/// <param name="Result">The messenger's answer: the message id, the reason of a refusal.</param>
/// <param name="Tag">The tag of a text message (<see cref="SendText.Tag"/>), remembered with its message id.</param>
/// <param name="At">When the outcome is recorded.</param>
public sealed record SendOutcome(OutboxRow Row, SendFate Fate, DeliveryResult Result, string? Tag, DateTimeOffset At);

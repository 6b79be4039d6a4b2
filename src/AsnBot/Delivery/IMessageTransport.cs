using AsnBot.Engine;

namespace AsnBot.Delivery;

/// <summary>Delivers one outbound action to a messenger (Telegram, or the console for the chat verb).</summary>
public interface IMessageTransport
{
    Task<DeliveryResult> DeliverAsync(Outbound outbound, CancellationToken cancellationToken);
}

public enum DeliveryStatus
{
    Delivered,

    /// <summary>Rate limited: try again after <see cref="DeliveryResult.RetryAfter"/>, exactly.</summary>
    RetryAfter,

    /// <summary>The person blocked the bot; stop sending to them.</summary>
    Unreachable,

    /// <summary>The messenger refused the request itself; retrying cannot help.</summary>
    Rejected,

    /// <summary>A network fault or server error; retry with back-off.</summary>
    Failed,
}

public readonly record struct DeliveryResult(DeliveryStatus Status, TimeSpan RetryAfter = default, string? Reason = null)
{
    public static DeliveryResult Delivered { get; } = new(DeliveryStatus.Delivered);

    /// <summary>The id of the message that was sent, when the action sent one.</summary>
    public int? MessageId { get; init; }

    /// <summary>
    /// The chat as a whole refused the message (not found, the bot blocked, removed or without rights), not this
    /// message's content: for the admin group the message is kept and retried.
    /// </summary>
    public bool ChatRefused { get; init; }
}

using Microsoft.Extensions.Options;

namespace AsnBot.Delivery;

/// <summary>What to do with an update from a user, by how fast that user has been sending.</summary>
public enum InboundVerdict
{
    Handle,

    /// <summary>Over the limit: dropped without a word (the user was told within the last minute).</summary>
    Drop,

    /// <summary>Over the limit: dropped, and the user is asked to slow down.</summary>
    DropAndNotify,
}

/// <summary>
/// Bounds what one user can cost everyone: a token bucket per user (<see cref="DeliveryOptions.InboundBurst"/> at
/// once, <see cref="DeliveryOptions.InboundPerSecond"/> in the long run) and at most one "slow down" notice a
/// minute, on the injected clock. A user's buckets are forgotten once they are full again, so memory follows the
/// users active right now, not everyone ever seen.
/// </summary>
public sealed class InboundRateLimiter(IOptions<DeliveryOptions> options, TimeProvider time)
{
    private static readonly TimeSpan NoticeEvery = TimeSpan.FromMinutes(1);

    // Tokens come back one at a time, evenly, rather than a second's worth at once.
    private readonly TokenBuckets _updates = new(options.Value.InboundBurst, TimeSpan.FromSeconds(1 / options.Value.InboundPerSecond), time);
    private readonly TokenBuckets _notices = new(1, NoticeEvery, time);

    public InboundVerdict Check(long userId) =>
        _updates.TryTake(userId) ? InboundVerdict.Handle
        : _notices.TryTake(userId) ? InboundVerdict.DropAndNotify
        : InboundVerdict.Drop;
}

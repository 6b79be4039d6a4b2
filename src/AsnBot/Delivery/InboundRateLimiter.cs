using System.Threading.RateLimiting;
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
/// minute. A user's limiters are forgotten about 10 s after they are full again, so memory follows the users
/// active right now, not everyone ever seen.
/// </summary>
public sealed class InboundRateLimiter : IDisposable
{
    private static readonly TimeSpan NoticeEvery = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<long> _updates;
    private readonly PartitionedRateLimiter<long> _notices;

    public InboundRateLimiter(IOptions<DeliveryOptions> options)
    {
        var o = options.Value;

        // Tokens come back one at a time, evenly, rather than a second's worth at once.
        _updates = PartitionedRateLimiter.Create<long, long>(userId => RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.InboundBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / o.InboundPerSecond),
            QueueLimit = 0,
        }));
        _notices = PartitionedRateLimiter.Create<long, long>(userId => RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = NoticeEvery,
            QueueLimit = 0,
        }));
    }

    public InboundVerdict Check(long userId)
    {
        using (var update = _updates.AttemptAcquire(userId))
        {
            if (update.IsAcquired)
            {
                return InboundVerdict.Handle;
            }
        }

        using var notice = _notices.AttemptAcquire(userId);
        return notice.IsAcquired ? InboundVerdict.DropAndNotify : InboundVerdict.Drop;
    }

    public void Dispose()
    {
        _updates.Dispose();
        _notices.Dispose();
    }
}

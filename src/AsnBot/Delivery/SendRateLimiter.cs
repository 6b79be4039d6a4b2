using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AsnBot.Delivery;

/// <summary>
/// The one gate all outgoing messages pass: a sliding one-second window for all chats together, a
/// token bucket per private chat and a one-minute window per group. Answers to button presses are not
/// messages and do not count.
/// </summary>
public sealed class SendRateLimiter : IDisposable
{
    private readonly SlidingWindowRateLimiter _global;
    private readonly PartitionedRateLimiter<long> _perChat;

    public SendRateLimiter(IOptions<DeliveryOptions> options)
    {
        var o = options.Value;
        _global = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, (int)Math.Floor(o.GlobalPerSecond)),
            Window = TimeSpan.FromSeconds(Math.Max(1, 1 / o.GlobalPerSecond)),
            SegmentsPerWindow = 10,
            QueueLimit = 0,
        });
        var perChatPeriod = TimeSpan.FromSeconds(1 / o.PerChatPerSecond);

        // Group chats have negative ids in Telegram and their own, per-minute limit.
        _perChat = PartitionedRateLimiter.Create<long, long>(chatId => chatId < 0
            ? RateLimitPartition.GetSlidingWindowLimiter(chatId, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = o.GroupPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 12,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetTokenBucketLimiter(chatId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.PerChatBurst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = perChatPeriod,
                QueueLimit = 0,
            }));
    }

    /// <summary>Takes a permit for one message to the chat, or returns false when it must wait.</summary>
    public bool TryAcquire(long chatId)
    {
        // Look before taking: a permit taken from one limiter while the other refuses would be lost.
        if (_perChat.GetStatistics(chatId) is { CurrentAvailablePermits: < 1 })
        {
            return false;
        }

        using var global = _global.AttemptAcquire();
        if (!global.IsAcquired)
        {
            return false;
        }

        using var chat = _perChat.AttemptAcquire(chatId);
        return chat.IsAcquired;
    }

    public void Dispose()
    {
        _global.Dispose();
        _perChat.Dispose();
    }
}

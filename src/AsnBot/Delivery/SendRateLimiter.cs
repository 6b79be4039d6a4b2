using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AsnBot.Delivery;

/// <summary>
/// The one gate all outgoing messages pass: a sliding one-second window for all chats together, a
/// token bucket per private chat and a one-minute window per group. Answers to button presses are not
/// messages and do not count. Broadcast messages take a permit only while some remain for replies, and
/// stop for as long as Telegram's <c>retry_after</c> says after a 429; the chat that got the 429 gets
/// nothing at all for that long.
/// </summary>
public sealed class SendRateLimiter : IDisposable
{
    private readonly SlidingWindowRateLimiter _global;
    private readonly PartitionedRateLimiter<long> _perChat;
    private readonly int _replyReserve;
    private const int GlobalSegments = 100;
    private const int GroupSegments = 60;
    private long _bulkHeldUntil;

    /// <summary>Chats Telegram answered 429: no message to them before the time is up (Stopwatch ticks).</summary>
    private readonly ConcurrentDictionary<long, long> _chatHeldUntil = new();

    public SendRateLimiter(IOptions<DeliveryOptions> options)
    {
        var o = options.Value;
        var permitLimit = Math.Max(1, (int)Math.Floor(o.GlobalPerSecond));
        _replyReserve = Math.Min(o.ReplyReserve, permitLimit - 1);
        _global = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = Exact(TimeSpan.FromSeconds(Math.Max(1, 1 / o.GlobalPerSecond)), GlobalSegments),
            SegmentsPerWindow = GlobalSegments,
            QueueLimit = 0,
        });
        var perChatPeriod = TimeSpan.FromSeconds(1 / o.PerChatPerSecond);

        // Group chats have negative ids in Telegram and their own, per-minute limit.
        _perChat = PartitionedRateLimiter.Create<long, long>(chatId => chatId < 0
            ? RateLimitPartition.GetSlidingWindowLimiter(chatId, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = o.GroupPerMinute,
                Window = Exact(TimeSpan.FromMinutes(1), GroupSegments),
                SegmentsPerWindow = GroupSegments,
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
    /// <param name="chatId">The chat the message goes to (groups have negative ids).</param>
    /// <param name="bulk">A broadcast message: it leaves the reserve to replies and waits out a 429.</param>
    public bool TryAcquire(long chatId, bool bulk = false)
    {
        if (_chatHeldUntil.TryGetValue(chatId, out var held))
        {
            if (Stopwatch.GetTimestamp() < held)
            {
                return false;
            }

            _chatHeldUntil.TryRemove(KeyValuePair.Create(chatId, held));
        }

        // Look before taking: a permit taken from one limiter while the other refuses would be lost.
        if (_perChat.GetStatistics(chatId) is { CurrentAvailablePermits: < 1 })
        {
            return false;
        }

        if (bulk && (Stopwatch.GetTimestamp() < Interlocked.Read(ref _bulkHeldUntil)
                     || _global.GetStatistics() is { } stats && stats.CurrentAvailablePermits <= _replyReserve))
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

    /// <summary>
    /// A sliding window returns a permit when the window has moved past the segment it was taken in, which
    /// can be up to one segment sooner than a full window after it was taken: the window is one segment
    /// longer than the limit's period, so no period ever holds more than the limit (Telegram counts exactly).
    /// </summary>
    private static TimeSpan Exact(TimeSpan period, int segments) => period + (period / (segments - 1));

    /// <summary>Telegram said to wait (429): no broadcast message goes out before the time is up.</summary>
    public void HoldBulk(TimeSpan retryAfter)
    {
        var until = Stopwatch.GetTimestamp() + (long)(retryAfter.TotalSeconds * Stopwatch.Frequency);
        long seen;
        do
        {
            seen = Interlocked.Read(ref _bulkHeldUntil);
        }
        while (until > seen && Interlocked.CompareExchange(ref _bulkHeldUntil, until, seen) != seen);
    }

    /// <summary>Telegram said to wait (429) for a message to this chat: no message goes to the chat before the time is up.</summary>
    public void HoldChat(long chatId, TimeSpan retryAfter)
    {
        var until = Stopwatch.GetTimestamp() + (long)(retryAfter.TotalSeconds * Stopwatch.Frequency);
        _chatHeldUntil.AddOrUpdate(chatId, until, (_, seen) => Math.Max(seen, until));
    }

    public void Dispose()
    {
        _global.Dispose();
        _perChat.Dispose();
    }
}

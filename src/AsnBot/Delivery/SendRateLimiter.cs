using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AsnBot.Delivery;

/// <summary>
/// The one gate all outgoing messages pass: a paced window for all chats together, a token bucket per private
/// chat and a one-minute window per group. Answers to button presses are not messages and do not count.
/// <para>
/// Telegram counts by its own clock, so what matters is when a request leaves, not when it was chosen: the
/// sender is first <see cref="TryAdmit">admitted</see> (a permit is free), and the permit is
/// <see cref="SendPermit.AcquireAsync">taken</see> only after the message was read from the outbox, just before
/// the request. Permits are spread evenly over one second plus <see cref="DeliveryOptions.PacingMargin"/>, so no
/// second ever holds more than the limit even when requests are delayed differently on their way.
/// </para>
/// <para>
/// A 429 holds the chat for <c>retry_after</c>; unless the chat's own limiter explains it (the chat has used more
/// than half its burst), it was Telegram's limit for the whole bot, and every send waits that long.
/// </para>
/// <para>All of it runs on the injected clock, so its tests move time instead of waiting for it.</para>
/// </summary>
public sealed class SendRateLimiter
{
    /// <summary>How long an admitted sender waits before asking again when a chat's permit is not back yet.</summary>
    private static readonly TimeSpan ChatPermitPoll = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider _time;

    /// <summary>
    /// How far a permit may come before its even slot, so that fast rates need no sub-millisecond timers, and how
    /// much of a late slot is made up (10 ms in timestamps of the clock).
    /// </summary>
    private readonly long _tolerance;

    private readonly TokenBuckets _privateChats;
    private readonly SlidingWindows _groups;
    private readonly int _perChatBurst;
    private readonly int _groupPerMinute;

    private readonly Lock _gate = new();

    /// <summary>When the permits of the current window were taken (timestamps of the clock), oldest first.</summary>
    private readonly Queue<long> _taken = new();
    private readonly int _limit;
    private readonly long _window;
    private readonly long _spacing;
    private readonly int _replyReserve;
    private readonly int _maxAdmitted;
    private int _admitted;
    private long _nextSlot;
    private long _lastReply = long.MinValue / 2;
    private long _allHeldUntil;

    /// <summary>Chats Telegram answered 429: no message to them before the time is up (timestamps of the clock).</summary>
    private readonly ConcurrentDictionary<long, long> _chatHeldUntil = new();

    public SendRateLimiter(IOptions<DeliveryOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        _tolerance = time.TimestampFrequency / 100;
        _limit = Math.Max(1, (int)Math.Floor(o.GlobalPerSecond));
        _replyReserve = Math.Min(o.ReplyReserve, _limit - 1);
        var period = TimeSpan.FromSeconds(Math.Max(1, 1 / o.GlobalPerSecond));
        _window = Ticks(period + o.PacingMargin);
        _spacing = _window / _limit;

        // Admitted sends wait for their slot with the message already read; a few slots' worth keeps the wire busy.
        _maxAdmitted = Math.Max(2, (int)Math.Ceiling(_limit * 0.05 * time.TimestampFrequency / _window));
        _perChatBurst = o.PerChatBurst;
        _groupPerMinute = o.GroupPerMinute;
        _privateChats = new TokenBuckets(o.PerChatBurst, TimeSpan.FromSeconds(1 / o.PerChatPerSecond), time);

        // Group chats have negative ids in Telegram and their own, per-minute limit. Telegram counts by its own
        // clock, so a permit comes back a second after the minute rather than exactly on it.
        _groups = new SlidingWindows(o.GroupPerMinute, TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1), time);
    }

    /// <summary>
    /// Admits one message to the chat when a permit is free for it now, counting those admitted and not yet sent;
    /// null when it must wait. The permit is taken by <see cref="SendPermit.AcquireAsync"/>, or given back on dispose.
    /// </summary>
    /// <param name="chatId">The chat the message goes to (groups have negative ids).</param>
    /// <param name="bulk">A broadcast message: while replies are being sent it leaves them the reserve.</param>
    public SendPermit? TryAdmit(long chatId, bool bulk = false)
    {
        var now = _time.GetTimestamp();
        if (HeldUntil(chatId) > now || ChatPermits(chatId) < 1)
        {
            return null;
        }

        lock (_gate)
        {
            Expire(now);
            var limit = bulk && now - _lastReply < _window ? _limit - _replyReserve : _limit;
            if (now < _allHeldUntil || _admitted >= _maxAdmitted || _taken.Count + _admitted >= limit)
            {
                return null;
            }

            _admitted++;
            return new SendPermit(this, chatId, bulk);
        }
    }

    /// <summary>
    /// Telegram answered 429 for a message to this chat: nothing goes to the chat before <paramref name="retryAfter"/>
    /// is up, and nothing to any chat unless the chat's own limiter explains the 429.
    /// </summary>
    /// <returns>True when every send is held.</returns>
    public bool HoldAfterTooManyRequests(long chatId, TimeSpan retryAfter)
    {
        var until = _time.GetTimestamp() + Ticks(retryAfter);
        _chatHeldUntil.AddOrUpdate(chatId, until, (_, seen) => Math.Max(seen, until));
        var limit = chatId < 0 ? _groupPerMinute : _perChatBurst;
        if (ChatPermits(chatId) <= limit / 2)
        {
            return false;
        }

        lock (_gate)
        {
            _allHeldUntil = Math.Max(_allHeldUntil, until);
        }

        return true;
    }

    /// <summary>A short wait on the limiter's clock, for a sender that found no permit free, before it asks again.</summary>
    public Task PauseAsync(TimeSpan wait, CancellationToken cancellationToken) => Task.Delay(wait, _time, cancellationToken);

    /// <summary>Takes the permit if the message may go now; otherwise says how long to wait before asking again.</summary>
    internal bool TryTake(long chatId, bool bulk, out TimeSpan wait)
    {
        wait = TimeSpan.FromMilliseconds(1);
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            Expire(now);
            var ready = Math.Max(Math.Max(_allHeldUntil, HeldUntil(chatId)), _nextSlot - _tolerance);
            if (_taken.Count >= _limit)
            {
                ready = Math.Max(ready, _taken.Peek() + _window);
            }

            if (ready > now)
            {
                wait += _time.GetElapsedTime(now, ready);
                return false;
            }

            if (!(chatId < 0 ? _groups.TryTake(chatId) : _privateChats.TryTake(chatId)))
            {
                // Only this message's lane sends to the chat, so its permit comes back soon.
                wait = ChatPermitPoll;
                return false;
            }

            // A permit taken a little late (no message was ready at its slot) does not push every later slot back.
            _taken.Enqueue(now);
            _nextSlot = Math.Max(_nextSlot, now - _tolerance) + _spacing;
            _admitted--;
            if (!bulk)
            {
                _lastReply = now;
            }

            return true;
        }
    }

    internal void Release()
    {
        lock (_gate)
        {
            _admitted--;
        }
    }

    private long HeldUntil(long chatId) => _chatHeldUntil.TryGetValue(chatId, out var held) ? held : 0;

    private int ChatPermits(long chatId) => chatId < 0 ? _groups.Available(chatId) : _privateChats.Available(chatId);

    private void Expire(long now)
    {
        while (_taken.Count > 0 && now - _taken.Peek() >= _window)
        {
            _taken.Dequeue();
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}

/// <summary>An admitted message's place in the rate limiter: taken just before the request, or given back.</summary>
public sealed class SendPermit(SendRateLimiter limiter, long chatId, bool bulk) : IDisposable
{
    private bool _done;

    /// <summary>Waits until the message may go (its even slot, any 429 hold) and takes the permit.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (!TryTake(out var wait))
        {
            await limiter.PauseAsync(wait, cancellationToken);
        }
    }

    /// <summary>Takes the permit if the message may go now; otherwise says how long to wait before asking again.</summary>
    internal bool TryTake(out TimeSpan wait)
    {
        _done = limiter.TryTake(chatId, bulk, out wait);
        return _done;
    }

    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            limiter.Release();
        }
    }
}

namespace AsnBot.Delivery;

/// <summary>
/// A token bucket per key (a chat, a user) on the injected clock: <c>burst</c> tokens at once, and one more each
/// <c>period</c> after one was taken. A bucket is kept as the moment it is full again, and buckets full by now are
/// forgotten (a new one starts full, so nothing is lost): memory follows the keys active right now.
/// </summary>
internal sealed class TokenBuckets
{
    private readonly int _burst;
    private readonly TimeProvider _time;
    private readonly long _period;
    private readonly Lock _gate = new();

    /// <summary>When each key's bucket is full again (timestamps of <see cref="_time"/>).</summary>
    private readonly Dictionary<long, long> _fullAt = [];
    private long _sweepAt;

    public TokenBuckets(int burst, TimeSpan period, TimeProvider time)
    {
        _burst = burst;
        _time = time;
        _period = Math.Max(1, (long)(period.TotalSeconds * time.TimestampFrequency));
    }

    /// <summary>Tokens the key has now.</summary>
    public int Available(long key)
    {
        lock (_gate)
        {
            return Tokens(key, _time.GetTimestamp());
        }
    }

    /// <summary>Takes a token when the key has one.</summary>
    public bool TryTake(long key)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (now >= _sweepAt)
            {
                foreach (var full in _fullAt.Where(p => p.Value <= now).Select(p => p.Key).ToList())
                {
                    _fullAt.Remove(full);
                }

                _sweepAt = now + (_period * _burst);
            }

            if (Tokens(key, now) < 1)
            {
                return false;
            }

            _fullAt[key] = Math.Max(now, _fullAt.GetValueOrDefault(key, now)) + _period;
            return true;
        }
    }

    private int Tokens(long key, long now) =>
        _fullAt.TryGetValue(key, out var fullAt) && fullAt > now ? _burst - (int)((fullAt - now + _period - 1) / _period) : _burst;
}

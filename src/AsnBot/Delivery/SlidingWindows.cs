namespace AsnBot.Delivery;

/// <summary>
/// A sliding window per key on the injected clock: at most <c>limit</c> permits within any <c>window</c>; each
/// permit comes back exactly one window after it was taken. Keys with no permit in the window are forgotten.
/// </summary>
internal sealed class SlidingWindows
{
    private readonly int _limit;
    private readonly TimeProvider _time;
    private readonly long _window;
    private readonly Lock _gate = new();

    /// <summary>When each key's permits of the current window were taken, oldest first.</summary>
    private readonly Dictionary<long, Queue<long>> _taken = [];
    private long _sweepAt;

    public SlidingWindows(int limit, TimeSpan window, TimeProvider time)
    {
        _limit = limit;
        _time = time;
        _window = (long)(window.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Permits the key has now.</summary>
    public int Available(long key)
    {
        lock (_gate)
        {
            return _limit - (Taken(key, _time.GetTimestamp())?.Count ?? 0);
        }
    }

    /// <summary>Takes a permit when the key has one.</summary>
    public bool TryTake(long key)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (now >= _sweepAt)
            {
                foreach (var idle in _taken.Where(p => Taken(p.Key, now)!.Count == 0).Select(p => p.Key).ToList())
                {
                    _taken.Remove(idle);
                }

                _sweepAt = now + _window;
            }

            var taken = Taken(key, now);
            if (taken?.Count >= _limit)
            {
                return false;
            }

            if (taken is null)
            {
                _taken[key] = taken = new Queue<long>();
            }

            taken.Enqueue(now);
            return true;
        }
    }

    /// <summary>The key's permits still in the window, or null for a key with none taken lately.</summary>
    private Queue<long>? Taken(long key, long now)
    {
        if (!_taken.TryGetValue(key, out var taken))
        {
            return null;
        }

        while (taken.Count > 0 && now - taken.Peek() >= _window)
        {
            taken.Dequeue();
        }

        return taken;
    }
}

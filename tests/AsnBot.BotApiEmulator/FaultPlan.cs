namespace AsnBot.BotApiEmulator;

/// <summary>What the emulator does wrong to the next calls. Guarded by the emulator's lock.</summary>
internal sealed class FaultPlan
{
    private readonly Queue<(int Status, string Description)> _failures = new();
    private readonly Dictionary<long, Queue<(int Status, string Description)>> _chatFailures = [];
    private readonly Queue<int> _getUpdatesFailures = new();
    private readonly Queue<TimeSpan> _delays = new();
    private int _drops;

    public void FailNext(int count, int status, string description)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue((status, description));
        }
    }

    public void FailNextFor(long chatId, int count, int status, string description)
    {
        if (!_chatFailures.TryGetValue(chatId, out var queue))
        {
            queue = new Queue<(int Status, string Description)>();
            _chatFailures[chatId] = queue;
        }

        for (var i = 0; i < count; i++)
        {
            queue.Enqueue((status, description));
        }
    }

    public void FailNextGetUpdates(int count, int status)
    {
        for (var i = 0; i < count; i++)
        {
            _getUpdatesFailures.Enqueue(status);
        }
    }

    public void DelayNext(int count, TimeSpan delay)
    {
        for (var i = 0; i < count; i++)
        {
            _delays.Enqueue(delay);
        }
    }

    public void DropNext(int count) => _drops += count;

    public void Clear()
    {
        _failures.Clear();
        _chatFailures.Clear();
        _getUpdatesFailures.Clear();
        _delays.Clear();
        _drops = 0;
    }

    public TimeSpan? TakeDelay() => _delays.TryDequeue(out var d) ? d : null;

    public bool TakeDrop()
    {
        if (_drops <= 0)
        {
            return false;
        }

        _drops--;
        return true;
    }

    public (int Status, string Description)? TakeFailure(long? chatId) =>
        chatId is long id && _chatFailures.TryGetValue(id, out var queue) && queue.TryDequeue(out var c) ? c
        : _failures.TryDequeue(out var f) ? f : null;

    public int? TakeGetUpdatesFailure() => _getUpdatesFailures.TryDequeue(out var s) ? s : null;
}

/// <summary>Sliding-window limiter: at most N calls per window. Guarded by the emulator's lock.</summary>
internal sealed class RateWindow
{
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(50);
    private readonly Queue<DateTimeOffset> _hits = new();
    private readonly int _capacity;
    private readonly TimeSpan _window;

    public RateWindow(double perSecond)
    {
        // Fractional rates (e.g. 0.5/s) become one call per 1/rate seconds.
        _capacity = perSecond >= 1 ? (int)Math.Floor(perSecond) : 1;
        _window = perSecond >= 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1 / Math.Max(perSecond, 0.001));
    }

    public bool HasRoom(DateTimeOffset now)
    {
        // 50 ms of slack so that a client sleeping exactly retry_after (timers can fire a little early) gets through.
        while (_hits.Count > 0 && now - _hits.Peek() >= _window - Slack)
        {
            _hits.Dequeue();
        }

        return _hits.Count < _capacity;
    }

    public void Record(DateTimeOffset now) => _hits.Enqueue(now);
}

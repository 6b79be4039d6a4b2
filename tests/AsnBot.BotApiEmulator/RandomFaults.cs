namespace AsnBot.BotApiEmulator;

/// <summary>
/// Random misbehaviour of the API, for stress tests. Each call draws its fault from the seed, the method, the chat
/// and how many calls of that method the chat made before, so the n-th call of a chat meets the same fault on every
/// run however the calls of different chats interleave. 429 bursts follow the clock: windows of
/// <see cref="BurstLength"/>, one in every <see cref="BurstEvery"/>, starting at a seeded moment of each period.
/// </summary>
public sealed record RandomFaults
{
    public int Seed { get; init; } = 1;

    /// <summary>Share of calls answered 500/502/503/504 without being carried out.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Share of calls held for <see cref="Delay"/> before being carried out normally.</summary>
    public double DelayRate { get; init; }

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Every call not otherwise delayed waits a random time from zero up to this before it is carried out (and
    /// counted against the rate limits), as requests that leave evenly spaced reach Telegram unevenly.
    /// </summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Share of calls whose connection is aborted without an answer and without being carried out.</summary>
    public double DropRate { get; init; }

    /// <summary>Period of the 429 bursts; null: none.</summary>
    public TimeSpan? BurstEvery { get; init; }

    /// <summary>
    /// How long a burst lasts: every message call (send, edit, document) in it is answered 429 with
    /// retry_after = the whole seconds left in the burst (at least 1), as Telegram's flood wait.
    /// </summary>
    public TimeSpan BurstLength { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The rates as they apply to getUpdates (never 429), as a share: 1 the same as other calls, 0 none. Every
    /// poll that fails stalls every chat at once, so a stress test may want fewer.
    /// </summary>
    public double GetUpdatesShare { get; init; } = 1;
}

/// <summary>Faults injected so far by <see cref="RandomFaults"/>, by kind.</summary>
public sealed record RandomFaultCounts(int ServerErrors, int Delays, int Drops, int TooManyRequests, int Bursts);

/// <summary>What one call meets.</summary>
internal readonly record struct DrawnFault(TimeSpan? Delay, bool Drop, int? ServerError);

/// <summary>The state of a <see cref="RandomFaults"/> run. Guarded by the emulator's lock.</summary>
internal sealed class RandomFaultPlan(RandomFaults settings, DateTimeOffset start)
{
    private static readonly int[] ServerErrors = [500, 502, 503, 504];
    private readonly Dictionary<(string Method, long Chat), long> _callsSoFar = [];
    private readonly HashSet<long> _burstsHit = [];
    private int _serverErrors;
    private int _delays;
    private int _drops;
    private int _tooMany;

    public RandomFaultCounts Counts => new(_serverErrors, _delays, _drops, _tooMany, _burstsHit.Count);

    public DrawnFault Draw(string method, long? chatId)
    {
        var share = string.Equals(method, "getUpdates", StringComparison.OrdinalIgnoreCase) ? settings.GetUpdatesShare : 1;
        var key = (method.ToUpperInvariant(), chatId ?? 0);
        var index = _callsSoFar.GetValueOrDefault(key);
        _callsSoFar[key] = index + 1;
        var state = Mix((ulong)settings.Seed, Fnv(key.Item1), (ulong)key.Item2, (ulong)index);
        var roll = Unit(ref state) / share;
        if (roll < settings.DropRate)
        {
            _drops++;
            return new DrawnFault(null, true, null);
        }

        if (roll < settings.DropRate + settings.ServerErrorRate)
        {
            _serverErrors++;
            return new DrawnFault(null, false, ServerErrors[(int)(Next(ref state) % (ulong)ServerErrors.Length)]);
        }

        if (roll < settings.DropRate + settings.ServerErrorRate + settings.DelayRate)
        {
            _delays++;
            return new DrawnFault(settings.Delay, false, null);
        }

        return settings.Jitter > TimeSpan.Zero ? new DrawnFault(settings.Jitter * Unit(ref state), false, null) : default;
    }

    /// <summary>retry_after (seconds) when a message call at <paramref name="now"/> falls into a burst, else null.</summary>
    public int? BurstRetryAfter(DateTimeOffset now)
    {
        if (settings.BurstEvery is not TimeSpan every || now < start)
        {
            return null;
        }

        var period = (now - start).Ticks / every.Ticks;
        var slack = Math.Max(0, every.Ticks - settings.BurstLength.Ticks);
        var seed = Mix((ulong)settings.Seed, 0x429, (ulong)period, 0);

        // Never in the first period, so the run starts calm.
        var burstStart = start + TimeSpan.FromTicks((period * every.Ticks) + (long)(Unit(ref seed) * slack));
        if (period == 0 || now < burstStart || now >= burstStart + settings.BurstLength)
        {
            return null;
        }

        _burstsHit.Add(period);
        _tooMany++;
        return Math.Max(1, (int)Math.Ceiling((burstStart + settings.BurstLength - now).TotalSeconds));
    }

    private static ulong Mix(ulong a, ulong b, ulong c, ulong d)
    {
        var state = a;
        foreach (var part in (ulong[])[b, c, d])
        {
            state = Next(ref state) ^ part;
        }

        return state;
    }

    private static double Unit(ref ulong state) => (Next(ref state) >> 11) * (1.0 / (1UL << 53));

    /// <summary>SplitMix64: the same numbers on every platform and run, unlike System.Random's seeding.</summary>
    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Fnv(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}

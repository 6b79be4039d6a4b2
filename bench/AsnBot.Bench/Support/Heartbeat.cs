using System.Diagnostics;

namespace AsnBot.Bench.Support;

/// <summary>
/// With --detail: a 10 ms timer loop on the thread pool that records how late it wakes. A process-wide
/// stall (GC pause, thread-pool starvation) shows here; a wait inside one component (a lock, SQLite busy) does not.
/// </summary>
public sealed class Heartbeat : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(double AtSeconds, double LateMs)> _late = [];
    private readonly Task _loop;
    private readonly TimeSpan _gcPauseAtStart = GC.GetTotalPauseDuration();
    private readonly int _gen2AtStart = GC.CollectionCount(2);

    public Heartbeat() => _loop = RunAsync();

    public string Summary()
    {
        var worst = _late.OrderByDescending(l => l.LateMs).Take(3).Select(l => $"{l.LateMs:0} ms at {l.AtSeconds:0.0} s");
        return FormattableString.Invariant(
            $"    heartbeat: late > 20 ms {_late.Count(l => l.LateMs > 20)}×, worst {string.Join(", ", worst)}; GC pause total {(GC.GetTotalPauseDuration() - _gcPauseAtStart).TotalMilliseconds:0} ms, gen2 {GC.CollectionCount(2) - _gen2AtStart}×, threads {ThreadPool.ThreadCount}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!_stop.IsCancellationRequested)
        {
            var before = clock.Elapsed;
            await Task.Delay(Period, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _late.Add((clock.Elapsed.TotalSeconds, (clock.Elapsed - before - Period).TotalMilliseconds));
        }
    }
}

using System.Diagnostics;
using AsnBot.Data;
using AsnBot.Data.Cluster;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsnBot.Tests.Data.Cluster;

/// <summary>
/// Singleton duties on a real PostgreSQL database: one holder at a time, a killed holder's duty taken over within
/// seconds, and a holder that loses its session fenced off: nothing it commits after the takeover counts, and it stops.
/// </summary>
[Trait("Storage", "postgres")]
public sealed class DutyLockTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempPostgresDatabase _postgres = new();

    [Fact]
    public async Task TryTake_WhileAnotherInstanceHoldsTheDuty_IsRefused_AndTheHolderKeepsIt()
    {
        await using var first = new PostgresCluster(_postgres.ConnectionString);
        await using var second = new PostgresCluster(_postgres.ConnectionString);

        var hold = await first.TryTakeAsync(Duty.Sending, CancellationToken.None);
        Assert.NotNull(hold);
        Assert.Equal(new DutyTurn(Duty.Sending, 1), hold.Turn);
        Assert.Null(await second.TryTakeAsync(Duty.Sending, CancellationToken.None));

        // Another duty is a lock of its own.
        await using (var other = await second.TryTakeAsync(Duty.DocumentJobs, CancellationToken.None))
        {
            Assert.NotNull(other);
        }

        await hold.DisposeAsync();
        await using var after = await second.TryTakeAsync(Duty.Sending, CancellationToken.None);
        Assert.NotNull(after);
        Assert.Equal(2, after.Turn.Epoch);
    }

    [Fact]
    public async Task Duty_HeldByAProcessThatIsKilled_IsTakenOverWithinSeconds()
    {
        // Another process holds the lock on an idle session, as a bot instance would, and is then SIGKILLed.
        var holder = Process.Start(new ProcessStartInfo("psql")
        {
            ArgumentList = { _postgres.Conninfo },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await holder.StandardInput.WriteLineAsync($"SELECT pg_advisory_lock({PostgresCluster.KeyOf(Duty.BroadcastFeeding)});");
        await holder.StandardInput.FlushAsync();
        await WaitUntil(() => HeldBySomeone(Duty.BroadcastFeeding), "the psql process holds the duty");

        await using var cluster = new PostgresCluster(_postgres.ConnectionString);
        var owner = new DutyOwner(cluster, TimeProvider.System, NullLogger<DutyOwner>.Instance);
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = owner.RunAsync(Duty.BroadcastFeeding, async (_, token) =>
        {
            started.TrySetResult(DateTimeOffset.UtcNow);
            await Task.Delay(Timeout.Infinite, token);
        }, stop.Token);

        // Refused while the holder lives.
        await Task.Delay(DutyOwner.Retry * 2);
        Assert.False(started.Task.IsCompleted);

        holder.Kill();
        await holder.WaitForExitAsync();
        holder.Dispose();
        var killedAt = DateTimeOffset.UtcNow;
        var startedAt = await started.Task.WaitAsync(Patience);
        await stop.CancelAsync();
        await running;

        // The retry interval plus Telegram's rate window: seconds, not a lease or a timeout of minutes.
        Assert.InRange(startedAt - killedAt, TimeSpan.Zero, DutyOwner.Retry + PostgresCluster.RateWindow + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Holder_WhoseSessionEnds_IsFencedOff_TheTakeoverWaitsForItsOpenTransaction_AndItStops()
    {
        await using var a = new PostgresCluster(_postgres.ConnectionString);
        await using var b = new PostgresCluster(_postgres.ConnectionString);
        using var database = new PostgresDatabase(_postgres.ConnectionString);
        var holdA = await a.TryTakeAsync(Duty.Sending, CancellationToken.None);
        Assert.NotNull(holdA);

        // a is in the middle of its work: a transaction that checked its turn and has not committed yet.
        var workA = database.Begin();
        Assert.True(workA.Duties.Holds(holdA.Turn));

        // a's lock session ends under it (a server restart, a network cut) while its process lives, and b asks at once.
        Assert.True(_postgres.TerminateHolder((int)Duty.Sending));
        await WaitUntil(() => _postgres.Holders((int)Duty.Sending) == 0, "the server released a's lock");
        var takeB = b.TryTakeAsync(Duty.Sending, CancellationToken.None);

        // b's takeover waits for a's open transaction instead of overlapping it (well past the takeover's own second).
        await Task.Delay(PostgresCluster.RateWindow + TimeSpan.FromSeconds(2));
        Assert.False(takeB.IsCompleted, "b took the duty while a's transaction was still open");
        workA.Commit();
        workA.Dispose();
        await using var holdB = await takeB.WaitAsync(Patience);
        Assert.NotNull(holdB);
        Assert.Equal(holdA.Turn.Epoch + 1, holdB.Turn.Epoch);

        // From now on nothing a does counts, whether or not it has noticed; and it notices and stops.
        using (var later = database.Begin())
        {
            Assert.False(later.Duties.Holds(holdA.Turn));
            Assert.True(later.Duties.Holds(holdB.Turn));
        }

        await WaitUntil(() => holdA.Lost.IsCancellationRequested, "a notices that it lost the duty");
        await holdA.DisposeAsync();
    }

    public void Dispose() => _postgres.Dispose();

    private bool HeldBySomeone(Duty duty) => _postgres.Holders((int)duty) == 1;

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < Patience, $"waited {Patience.TotalSeconds} s for: {what}");
            await Task.Delay(50);
        }
    }
}

using System.Diagnostics;
using AsnBot.Data.Cluster;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsnBot.Tests.Data.Cluster;

/// <summary>
/// Singleton duties on a real PostgreSQL database: one holder at a time, a killed holder's duty taken over within
/// seconds, and a holder that loses its session stops before anyone else starts.
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
        Assert.Null(await second.TryTakeAsync(Duty.Sending, CancellationToken.None));

        // Another duty is a lock of its own.
        await using (var other = await second.TryTakeAsync(Duty.DocumentJobs, CancellationToken.None))
        {
            Assert.NotNull(other);
        }

        await hold.DisposeAsync();
        await using var after = await second.TryTakeAsync(Duty.Sending, CancellationToken.None);
        Assert.NotNull(after);
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
        var running = owner.RunAsync(Duty.BroadcastFeeding, async token =>
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

        // The retry interval plus the takeover grace: seconds, not a lease or a timeout of minutes.
        Assert.InRange(startedAt - killedAt, TimeSpan.Zero, DutyOwner.Retry + PostgresCluster.TakeoverGrace + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Holder_WhoseSessionEnds_HasStoppedBeforeAnotherInstanceTakesTheDuty()
    {
        await using var a = new PostgresCluster(_postgres.ConnectionString);
        await using var b = new PostgresCluster(_postgres.ConnectionString);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var runningA = new DutyOwner(a, TimeProvider.System, NullLogger<DutyOwner>.Instance).RunAsync(Duty.Sending, async token =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ended.TrySetResult(DateTimeOffset.UtcNow);
        }, stop.Token);
        await started.Task.WaitAsync(Patience);

        // The holder's session ends under it (a server restart, a network cut) while its process lives, and another
        // instance asks for the duty at once: it gets it only after the holder has stopped.
        Assert.True(_postgres.TerminateHolder((int)Duty.Sending));
        var asking = Stopwatch.StartNew();
        IDutyHold? hold;
        while ((hold = await b.TryTakeAsync(Duty.Sending, CancellationToken.None)) is null)
        {
            Assert.True(asking.Elapsed < Patience, "b never got the duty");
        }

        var takenAt = DateTimeOffset.UtcNow;
        await using (hold)
        {
            Assert.True(ended.Task.IsCompleted, "a was still running the duty when b took it");
            Assert.True(await ended.Task <= takenAt);
        }

        await stop.CancelAsync();
        await runningA;
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

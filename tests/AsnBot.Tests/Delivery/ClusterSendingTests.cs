using System.Collections.Concurrent;
using System.Diagnostics;
using AsnBot.Data;
using AsnBot.Data.Cluster;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Delivery;

/// <summary>
/// Two bot instances' outbox senders over one outbox on PostgreSQL, the duty of sending decided by advisory locks: only
/// the holder sends, and when its session ends the other takes over at once while the first, fenced off, starts no
/// new send: only what it had on the wire overlaps, so Telegram's global limit, paced by one rate limiter, holds
/// across instances but for those.
/// </summary>
[Trait("Storage", "postgres")]
public sealed class ClusterSendingTests : IDisposable
{
    private const int Messages = 200;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempPostgresDatabase _postgres;
    private readonly PostgresDatabase _database;

    public ClusterSendingTests()
    {
        _postgres = new TempPostgresDatabase();
        _database = new PostgresDatabase(_postgres.ConnectionString);
    }

    [Fact]
    public async Task TwoInstances_OnlyTheDutyHolderSends_AndAfterItsSessionEnds_TheOtherTakesOver_AndTheFirstStartsNoNewSend()
    {
        for (var chat = 1; chat <= Messages; chat++)
        {
            _database.Enqueue(new SendText(chat, $"m{chat}"), DateTimeOffset.UtcNow);
        }

        var sends = new ConcurrentQueue<Send>();
        await using var clusterA = new PostgresCluster(_postgres.ConnectionString);
        await using var clusterB = new PostgresCluster(_postgres.ConnectionString);
        using var a = TestSender.Create(_database, new TimedTransport("a", sends), TimeProvider.System, maxConcurrency: 4, duties: clusterA);
        await a.StartAsync(CancellationToken.None);
        await WaitUntil(() => sends.Count >= 20, "a sends");
        using var b = TestSender.Create(_database, new TimedTransport("b", sends), TimeProvider.System, maxConcurrency: 4, duties: clusterB);
        await b.StartAsync(CancellationToken.None);

        Assert.True(_postgres.TerminateHolder((int)Duty.Sending));
        await WaitUntil(() => sends.Where(s => s.Delivered).Select(s => s.Text).Distinct().Count() == Messages, "every message sent");
        await Task.WhenAll(a.StopAsync(CancellationToken.None), b.StopAsync(CancellationToken.None));

        // Every send a started after b's first had been claimed before b took over: at most what a had in flight.
        var byB = sends.Where(s => s.Who == "b").ToList();
        Assert.NotEmpty(byB);
        Assert.InRange(sends.Count(s => s.Who == "a" && s.Start > byB.Min(s => s.Start)), 0, 4);

        // What a cut off on the wire is sent again by b: at most the sends a had in flight.
        Assert.InRange(sends.Count(s => s.Delivered) - Messages, 0, 4);
    }

    public void Dispose()
    {
        _database.Dispose();
        _postgres.Dispose();
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < Patience, $"waited {Patience.TotalSeconds} s for: {what}");
            await Task.Delay(50);
        }
    }

    private sealed record Send(string Who, string Text, DateTimeOffset Start, DateTimeOffset End, bool Delivered);

    /// <summary>Takes 20 ms a message, as a request to Telegram might, and records who sent what when.</summary>
    private sealed class TimedTransport(string who, ConcurrentQueue<Send> sends) : IMessageTransport
    {
        private int _nextId;

        public async Task<DeliveryResult> DeliverAsync(Outbound outbound, CancellationToken cancellationToken)
        {
            var text = ((SendText)outbound).Text;
            var start = DateTimeOffset.UtcNow;
            try
            {
                await Task.Delay(20, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                sends.Enqueue(new Send(who, text, start, DateTimeOffset.UtcNow, Delivered: false));
                throw;
            }

            sends.Enqueue(new Send(who, text, start, DateTimeOffset.UtcNow, Delivered: true));
            return DeliveryResult.Delivered with { MessageId = Interlocked.Increment(ref _nextId) };
        }
    }
}

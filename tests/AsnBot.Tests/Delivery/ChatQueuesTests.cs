using AsnBot.Delivery;

namespace AsnBot.Tests.Delivery;

public sealed class ChatQueuesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AnotherChat_RunsWhileOneChatsUpdateIsStillRunning()
    {
        var queues = new ChatQueues();
        using var release = new ManualResetEventSlim();
        var slow = Task.Run(() => queues.RunAsync(1, 100, () => release.Wait(Patience)));
        await WaitUntil(() => queues.Count(1) == 1);

        var other = await queues.RunAsync(2, 101, () => "chat 2 ran").WaitAsync(Patience);

        Assert.Equal("chat 2 ran", other);
        Assert.False(slow.IsCompleted);
        release.Set();
        Assert.True(await slow);
    }

    [Fact]
    public async Task OneChatsWaitingUpdates_RunLowestIdFirst_OneAtATime_AndTheLineIsForgotten()
    {
        var queues = new ChatQueues();
        using var release = new ManualResetEventSlim();
        var order = new List<long>();
        var running = 0;
        var overlapped = false;
        int Work(long id)
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            if (id == 10)
            {
                release.Wait(Patience);
            }

            lock (order)
            {
                order.Add(id);
            }

            Interlocked.Decrement(ref running);
            return 0;
        }

        var tasks = new List<Task> { Task.Run(() => queues.RunAsync(7, 10, () => Work(10))) };
        await WaitUntil(() => queues.Count(7) == 1);
        foreach (var id in new long[] { 14, 12, 13, 11 })
        {
            tasks.Add(queues.RunAsync(7, id, () => Work(id)));
        }

        Assert.Equal(5, queues.Count(7));
        release.Set();
        await Task.WhenAll(tasks).WaitAsync(Patience);

        Assert.Equal([10, 11, 12, 13, 14], order);
        Assert.False(overlapped);
        Assert.Equal(0, queues.Count(7));
    }

    [Fact]
    public async Task AFailingUpdate_PassesTheTurnOn()
    {
        var queues = new ChatQueues();

        await Assert.ThrowsAsync<InvalidOperationException>(() => queues.RunAsync<int>(3, 1, () => throw new InvalidOperationException("storage")));

        Assert.Equal(0, queues.Count(3));
        Assert.Equal(2, await queues.RunAsync(3, 2, () => 2).WaitAsync(Patience));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(10);
        }
    }
}

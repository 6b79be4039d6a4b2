using AsnBot.Data.Cluster;

namespace AsnBot.Delivery;

/// <summary>
/// Wakes the outbox sender as soon as a transaction has queued something. The sender takes
/// <see cref="Next"/> before it reads the outbox, so a commit is either visible to that read or
/// completes the task it then waits on: no wake-up is lost. <see cref="Version"/> tells the sender whether
/// anything was queued since it last read the outbox. While another instance of a cluster owns sending, a
/// notification is also published to it through <paramref name="cluster"/>.
/// </summary>
public sealed class OutboxSignal(IOutboxWakeups? cluster = null)
{
    private TaskCompletionSource _next = NewSource();
    private long _version;
    private int _sendingHere;

    /// <summary>Changes with every notification.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Whether this process owns sending now (its sender wakes in memory; nobody else needs telling).</summary>
    public bool SendingHere
    {
        get => Volatile.Read(ref _sendingHere) == 1;
        set => Volatile.Write(ref _sendingHere, value ? 1 : 0);
    }

    /// <summary>Something was committed to the outbox: wakes the sender, wherever it runs.</summary>
    public void Notify()
    {
        Wake();
        if (!SendingHere)
        {
            cluster?.Publish();
        }
    }

    /// <summary>Wakes the sender of this process only (a notification from another instance).</summary>
    public void Wake()
    {
        Interlocked.Increment(ref _version);
        Volatile.Read(ref _next).TrySetResult();
    }

    /// <summary>A task that completes at the first notification after this call.</summary>
    public Task Next()
    {
        var current = Volatile.Read(ref _next);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _next, NewSource(), current);
            current = Volatile.Read(ref _next);
        }

        return current.Task;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

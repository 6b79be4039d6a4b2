namespace AsnBot.Delivery;

/// <summary>
/// Wakes the outbox sender as soon as a transaction has queued something. The sender takes
/// <see cref="Next"/> before it reads the outbox, so a commit is either visible to that read or
/// completes the task it then waits on: no wake-up is lost. <see cref="Version"/> tells the sender whether
/// anything was queued since it last read the outbox.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = NewSource();
    private long _version;

    /// <summary>Changes with every notification.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Notify()
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

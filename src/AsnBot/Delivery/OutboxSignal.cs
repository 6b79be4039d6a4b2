namespace AsnBot.Delivery;

/// <summary>
/// Wakes the outbox sender as soon as a transaction has queued something. The sender takes
/// <see cref="Next"/> before it reads the outbox, so a commit is either visible to that read or
/// completes the task it then waits on: no wake-up is lost.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = NewSource();

    public void Notify() => Volatile.Read(ref _next).TrySetResult();

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

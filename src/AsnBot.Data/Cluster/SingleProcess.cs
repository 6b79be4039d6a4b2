namespace AsnBot.Data.Cluster;

/// <summary>One process alone on its database (SQLite): it owns every duty, for as long as it runs, at no cost.</summary>
public sealed class SingleProcess : IDutyLocks, IOutboxWakeups
{
    private static readonly Task<IDutyHold?> Always = Task.FromResult<IDutyHold?>(new Held());

    public bool AcrossProcesses => false;

    public Task<IDutyHold?> TryTakeAsync(Duty duty, CancellationToken cancellationToken) => Always;

    public void Publish()
    {
        // The sender is in this process; OutboxSignal woke it already.
    }

    public Task ListenAsync(Action wake, CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class Held : IDutyHold
    {
        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

namespace AsnBot.Data.Cluster;

/// <summary>One process alone on its database (SQLite): it owns every duty, for as long as it runs, at no cost.</summary>
public sealed class SingleProcess : IDutyLocks, IOutboxWakeups
{
    public bool AcrossProcesses => false;

    public Task<IDutyHold?> TryTakeAsync(Duty duty, CancellationToken cancellationToken) =>
        Task.FromResult<IDutyHold?>(new Held(new DutyTurn(duty, Epoch: 0)));

    public void Publish()
    {
        // The sender is in this process; OutboxSignal woke it already.
    }

    public Task ListenAsync(Action wake, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A duty nobody else can take: its turn is never fenced.</summary>
    private sealed class Held(DutyTurn turn) : IDutyHold
    {
        public CancellationToken Lost => CancellationToken.None;

        public DutyTurn Turn => turn;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

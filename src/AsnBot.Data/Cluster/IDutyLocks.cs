namespace AsnBot.Data.Cluster;

/// <summary>
/// Who runs each <see cref="Duty"/>. One process alone (SQLite) always owns every duty; instances sharing a PostgreSQL
/// database take a duty's advisory lock, which the server lets go when the holder's connection ends, so a killed
/// holder's duty can be taken by another instance at its next try.
/// </summary>
public interface IDutyLocks
{
    /// <summary>Whether other processes may hold duties (false for one process alone: every duty is always held here).</summary>
    bool AcrossProcesses { get; }

    /// <summary>Takes the duty for this process, or null when another process holds it now (ask again later).</summary>
    Task<IDutyHold?> TryTakeAsync(Duty duty, CancellationToken cancellationToken);
}

/// <summary>A duty held by this process until it is disposed or lost.</summary>
public interface IDutyHold : IAsyncDisposable
{
    /// <summary>Cancelled as soon as the hold is found lost (its connection closed or broke): the duty must stop at once.</summary>
    CancellationToken Lost { get; }

    /// <summary>This holding of the duty, which its work names to <see cref="IDutyFence"/>.</summary>
    DutyTurn Turn { get; }
}

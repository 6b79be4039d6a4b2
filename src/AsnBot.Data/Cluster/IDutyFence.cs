namespace AsnBot.Data.Cluster;

/// <summary>Checks, inside a unit of work, that the turn its work runs in is still the duty's newest.</summary>
public interface IDutyFence
{
    /// <summary>
    /// Whether <paramref name="turn"/> is still the duty's newest turn. Inside a transaction on PostgreSQL the duty's
    /// row stays share-locked until the commit, so a takeover (which raises the epoch) waits for this transaction and
    /// every later one of the old holder sees the new epoch: nothing the old holder commits overlaps the new holder's work.
    /// </summary>
    bool Holds(DutyTurn turn);
}

namespace AsnBot.Data.Cluster;

/// <summary>
/// One holding of a <see cref="Duty"/>: every take raises the duty's epoch in the database (<c>duty_fence</c>), so
/// work done under an older turn is refused once another instance has taken the duty. Epoch 0 is a turn nobody
/// can lose: one process alone (SQLite), or work run by hand outside any duty (the console chat, tests).
/// </summary>
public readonly record struct DutyTurn(Duty Duty, long Epoch)
{
    /// <summary>Whether the turn is fenced at all (a turn taken among instances sharing PostgreSQL).</summary>
    public bool Fenced => Epoch > 0;
}

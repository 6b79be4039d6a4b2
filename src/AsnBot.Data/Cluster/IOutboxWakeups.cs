namespace AsnBot.Data.Cluster;

/// <summary>
/// Tells the process that owns <see cref="Duty.Sending"/> that another process queued messages. One process alone
/// has nothing to tell (its sender is woken in memory); on PostgreSQL this is LISTEN/NOTIFY, and the sender's poll
/// remains the fallback for a notification lost with a connection.
/// </summary>
public interface IOutboxWakeups
{
    /// <summary>Says that messages were committed to the outbox; returns at once, whatever becomes of the notification.</summary>
    void Publish();

    /// <summary>Calls <paramref name="wake"/> for every notification until cancelled; completes at once when there is nothing to listen to.</summary>
    Task ListenAsync(Action wake, CancellationToken cancellationToken);
}

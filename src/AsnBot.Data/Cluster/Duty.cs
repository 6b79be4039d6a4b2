namespace AsnBot.Data.Cluster;

/// <summary>
/// A job that exactly one process of the bot runs at a time, however many instances share the database. The number
/// names the duty's lock; never renumber one.
/// </summary>
public enum Duty
{
    /// <summary>Drains the outbox, so Telegram's global limit (30 messages a second) holds across instances.</summary>
    Sending = 1,

    /// <summary>Feeds broadcasts into the outbox.</summary>
    BroadcastFeeding = 2,

    /// <summary>Queues the daily notice of overdue complaints.</summary>
    OverdueMonitoring = 3,

    /// <summary>Makes the exports and reports admins asked for.</summary>
    DocumentJobs = 4,
}

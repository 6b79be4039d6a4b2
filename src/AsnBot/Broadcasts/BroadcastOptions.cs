using System.ComponentModel.DataAnnotations;

namespace AsnBot.Broadcasts;

/// <summary>The "Broadcasts" configuration section: invitations, reminders and their progress reports.</summary>
public sealed class BroadcastOptions
{
    public const string Section = "Broadcasts";

    /// <summary>How often the outbox is topped up with the next recipients and progress is checked.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Seconds of sending (at the allowed rate) kept queued in the outbox ahead of the sender.</summary>
    [Range(0.01, 60)]
    public double QueueAheadSeconds { get; set; } = 3;

    /// <summary>How often the admin's progress message is edited (at most).</summary>
    public TimeSpan ProgressEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A reminder goes this long after the invitation (or the previous reminder).</summary>
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Reminders per invitation at most; 0 turns them off.</summary>
    [Range(0, 10)]
    public int MaxReminders { get; set; } = 2;
}

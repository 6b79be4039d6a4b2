using System.ComponentModel.DataAnnotations;

namespace AsnBot.Delivery;

/// <summary>The "Delivery" configuration section: Telegram's sending limits and retry policy.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Messages per second to all chats together (Telegram: about 30).</summary>
    [Range(0.1, 100_000)]
    public double GlobalPerSecond { get; set; } = 30;

    /// <summary>Messages per second to one chat (Telegram: about 1, short bursts allowed).</summary>
    [Range(0.01, 100)]
    public double PerChatPerSecond { get; set; } = 1;

    /// <summary>How many messages one chat may get at once before the per-chat rate applies.</summary>
    [Range(1, 20)]
    public int PerChatBurst { get; set; } = 3;

    /// <summary>Messages per minute to one group chat (Telegram: 20).</summary>
    [Range(1, 600)]
    public int GroupPerMinute { get; set; } = 20;

    /// <summary>Requests to Telegram in flight at once (different chats only).</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>
    /// Permits of the one-second window broadcasts leave unused, so a resident's reply never waits behind an
    /// invitation. Broadcasts use at most <see cref="GlobalPerSecond"/> minus this.
    /// </summary>
    [Range(0, 100)]
    public int ReplyReserve { get; set; } = 1;

    /// <summary>
    /// Broadcast messages in flight at once. Each send Telegram accepted but the bot had not yet recorded is
    /// sent again after a crash, so this bounds the duplicates a crash can cause; 6 sustain 30/s at 200 ms a send.
    /// </summary>
    [Range(1, 64)]
    public int MaxBroadcastInFlight { get; set; } = 6;

    /// <summary>Attempts at a broadcast message that fails (network, 5xx) before its recipient is recorded as failed.</summary>
    [Range(1, 100)]
    public int BroadcastAttempts { get; set; } = 5;

    /// <summary>
    /// Telegram counts its limits by its own clock, and requests that leave evenly spaced arrive bunched: each
    /// second's <see cref="GlobalPerSecond"/> messages are spread over one second plus this margin.
    /// </summary>
    public TimeSpan PacingMargin { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>
    /// Replies waiting per private chat at most: older unsent ones are superseded by newer ones, so one person
    /// sending without pause cannot build a backlog that everyone else waits behind.
    /// </summary>
    [Range(1, 1000)]
    public int MaxQueuedPerChat { get; set; } = 20;

    /// <summary>Updates one user may send at once before <see cref="InboundPerSecond"/> applies; more are dropped.</summary>
    [Range(1, 100_000)]
    public int InboundBurst { get; set; } = 30;

    /// <summary>Updates per second one user may send in the long run: far above a person pressing and typing.</summary>
    [Range(0.1, 100_000)]
    public double InboundPerSecond { get; set; } = 5;

    /// <summary>Longest wait between retries of a failed send (network error, 5xx).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an outbox row claimed by a sender of a cluster stays its own: a row its sender did not finish (the
    /// instance died) is sent by the next owner after this. Longer than a send can take.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
}

namespace AsnBot.IntegrationTests.Support;

/// <summary>The system clock moved forward by <see cref="Offset"/>: a running bot's "now" jumps while its timers keep real time.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

using AsnBot.Delivery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AsnBot.Tests.Delivery;

/// <summary>The per-user flood limit on a fake clock.</summary>
public sealed class InboundRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AUserOverTheBurst_IsDropped_AndAskedToSlowDownOnceAMinute()
    {
        var limiter = new InboundRateLimiter(Options.Create(new DeliveryOptions { InboundBurst = 3, InboundPerSecond = 1 }), _clock);

        Assert.Equal([InboundVerdict.Handle, InboundVerdict.Handle, InboundVerdict.Handle, InboundVerdict.DropAndNotify, InboundVerdict.Drop], Checks(limiter, 7, 5));

        // Another user is not held back by this one.
        Assert.Equal(InboundVerdict.Handle, limiter.Check(8));

        // One update a second in the long run; the notice is not repeated within the minute.
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(InboundVerdict.Drop, limiter.Check(7));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([InboundVerdict.Handle, InboundVerdict.Drop], Checks(limiter, 7, 2));

        // A minute after the notice the bucket is full again, and the next flood is told once more.
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal([InboundVerdict.Handle, InboundVerdict.Handle, InboundVerdict.Handle, InboundVerdict.DropAndNotify, InboundVerdict.Drop], Checks(limiter, 7, 5));
    }

    private static List<InboundVerdict> Checks(InboundRateLimiter limiter, long userId, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => limiter.Check(userId))];
}

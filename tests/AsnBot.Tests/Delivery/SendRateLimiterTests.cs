using AsnBot.Delivery;
using Microsoft.Extensions.Options;

namespace AsnBot.Tests.Delivery;

public sealed class SendRateLimiterTests
{
    [Fact]
    public void PrivateChat_GetsItsBurst_ThenWaits()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions { PerChatPerSecond = 0.01, PerChatBurst = 3 }));

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire(42)));
        Assert.True(limiter.TryAcquire(43));
    }

    [Fact]
    public void GroupChat_IsLimitedPerMinute()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions { GroupPerMinute = 20, PerChatBurst = 3 }));

        var granted = Enumerable.Range(0, 25).Count(_ => limiter.TryAcquire(-100_123));

        Assert.Equal(20, granted);
    }

    [Fact]
    public async Task ARefusalByTheGlobalWindow_DoesNotSpendTheChatsBurst()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions { GlobalPerSecond = 2, PerChatPerSecond = 0.01, PerChatBurst = 2 }));
        Assert.True(limiter.TryAcquire(1));
        Assert.True(limiter.TryAcquire(1));
        Assert.False(limiter.TryAcquire(2));
        Assert.False(limiter.TryAcquire(2));

        // Once the one-second window has passed, chat 2 still has its whole burst.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.True(limiter.TryAcquire(2));
        Assert.True(limiter.TryAcquire(2));
    }

    [Fact]
    public void AllChatsTogether_StayWithinTheGlobalRate()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions { GlobalPerSecond = 30 }));

        var granted = Enumerable.Range(1, 50).Count(chat => limiter.TryAcquire(chat));

        Assert.Equal(30, granted);
    }

    [Fact]
    public async Task HoldChat_RefusesThatChatUntilRetryAfterIsUp_OthersGoOn()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions()));

        limiter.HoldChat(1, TimeSpan.FromMilliseconds(300));

        Assert.False(limiter.TryAcquire(1));
        Assert.False(limiter.TryAcquire(1, bulk: true));
        Assert.True(limiter.TryAcquire(2));
        await Task.Delay(400);
        Assert.True(limiter.TryAcquire(1));
    }
}

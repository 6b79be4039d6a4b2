using System.Diagnostics;
using AsnBot.Delivery;
using Microsoft.Extensions.Options;

namespace AsnBot.Tests.Delivery;

public sealed class SendRateLimiterTests
{
    [Fact]
    public async Task PrivateChat_GetsItsBurst_ThenWaits()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions { GlobalPerSecond = 1000, PerChatPerSecond = 0.01, PerChatBurst = 3 }));

        var granted = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            granted.Add(await SendAsync(limiter, 42));
        }

        Assert.Equal([true, true, true, false], granted);
        Assert.True(await SendAsync(limiter, 43));
    }

    [Fact]
    public async Task GroupChat_IsLimitedPerMinute()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions { GlobalPerSecond = 1000, GroupPerMinute = 20, PerChatBurst = 3 }));

        var granted = 0;
        for (var i = 0; i < 25; i++)
        {
            granted += await SendAsync(limiter, -100_123) ? 1 : 0;
        }

        Assert.Equal(20, granted);
    }

    [Fact]
    public async Task ARefusalByTheGlobalLimit_DoesNotSpendTheChatsBurst()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions { GlobalPerSecond = 2, PerChatPerSecond = 0.01, PerChatBurst = 2 }));
        var waiting = new[] { limiter.TryAdmit(1), limiter.TryAdmit(3) };
        Assert.All(waiting, Assert.NotNull);
        Assert.Null(limiter.TryAdmit(2));
        Assert.Null(limiter.TryAdmit(2));

        foreach (var permit in waiting)
        {
            permit!.Dispose();
        }

        // Chat 2 still has its whole burst.
        Assert.True(await SendAsync(limiter, 2));
        Assert.True(await SendAsync(limiter, 2));
    }

    [Fact]
    public async Task PermitsTakenOneAfterAnother_AreSpreadOverMoreThanASecond_NeverBurstToTheLimit()
    {
        var options = new DeliveryOptions { GlobalPerSecond = 30 };
        using var limiter = new SendRateLimiter(Options.Create(options));
        // Each permit was taken at some moment between asking and getting it back: the test only knows those two
        // times (its thread may be held up on a busy machine), so it checks the bounds that hold whatever the delays.
        var taken = new List<(long Asked, long Got)>();
        for (var chat = 1; taken.Count < 45; chat++)
        {
            if (limiter.TryAdmit(chat) is { } permit)
            {
                using (permit)
                {
                    var asked = Stopwatch.GetTimestamp();
                    await permit.AcquireAsync(CancellationToken.None);
                    taken.Add((asked, Stopwatch.GetTimestamp()));
                }
            }
            else
            {
                await Task.Delay(5);
            }
        }

        // However the sends are timed, no second plus the margin ever holds more than 30, and they come evenly,
        // (1 s + margin) ÷ 30 apart less the 10 ms a permit may come early and the 10 ms of a late slot made up:
        // not 30 at once.
        var window = TimeSpan.FromSeconds(1) + options.PacingMargin;
        for (var i = 0; i + 30 < taken.Count; i++)
        {
            Assert.True(Stopwatch.GetElapsedTime(taken[i].Asked, taken[i + 30].Got) >= window, $"permits {i} and {i + 30} within one window");
        }

        Assert.All(taken.Skip(1).Select((at, i) => Stopwatch.GetElapsedTime(taken[i].Asked, at.Got)), gap => Assert.True(gap >= (window / 30) - TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void AdmittedPermitsNotTaken_AreGivenBack()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions { GlobalPerSecond = 30 }));
        var admitted = Enumerable.Range(1, 10).Select(chat => limiter.TryAdmit(chat)).OfType<SendPermit>().ToList();

        // Only a few slots' worth wait at once, so a reply chosen next is not queued behind many broadcast messages.
        Assert.InRange(admitted.Count, 1, 3);
        Assert.Null(limiter.TryAdmit(11));

        admitted.ForEach(p => p.Dispose());

        Assert.NotNull(limiter.TryAdmit(11));
    }

    [Fact]
    public async Task A429TheChatsOwnLimitDoesNotExplain_HoldsEveryChatForRetryAfter()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions()));

        // Long enough that a busy machine cannot let the hold run out before the checks below.
        Assert.True(limiter.HoldAfterTooManyRequests(1, TimeSpan.FromSeconds(2)));

        Assert.Null(limiter.TryAdmit(1));
        Assert.Null(limiter.TryAdmit(2));
        Assert.Null(limiter.TryAdmit(3, bulk: true));
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        Assert.NotNull(limiter.TryAdmit(2));
    }

    [Fact]
    public async Task A429AfterTheChatSpentItsBurst_HoldsOnlyThatChat()
    {
        using var limiter = new SendRateLimiter(Options.Create(new DeliveryOptions { PerChatPerSecond = 0.01, PerChatBurst = 3 }));
        Assert.True(await SendAsync(limiter, 1));
        Assert.True(await SendAsync(limiter, 1));

        Assert.False(limiter.HoldAfterTooManyRequests(1, TimeSpan.FromSeconds(30)));

        Assert.Null(limiter.TryAdmit(1));
        Assert.NotNull(limiter.TryAdmit(2));
    }

    /// <summary>One message to the chat: admitted and sent at once, or refused.</summary>
    private static async Task<bool> SendAsync(SendRateLimiter limiter, long chatId)
    {
        using var permit = limiter.TryAdmit(chatId);
        if (permit is null)
        {
            return false;
        }

        await permit.AcquireAsync(CancellationToken.None);
        return true;
    }
}

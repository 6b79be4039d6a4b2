using AsnBot.Delivery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AsnBot.Tests.Delivery;

/// <summary>The send limits on a fake clock: time moves only when a test moves it, so every count is exact.</summary>
public sealed class SendRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void PrivateChat_GetsItsBurst_ThenWaits_AndATokenComesBackEachPeriod()
    {
        var limiter = Limiter(new DeliveryOptions { GlobalPerSecond = 1000, PerChatPerSecond = 0.01, PerChatBurst = 3 });

        var granted = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            granted.Add(Send(limiter, 42));
        }

        Assert.Equal([true, true, true, false], granted);
        Assert.True(Send(limiter, 43));

        // 0.01 a second: one token 100 s after the first was taken, not before.
        _clock.Advance(TimeSpan.FromSeconds(99));
        Assert.False(Send(limiter, 42));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(Send(limiter, 42));
        Assert.False(Send(limiter, 42));
    }

    [Fact]
    public void GroupChat_IsLimitedPerMinute_EachPermitComingBackAMinuteAndASecondLater()
    {
        var limiter = Limiter(new DeliveryOptions { GlobalPerSecond = 1000, GroupPerMinute = 20, PerChatBurst = 3 });
        var start = _clock.GetTimestamp();

        var granted = 0;
        for (var i = 0; i < 25; i++)
        {
            granted += Send(limiter, -100_123) ? 1 : 0;
        }

        Assert.Equal(20, granted);
        Assert.True(Send(limiter, 7));

        // Telegram counts the minute by its own clock: the first permit comes back a second after it.
        _clock.Advance(TimeSpan.FromSeconds(61) - _clock.GetElapsedTime(start) - TimeSpan.FromMilliseconds(1));
        Assert.False(Send(limiter, -100_123));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(Send(limiter, -100_123));
    }

    [Fact]
    public void ARefusalByTheGlobalLimit_DoesNotSpendTheChatsBurst()
    {
        var limiter = Limiter(new DeliveryOptions { GlobalPerSecond = 2, PerChatPerSecond = 0.01, PerChatBurst = 2 });
        var waiting = new[] { limiter.TryAdmit(1), limiter.TryAdmit(3) };
        Assert.All(waiting, Assert.NotNull);
        Assert.Null(limiter.TryAdmit(2));
        Assert.Null(limiter.TryAdmit(2));

        foreach (var permit in waiting)
        {
            permit!.Dispose();
        }

        // Chat 2 still has its whole burst.
        Assert.True(Send(limiter, 2));
        Assert.True(Send(limiter, 2));
    }

    [Fact]
    public void PermitsTakenOneAfterAnother_AreSpreadOverMoreThanASecond_NeverBurstToTheLimit()
    {
        var options = new DeliveryOptions { GlobalPerSecond = 30 };
        var limiter = Limiter(options);
        var taken = new List<DateTimeOffset>();
        for (var chat = 1; taken.Count < 45; chat++)
        {
            if (limiter.TryAdmit(chat) is { } permit)
            {
                using (permit)
                {
                    Acquire(permit);
                    taken.Add(_clock.GetUtcNow());
                }
            }
            else
            {
                _clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        }

        // No second plus the margin ever holds more than 30, and they come evenly, (1 s + margin) ÷ 30 apart less
        // the 10 ms a permit may come early and the 10 ms of a late slot made up: not 30 at once.
        var window = TimeSpan.FromSeconds(1) + options.PacingMargin;
        for (var i = 0; i + 30 < taken.Count; i++)
        {
            Assert.True(taken[i + 30] - taken[i] >= window, $"permits {i} and {i + 30} within one window");
        }

        Assert.All(taken.Skip(1).Select((at, i) => at - taken[i]), gap => Assert.True(gap >= (window / 30) - TimeSpan.FromMilliseconds(20), $"{gap.TotalMilliseconds} ms"));
        Assert.True(taken[^1] - taken[0] <= window * 2, "the permits come at the limit's pace, not slower");
    }

    [Fact]
    public void AdmittedPermitsNotTaken_AreGivenBack()
    {
        var limiter = Limiter(new DeliveryOptions { GlobalPerSecond = 30 });
        var admitted = Enumerable.Range(1, 10).Select(chat => limiter.TryAdmit(chat)).OfType<SendPermit>().ToList();

        // Only a few slots' worth wait at once, so a reply chosen next is not queued behind many broadcast messages.
        Assert.InRange(admitted.Count, 1, 3);
        Assert.Null(limiter.TryAdmit(11));

        admitted.ForEach(p => p.Dispose());

        Assert.NotNull(limiter.TryAdmit(11));
    }

    [Fact]
    public void A429TheChatsOwnLimitDoesNotExplain_HoldsEveryChatForExactlyRetryAfter()
    {
        var limiter = Limiter(new DeliveryOptions());

        Assert.True(limiter.HoldAfterTooManyRequests(1, TimeSpan.FromSeconds(2)));

        Assert.Null(limiter.TryAdmit(1));
        Assert.Null(limiter.TryAdmit(2));
        Assert.Null(limiter.TryAdmit(3, bulk: true));
        _clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        Assert.Null(limiter.TryAdmit(2));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.NotNull(limiter.TryAdmit(2));
    }

    [Fact]
    public void A429AfterTheChatSpentItsBurst_HoldsOnlyThatChat_ForRetryAfter()
    {
        var limiter = Limiter(new DeliveryOptions { PerChatPerSecond = 0.01, PerChatBurst = 3 });
        Assert.True(Send(limiter, 1));
        Assert.True(Send(limiter, 1));

        Assert.False(limiter.HoldAfterTooManyRequests(1, TimeSpan.FromSeconds(30)));

        Assert.Null(limiter.TryAdmit(1));
        Assert.NotNull(limiter.TryAdmit(2));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(Send(limiter, 1));
    }

    private SendRateLimiter Limiter(DeliveryOptions options) => new(Options.Create(options), _clock);

    /// <summary>One message to the chat: admitted and sent (the clock moved to its slot), or refused.</summary>
    private bool Send(SendRateLimiter limiter, long chatId)
    {
        using var permit = limiter.TryAdmit(chatId);
        if (permit is null)
        {
            return false;
        }

        Acquire(permit);
        return true;
    }

    /// <summary>Takes the permit, moving the clock on by each wait the limiter asks for, so it is taken exactly at its slot.</summary>
    private void Acquire(SendPermit permit)
    {
        for (var step = 0; !permit.TryTake(out var wait); step++)
        {
            Assert.True(step < 1000, "the permit never came");
            _clock.Advance(wait);
        }
    }
}

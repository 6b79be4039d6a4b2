using AsnBot.Complaints;
using AsnBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AsnBot.Tests.Complaints;

public sealed class WorkingDaysTests
{
    private static readonly WorkingDays Days = new([new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)]);

    [Theory]
    [InlineData("2026-11-30T09:00:00+07:00", 3, "2026-12-03")] // Monday → Thursday
    [InlineData("2026-12-04T09:00:00+07:00", 1, "2026-12-07")] // Friday → Monday
    [InlineData("2026-12-05T09:00:00+07:00", 1, "2026-12-07")] // Saturday → Monday
    [InlineData("2026-12-23T09:00:00+07:00", 3, "2026-12-29")] // Christmas on Friday skipped
    [InlineData("2026-12-30T09:00:00+07:00", 2, "2027-01-04")] // New Year and the weekend skipped
    [InlineData("2026-11-30T18:00:00+00:00", 1, "2026-12-02")] // 01:00 WIB on Tuesday: Tuesday is the start day
    public void Add_SkipsWeekendsAndHolidays(string start, int days, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Days.Add(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));
    }

    [Fact]
    public void Between_CountsWorkingDaysOnly_AndIsNegativeBackwards()
    {
        Assert.Equal(5, Days.Between(new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 29)));
        Assert.Equal(-5, Days.Between(new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 21)));
        Assert.Equal(0, Days.Between(new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 6)));
    }

    [Fact]
    public async Task OverdueNotice_IsPostedOncePerWorkingDay_AfterEight_AndNotOnWeekends()
    {
        using var bot = new BotHarness();
        var resident = await bot.Resident(1200).Consent();
        var number = await resident.FileComplaint(); // Monday 30 Nov, 16:00 WIB: verify by Thursday 3 Dec
        var announcer = new OverdueAnnouncer(bot.Desk, bot.Complaints, bot.Texts);

        int Notices() => bot.AdminInGroup().Messages.Count(m => m.Text.StartsWith("⏰ Pengaduan terlambat", StringComparison.Ordinal));
        async Task RunAt(DateTimeOffset at)
        {
            bot.Clock.SetUtcNow(at);
            bot.Processor.Run(announcer.Run);
            await bot.Sender.DrainAsync(CancellationToken.None);
        }

        await RunAt(new DateTimeOffset(2026, 12, 3, 10, 0, 0, WorkingDays.Wib));
        Assert.Equal(0, Notices());
        await RunAt(new DateTimeOffset(2026, 12, 4, 7, 30, 0, WorkingDays.Wib));
        Assert.Equal(0, Notices());
        await RunAt(new DateTimeOffset(2026, 12, 4, 8, 1, 0, WorkingDays.Wib));
        await RunAt(new DateTimeOffset(2026, 12, 4, 15, 0, 0, WorkingDays.Wib));
        Assert.Equal(1, Notices());
        Assert.Contains(number, bot.AdminInGroup().Last.Text, StringComparison.Ordinal);
        await RunAt(new DateTimeOffset(2026, 12, 5, 9, 0, 0, WorkingDays.Wib));
        Assert.Equal(1, Notices());
        await RunAt(new DateTimeOffset(2026, 12, 7, 9, 0, 0, WorkingDays.Wib));
        Assert.Equal(2, Notices());
    }

    [Fact]
    public void Deadlines_FollowTheStatus()
    {
        var options = TestUnits.Complaints();
        var deadlines = new ComplaintDeadlines(options);
        var submitted = new DateTimeOffset(2026, 11, 30, 9, 0, 0, WorkingDays.Wib);
        var complaint = new AsnBot.Data.Complaints.ComplaintRow { Id = 1, Status = ComplaintStatus.Submitted, CreatedAt = submitted, SubmittedAt = submitted };

        Assert.Equal(new DateOnly(2026, 12, 3), deadlines.Next(complaint));
        Assert.Equal(new DateOnly(2026, 12, 7), deadlines.Next(complaint with { Status = ComplaintStatus.Verified }));
        Assert.Equal(new DateOnly(2026, 12, 18), deadlines.Next(complaint with { Status = ComplaintStatus.InProgress }));
        Assert.Null(deadlines.Next(complaint with { Status = ComplaintStatus.Closed }));
        Assert.Equal(DeadlineState.OnTime, deadlines.State(complaint, new FakeTimeProvider(submitted).GetUtcNow()));

        // Reopened three weeks later: a fresh resolution period, not overdue at once.
        var reopened = submitted.AddDays(21);
        var again = complaint with { Status = ComplaintStatus.Reopened, ReopenedAt = reopened, FirstResponseAt = submitted };
        Assert.Equal(new DateOnly(2027, 1, 12), deadlines.Next(again));
        Assert.Equal(DeadlineState.OnTime, deadlines.State(again, reopened.AddDays(1)));
    }

    /// <summary>
    /// The states as DOMAIN.md and /aduan put them: overdue once the deadline day has passed, due soon while at most one
    /// working day is left, on time before that. Checked for every pair of days around Christmas and New Year, at
    /// midnight WIB and just before it, against the counting written out here.
    /// </summary>
    [Fact]
    public void DeadlineState_OverdueAfterTheDay_DueSoonWithAtMostOneWorkingDayLeft()
    {
        var deadlines = new ComplaintDeadlines(TestUnits.Complaints());
        var first = new DateOnly(2026, 12, 17);
        for (var t = 0; t < 24; t++)
        {
            var today = first.AddDays(t);
            foreach (var now in new[] { new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), WorkingDays.Wib), new DateTimeOffset(today.ToDateTime(new TimeOnly(23, 59)), WorkingDays.Wib) })
            {
                for (var d = -3; d < 12; d++)
                {
                    var deadline = today.AddDays(d);
                    var left = Enumerable.Range(1, Math.Max(0, d)).Count(i => Days.IsWorkingDay(today.AddDays(i)));
                    var expected = deadline < today ? DeadlineState.Overdue : left <= 1 ? DeadlineState.DueSoon : DeadlineState.OnTime;
                    Assert.True(expected == deadlines.State(deadline, now), $"today {today}, deadline {deadline}: {expected} expected, {deadlines.State(deadline, now)} given");
                }
            }
        }
    }
}

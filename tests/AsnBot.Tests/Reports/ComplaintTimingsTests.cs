using System.Globalization;
using AsnBot.Complaints;
using AsnBot.Data;
using AsnBot.Data.Complaints;
using AsnBot.Reports.Complaints;
using AsnBot.Tests.Support;
using Dapper;
using Options = Microsoft.Extensions.Options.Options;

namespace AsnBot.Tests.Reports;

/// <summary>
/// The Pengaduan page's fast path (timings stored by <see cref="ComplaintTimings"/> and counted by the database) against
/// the report's figures worked out complaint by complaint (<see cref="ComplaintFiguresBuilder.BuildAsync"/>, what
/// <c>asnbot report ikm</c> prints) and the deadline state /aduan shows for each open complaint. The complaints: those
/// <see cref="ComplaintScenario"/> files and handles through the bot, and hundreds more written straight into the file
/// across five months, every status and privacy, filed and answered on weekends, holidays and either side of midnight WIB.
/// </summary>
public sealed class ComplaintTimingsTests : IDisposable
{
    private static readonly DateOnly FirstMonth = new(2026, 8, 1);

    /// <summary>A Thursday before the Christmas holiday, a Saturday night, New Year's Day at midnight, the report's Friday.</summary>
    private static readonly DateTimeOffset[] Nows =
    [
        ComplaintScenario.Wib(2026, 12, 24, 10, 0),
        ComplaintScenario.Wib(2026, 12, 26, 23, 59),
        ComplaintScenario.Wib(2027, 1, 1, 0, 0),
        ComplaintScenario.ReportTime,
    ];

    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task CountedFromStoredTimings_EqualTheReportAndAduan_BeforeAfterRefreshAfterChangesAndNewHolidays()
    {
        await ComplaintScenario.BuildAsync(_bot);
        Seed(_bot.Database, 600);
        var timings = new ComplaintTimings(_bot.Database, Options.Create(_bot.Complaints), new ComplaintDeadlines(_bot.Complaints));
        Assert.True(Untimed() > 600);
        await AssertAgreeAsync(_bot.Complaints, timings, "nothing stored yet");

        timings.Refresh();
        Assert.Equal(0, Untimed());
        await AssertAgreeAsync(_bot.Complaints, timings, "every timing stored");

        // Handled through the complaint store as the admin desk does: the database forgets what each change made stale.
        var changed = Change(ComplaintScenario.Wib(2027, 1, 8, 9, 0));
        Assert.True(changed > 100, $"{changed} complaints changed");
        Assert.Equal(changed, Untimed());
        await AssertAgreeAsync(_bot.Complaints, timings, "some changed since they were stored");

        timings.Refresh();
        Assert.Equal(0, Untimed());
        await AssertAgreeAsync(_bot.Complaints, timings, "stored again");

        // Another holiday moves deadlines and working days: timings of the old settings are not used, then worked out again.
        var holidays = TestUnits.Complaints();
        holidays.Holidays.AddRange([new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 31), new DateOnly(2026, 10, 2)]);
        var rebased = new ComplaintTimings(_bot.Database, Options.Create(holidays), new ComplaintDeadlines(holidays));
        Assert.NotEqual(timings.Basis, rebased.Basis);
        await AssertAgreeAsync(holidays, rebased, "stored with other holidays");
        rebased.Refresh();
        Assert.Equal(0, Untimed());
        await AssertAgreeAsync(holidays, rebased, "stored with the new holidays");
    }

    private async Task AssertAgreeAsync(ComplaintOptions options, ComplaintTimings timings, string stage)
    {
        var builder = new ComplaintFiguresBuilder(_bot.Database.ComplaintReports, Options.Create(options), timings);
        var deadlines = new ComplaintDeadlines(options);
        var states = new HashSet<DeadlineState>();
        foreach (var now in Nows)
        {
            var at = $"{stage}, {now:yyyy-MM-dd HH:mm zzz}";
            foreach (var unit in new[] { null, "RSUD" })
            {
                var (together, months) = await builder.BuildByMonthAsync(unit, FirstMonth, now, CancellationToken.None);
                var expected = await builder.BuildAsync(unit, new ComplaintPeriod(FirstMonth, null), now, CancellationToken.None);
                Assert.Equal($"{at}\n{Describe(expected)}", $"{at}\n{Describe(together)}");
                Assert.Equal(6, months.Count); // August to January
                foreach (var (month, figures) in months)
                {
                    var report = await builder.BuildAsync(unit, new ComplaintPeriod(month, month.AddMonths(1).AddDays(-1)), now, CancellationToken.None);
                    Assert.Equal($"{at}, {month}\n{Describe(report)}", $"{at}, {month}\n{Describe(figures)}");
                }
            }

            using var work = _bot.Database.Connect();
            var shown = work.Complaints.Open()
                .CountBy(c => (Unit: c.UnitCode ?? "-", Confidential: c.Privacy == ComplaintPrivacy.Confidential, State: deadlines.State(c, now)))
                .Select(c => $"{c.Key} {c.Value}").Order(StringComparer.Ordinal);
            var counted = (await timings.CountOpenAsync(now, CancellationToken.None))
                .GroupBy(c => (c.Unit, c.Confidential, c.State))
                .Select(g => $"{g.Key} {g.Sum(c => c.Count)}").Order(StringComparer.Ordinal);
            Assert.Equal($"{at}\n{string.Join('\n', shown)}", $"{at}\n{string.Join('\n', counted)}");
            states.UnionWith(work.Complaints.Open().Select(c => deadlines.State(c, now)));
        }

        Assert.Superset(new HashSet<DeadlineState> { DeadlineState.OnTime, DeadlineState.DueSoon, DeadlineState.Overdue }, states);
    }

    private static string Describe(ComplaintSection section) => string.Join(
        '\n',
        section.Units.Select(u => $"{u.Key}: {Describe(u.Value)}").Append($"kota: {(section.City is { } city ? Describe(city) : "-")}")
            .Prepend($"categories {string.Join(' ', section.Categories.Select(c => c.Code))}"));

    private static string Describe(ComplaintFigures f) => string.Create(
        CultureInfo.InvariantCulture,
        $"{f.Count} [{string.Join(' ', f.ByCategory.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"))}] due {f.FirstResponseDue} in time {f.FirstResponseInTime} pending {f.FirstResponsePending} answered {f.FirstResponded} median {f.MedianWorkingDaysToFirstResponse} resolved {f.Resolved} median {f.MedianWorkingDaysToResolution}");

    private long Untimed() => _bot.Database.Count("SELECT COUNT(*) FROM complaint WHERE timed = 0 AND status <> 'draft'");

    /// <summary>Moves every third filed complaint one step on, through the store the admin desk uses; returns how many changed.</summary>
    private int Change(DateTimeOffset at)
    {
        var filed = _bot.Database.Rows<(long Id, string Status, string? FirstResponseAt)>(
            "SELECT id, status, first_response_at FROM complaint WHERE status <> 'draft' ORDER BY id");
        using var work = _bot.Database.Begin();
        var changed = 0;
        foreach (var (id, status, firstResponseAt) in filed.Where((_, i) => i % 3 == 0))
        {
            var next = status switch
            {
                ComplaintStatus.Submitted => ComplaintStatus.Verified,
                ComplaintStatus.Verified when firstResponseAt is null => null,
                ComplaintStatus.Verified or ComplaintStatus.Reopened => ComplaintStatus.InProgress,
                ComplaintStatus.InProgress => ComplaintStatus.Resolved,
                ComplaintStatus.Resolved => ComplaintStatus.Reopened,
                _ => ComplaintStatus.Closed,
            };
            if (next is null)
            {
                work.Complaints.MarkFirstResponse(id, at);
                changed++;
            }
            else if (status != ComplaintStatus.Closed)
            {
                changed += work.Complaints.ChangeStatus(id, status, next, firstResponse: next == ComplaintStatus.InProgress, at) ? 1 : 0;
            }
        }

        work.Commit();
        return changed;
    }

    /// <summary>
    /// Complaints as a bulk load writes them (no stored timing): filed on a day from 1 August 2026 to 7 January 2027 just
    /// after or before midnight WIB or in office hours, answered and resolved some days later (weekends and the holidays
    /// included), in every status and privacy, some of a unit outside the list, without a category or of one no longer configured.
    /// </summary>
    private static void Seed(SqlDatabase database, int count)
    {
        string?[] units = ["DISDUK", "RSUD", "PKM", ComplaintUnits.Other, null];
        string?[] categories = ["PUNGLI", "LAMBAT", "LAINNYA", "HILANG", null];
        string[] privacies = [ComplaintPrivacy.Identified, ComplaintPrivacy.Anonymous, ComplaintPrivacy.Confidential];
        TimeSpan[] times = [TimeSpan.FromMinutes(1), TimeSpan.FromHours(8), TimeSpan.FromHours(16.5), new(23, 59, 0)];
        var random = new Random(14);
        // In UTC, as the bot writes every instant (Dapper writes a DateTimeOffset parameter with its own offset).
        DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.FromTimeSpan(times[random.Next(times.Length)])), WorkingDays.Wib).ToUniversalTime();

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            var day = new DateOnly(2026, 8, 1).AddDays(random.Next(160));
            var status = ComplaintStatus.All[i % ComplaintStatus.All.Count];
            var answered = status != ComplaintStatus.Submitted && (status != ComplaintStatus.Verified || i % 2 == 0);
            var resolved = status is ComplaintStatus.Resolved or ComplaintStatus.Closed or ComplaintStatus.Reopened || (status == ComplaintStatus.InProgress && i % 3 == 0);
            var reopened = status == ComplaintStatus.Reopened || (status == ComplaintStatus.InProgress && resolved);
            var resolvedDay = day.AddDays(random.Next(0, 25));
            connection.Execute(
                """
                INSERT INTO complaint (tracking_no, category_code, unit_code, description, privacy, status, reopened, created_at, submitted_at,
                                       first_response_at, resolved_at, reopened_at)
                VALUES (@number, @category, @unit, 'Uraian pengaduan uji', @privacy, @status, @reopened, @submitted, @submitted, @first, @resolvedAt, @reopenedAt)
                """,
                new
                {
                    number = string.Create(CultureInfo.InvariantCulture, $"ADU-T-{i:D4}"),
                    category = categories[random.Next(categories.Length)],
                    unit = units[random.Next(units.Length)],
                    privacy = privacies[random.Next(privacies.Length)],
                    status,
                    reopened,
                    submitted = At(day),
                    first = answered ? At(day.AddDays(random.Next(0, 12))) : (DateTimeOffset?)null,
                    resolvedAt = resolved ? At(resolvedDay) : (DateTimeOffset?)null,
                    reopenedAt = reopened ? At(resolvedDay.AddDays(random.Next(0, 6))) : (DateTimeOffset?)null,
                },
                transaction);
        }

        transaction.Commit();
    }
}

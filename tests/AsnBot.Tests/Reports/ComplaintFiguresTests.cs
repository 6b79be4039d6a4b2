using AsnBot.Complaints;
using System.Text;
using AsnBot.Data.Reports;
using AsnBot.Reports;
using AsnBot.Reports.Complaints;
using AsnBot.Reports.Ikm;
using AsnBot.Survey;
using AsnBot.Tests.Support;
using Options = Microsoft.Extensions.Options.Options;

namespace AsnBot.Tests.Reports;

public sealed class ComplaintFiguresTests : IDisposable
{
    private readonly BotHarness _bot = new();

    [Fact]
    public async Task Build_HandMadeComplaints_MatchFiguresComputedHere()
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);

        var report = await Builder().BuildAsync(TestUnits.Round, null, ComplaintScenario.Period, CancellationToken.None);

        var section = report.Complaints!;
        AssertMatches(ComplaintScenario.Facts, section.City!);
        foreach (var unit in new[] { "DISDUK", "RSUD" })
        {
            AssertMatches([.. ComplaintScenario.Facts.Where(f => f.Unit == unit)], section.For(unit));
        }

        Assert.Equal(0, section.For("PKM").Count);
        Assert.Equal(["PUNGLI", "LAMBAT", "LAINNYA"], section.Categories.Select(c => c.Code));
        Assert.DoesNotContain(scenario.Numbers[ComplaintScenario.Fajar], Encoding.UTF8.GetString(await WriteAsync(report, IkmReportFormat.Csv)));

        // The same figures written out by hand, so a shared mistake in the helpers above cannot hide.
        var city = section.City!;
        Assert.Equal(5, city.Count);
        Assert.Equal(3, city.ByCategory["PUNGLI"]);
        Assert.Equal(2, city.ByCategory["LAMBAT"]);
        Assert.Equal((4L, 2L, 1L), (city.FirstResponseDue, city.FirstResponseInTime, city.FirstResponsePending)); // Ani, Budi in time; Citra late; Dewi overdue; Eko pending
        Assert.Equal(50m, city.FirstResponseInTimePercent);
        Assert.Equal(5m, city.MedianWorkingDaysToFirstResponse); // 2, 5, 6
        Assert.Equal(5.5m, city.MedianWorkingDaysToResolution); // 5, 6
        Assert.Equal(3.5m, section.For("DISDUK").MedianWorkingDaysToFirstResponse); // 2, 5
        Assert.Equal(0m, section.For("RSUD").FirstResponseInTimePercent);
    }

    [Fact]
    public async Task Report_TextCsvXlsx_ShowTheFigures_AndListNoComplaint()
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);
        var report = await Builder().BuildAsync(TestUnits.Round, null, ComplaintScenario.Period, CancellationToken.None);

        var text = Encoding.UTF8.GetString(await WriteAsync(report, IkmReportFormat.Text));
        var csv = Encoding.UTF8.GetString(await WriteAsync(report, IkmReportFormat.Csv));
        var xlsx = XlsxReader.Read(await WriteAsync(report, IkmReportFormat.Xlsx))["IKM"];

        Assert.Contains("Periode: diajukan 2026-12-01 s.d. 2027-01-08 (WIB)", text, StringComparison.Ordinal);
        Assert.Contains("Kota (semua unit): 5 pengaduan; Pungutan liar 3, Pelayanan lambat 2", text, StringComparison.Ordinal);
        Assert.Contains("tanggapan pertama tepat waktu (paling lambat 5 hari kerja): 2 dari 4 (50 %); belum jatuh tempo: 1", text, StringComparison.Ordinal);
        Assert.Contains("median hari kerja sampai tanggapan pertama: 5 (3 pengaduan); sampai selesai: 5,5 (2 pengaduan)", text, StringComparison.Ordinal);
        Assert.Contains("RSUD Dr. Tengku Mansyur: 2 pengaduan; Pungutan liar 1, Pelayanan lambat 1", text, StringComparison.Ordinal);

        var header = xlsx[0];
        var city = xlsx.Single(r => r[0] == "kota");
        string? Cell(string column) => city[Array.IndexOf(header, column)];
        Assert.Equal("5", Cell("complaints"));
        Assert.Equal("3", Cell("complaints_PUNGLI"));
        Assert.Equal("50", Cell("complaints_first_response_in_time_pct"));
        Assert.Equal("5.5", Cell("complaints_median_working_days_to_resolution"));
        Assert.Contains("complaints_median_working_days_to_first_response", csv, StringComparison.Ordinal);

        // Confidential or not, no complaint is named in any form of the report.
        foreach (var number in scenario.Numbers.Values)
        {
            Assert.DoesNotContain(number, text, StringComparison.Ordinal);
            Assert.DoesNotContain(number, csv, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(ComplaintScenario.ConfidentialNote, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_OneUnit_CountsOnlyItsComplaints_AndHasNoCityFigure()
    {
        await ComplaintScenario.BuildAsync(_bot);

        var report = await Builder().BuildAsync(TestUnits.Round, "RSUD", ComplaintScenario.Period, CancellationToken.None);

        Assert.Null(report.Complaints!.City);
        Assert.Equal(["RSUD"], report.Complaints.Units.Keys);
        Assert.Equal(2, report.Complaints.For("RSUD").Count);
    }

    [Fact]
    public async Task Build_WithoutPeriod_CountsEveryFiledComplaint_ButNoDraft()
    {
        await ComplaintScenario.BuildAsync(_bot);

        var report = await Builder().BuildAsync(TestUnits.Round, null, CancellationToken.None);

        Assert.Equal(6, report.Complaints!.City!.Count); // the five of the period and Fajar's; Gita's draft never
        Assert.Equal(7, _bot.Database.Count("SELECT COUNT(*) FROM complaint"));
    }

    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 4 }, "4")]
    [InlineData(new[] { 6, 2, 5 }, "5")]
    [InlineData(new[] { 6, 5 }, "5.5")]
    [InlineData(new[] { 0, 9, 1, 1 }, "1")]
    public void Median_MiddleValue_OrMeanOfTheTwoMiddleOnes(int[] values, string? expected) =>
        Assert.Equal(
            expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ComplaintFiguresBuilder.Median(values.CountBy(v => v).ToDictionary(c => c.Key, c => (long)c.Value)));

    private IkmReportBuilder Builder() => new(
        _bot.Database.Reports,
        SurveyLoader.LoadBuiltIn(),
        Options.Create(_bot.Options),
        Options.Create(new ReportsOptions { MinimumRespondents = 1 }),
        new ComplaintFiguresBuilder(
            _bot.Database.ComplaintReports, Options.Create(_bot.Complaints), new ComplaintTimings(_bot.Database, Options.Create(_bot.Complaints), new ComplaintDeadlines(_bot.Complaints))),
        _bot.Clock);

    private static async Task<byte[]> WriteAsync(IkmReport report, IkmReportFormat format)
    {
        using var output = new MemoryStream();
        await IkmReportWriter.WriteAsync(report, format, output, CancellationToken.None);
        return output.ToArray();
    }

    /// <summary>DOMAIN.md's rules written out here: working days skip weekends and the configured holidays.</summary>
    private void AssertMatches(ComplaintScenario.Fact[] facts, ComplaintFigures figures)
    {
        var holidays = _bot.Complaints.Holidays.ToHashSet();
        bool Working(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);
        DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(7)).DateTime);
        int Between(DateTimeOffset from, DateTimeOffset to) =>
            Enumerable.Range(1, Day(to).DayNumber - Day(from).DayNumber).Count(i => Working(Day(from).AddDays(i)));
        DateOnly Due(DateTimeOffset from)
        {
            var day = Day(from);
            for (var n = 0; n < _bot.Complaints.FirstResponseWithinWorkingDays;)
            {
                day = day.AddDays(1);
                n += Working(day) ? 1 : 0;
            }

            return day;
        }

        static decimal? Median(List<int> v) => v.Count == 0 ? null
            : v.Count % 2 == 1 ? v.Order().ElementAt(v.Count / 2) : (v.Order().ElementAt((v.Count / 2) - 1) + v.Order().ElementAt(v.Count / 2)) / 2m;

        var today = Day(ComplaintScenario.ReportTime);
        var answered = facts.Where(f => f.FirstResponse is not null).ToList();
        var overdue = facts.Where(f => f.FirstResponse is null && today > Due(f.Submitted)).ToList();
        Assert.Equal(facts.Length, figures.Count);
        foreach (var category in facts.Select(f => f.Category).Distinct())
        {
            Assert.Equal(facts.Count(f => f.Category == category), figures.ByCategory[category]);
        }

        Assert.Equal(answered.Count + overdue.Count, figures.FirstResponseDue);
        Assert.Equal(answered.Count(f => Day(f.FirstResponse!.Value) <= Due(f.Submitted)), figures.FirstResponseInTime);
        Assert.Equal(facts.Length - answered.Count - overdue.Count, figures.FirstResponsePending);
        Assert.Equal(answered.Count, figures.FirstResponded);
        Assert.Equal(Median([.. answered.Select(f => Between(f.Submitted, f.FirstResponse!.Value))]), figures.MedianWorkingDaysToFirstResponse);
        Assert.Equal(Median([.. facts.Where(f => f.Resolved is not null).Select(f => Between(f.Submitted, f.Resolved!.Value))]), figures.MedianWorkingDaysToResolution);
    }

    public void Dispose() => _bot.Dispose();
}

using AsnBot.Complaints;
using AsnBot.Data.Reports;
using AsnBot.Reports;
using AsnBot.Reports.Complaints;
using AsnBot.Reports.Ikm;
using AsnBot.Rounds;
using AsnBot.Survey;
using AsnBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Options = Microsoft.Extensions.Options.Options;

namespace AsnBot.Tests.Reports;

public sealed class IkmReportBuilderTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly SurveyOptions _units = TestUnits.Options();

    public IkmReportBuilderTests()
    {
        _units.Units.Single(u => u.Code == "DISDUK").ServiceUsers = 100;
    }

    [Fact]
    public async Task Build_HandMadeUnits_NrrDividesByAnswerers_AndCityPoolsAnswers()
    {
        // DISDUK: 4 respondents; the fourth skipped U4 and U9.
        int?[][] disduk =
        [
            [4, 3, 3, 4, 3, 4, 4, 2, 3],
            [3, 3, 2, 4, 3, 3, 4, 2, 3],
            [4, 4, 3, 4, 4, 4, 4, 3, 4],
            [2, 3, 3, null, 3, 3, 3, 1, null],
        ];
        // RSUD: 2 respondents (below the minimum of 3).
        int?[][] rsud = [ReportData.All(2), [1, 2, 2, 2, 2, 2, 2, 2, 2]];
        var resident = 100L;
        foreach (var scores in disduk)
        {
            ReportData.Add(_db.Database, resident++, "DISDUK", scores);
        }

        foreach (var scores in rsud)
        {
            ReportData.Add(_db.Database, resident++, "RSUD", scores);
        }

        ReportData.Add(_db.Database, resident++, "RSUD", ReportData.All(4), submit: false); // a draft never counts
        ReportData.Add(_db.Database, resident, "RSUD", ReportData.All(4), round: "OTHER"); // nor another round

        var report = await Builder(minimum: 3).BuildAsync(TestUnits.Round, null, CancellationToken.None);

        var unit = report.Units.Single(u => u.Code == "DISDUK");
        Assert.Equal(4, unit.Respondents);
        AssertMatchesFormula(disduk, unit);
        Assert.Equal(3, unit.Elements[3].Answered);
        Assert.Equal(12m / 3, unit.Elements[3].Nrr);
        Assert.False(unit.BelowMinimumRespondents);
        Assert.Equal(new SampleCheck(100, 80, false), unit.Sample);
        Assert.Equal(["U8", "U3", "U1"], unit.Lowest.Select(e => e.Code));

        var small = report.Units.Single(u => u.Code == "RSUD");
        Assert.True(small.BelowMinimumRespondents);
        AssertMatchesFormula(rsud, small);
        Assert.Equal(new SampleCheck(null, null, null), small.Sample);

        var empty = report.Units.Single(u => u.Code == "PKM");
        Assert.Equal(0, empty.Respondents);
        Assert.True(empty.BelowMinimumRespondents);
        Assert.Null(empty.Score);

        // The city pools all six respondents' answers; that differs from the mean of the two unit IKMs.
        var city = report.City!;
        Assert.Equal(6, city.Respondents);
        AssertMatchesFormula([.. disduk, .. rsud], city);
        Assert.NotEqual((unit.Score!.Ikm + small.Score!.Ikm) / 2, city.Score!.Ikm);
        Assert.Null(city.Sample.MinimumSample); // not every unit has ServiceUsers
    }

    [Fact]
    public async Task Build_OneUnit_HasNoCityFigure()
    {
        ReportData.Add(_db.Database, 1, "DISDUK", ReportData.All(4));
        ReportData.Add(_db.Database, 2, "RSUD", ReportData.All(1));

        var report = await Builder(minimum: 1).BuildAsync(TestUnits.Round, "RSUD", CancellationToken.None);

        var unit = Assert.Single(report.Units);
        Assert.Equal(25m, unit.Score!.Ikm);
        Assert.Equal("D", unit.Score.Mutu.Grade);
        Assert.Null(report.City);
    }

    [Fact]
    public async Task Text_DecimalComma_UnitNamedOnce_SilentUnitsOnOneLine_WarningInTheTitle()
    {
        ReportData.Add(_db.Database, 1, "RSUD", [4, 4, 3, 3, 4, 4, 3, 3, 4]);
        var report = await Builder(minimum: 30).BuildAsync(TestUnits.Round, null, CancellationToken.None);

        using var buffer = new MemoryStream();
        await IkmReportWriter.WriteAsync(report, IkmReportFormat.Text, buffer, CancellationToken.None);
        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());

        Assert.Contains("PERHATIAN: hanya 1 responden, di bawah minimum 30", text.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("IKM 88,89  nilai SKM 3,5556  mutu A", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d\.\d", text);
        Assert.Contains("== RSUD Dr. Tengku Mansyur ==", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mansyur (RSUD)", text, StringComparison.Ordinal);
        Assert.Contains("Belum ada responden (3 unit): Disdukcapil (DISDUK); Puskesmas Datuk Bandar (PKM); UPT Samsat.", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n').Count(line => line.StartsWith("== ", StringComparison.Ordinal) && !line.Contains("Pengaduan", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Chart_TitleNamesTheRound_AndWarnsBelowMinimum_LabelsFit_LegendBesideTheBars()
    {
        using (var work = _db.Database.Begin())
        {
            new RoundPlanner(SurveyLoader.LoadBuiltIn(), Options.Create(_units)).Create(work, TestUnits.OpenRound(_units), ReportData.Noon.AddDays(-30));
            work.Commit();
        }

        ReportData.Add(_db.Database, 1, "RSUD", ReportData.All(4));
        var report = await Builder(minimum: 30).BuildAsync(TestUnits.Round, null, CancellationToken.None);

        using var plot = IkmChartRenderer.Build(report);

        Assert.Equal("NRR per unsur, Semester II 2026\nPERHATIAN: hanya 1 responden, di bawah minimum 30", plot.Axes.Title.Label.Text);
        Assert.True(plot.Axes.GetLimits().Top >= 4.3, "a bar at 4 needs room for its label");
        Assert.True(plot.Axes.GetLimits().Bottom <= 0, "a bar of 1,00 (every answer the lowest) must show above the axis");
        Assert.False(plot.Legend.IsVisible, "the legend is drawn beside the plot, not over the bars");
        Assert.Contains("4,00", plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().Single().Bars.Select(b => b.Label));
    }

    [Fact]
    public async Task Chart_ALongUnitName_IsNotCutAtTheImageEdge()
    {
        // The configured Disdukcapil name is the longest of the city's units; its axis line used to run off the left edge.
        _units.Units.Single(u => u.Code == "DISDUK").Name = "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)";
        using (var work = _db.Database.Begin())
        {
            new RoundPlanner(SurveyLoader.LoadBuiltIn(), Options.Create(_units)).Create(work, TestUnits.OpenRound(_units), ReportData.Noon.AddDays(-30));
            work.Commit();
        }

        ReportData.Add(_db.Database, 1, "DISDUK", [4, 3, 2, 1, 4, 4, 4, 4, 4]);
        var report = await Builder(minimum: 30).BuildAsync(TestUnits.Round, "DISDUK", CancellationToken.None);

        using var image = SkiaSharp.SKBitmap.Decode(IkmChartRenderer.Render(report, 900, 500));
        var inked = Enumerable.Range(image.Height - 45, 45)
            .SelectMany(y => Enumerable.Range(0, image.Width).Where(x => image.GetPixel(x, y) is var c && c.Red < 120 && c.Green < 120 && c.Blue < 120))
            .ToList();
        Assert.NotEmpty(inked);
        Assert.True(inked.Min() > 10 && inked.Max() < image.Width - 10, $"the axis text spans x {inked.Min()}–{inked.Max()} of {image.Width}");
    }

    private IkmReportBuilder Builder(int minimum) => new(
        _db.Database.Reports,
        SurveyLoader.LoadBuiltIn(),
        Options.Create(_units),
        Options.Create(new ReportsOptions { MinimumRespondents = minimum }),
        new ComplaintFiguresBuilder(
            _db.Database.ComplaintReports,
            Options.Create(TestUnits.Complaints()),
            new ComplaintTimings(_db.Database, Options.Create(TestUnits.Complaints()), new ComplaintDeadlines(TestUnits.Complaints()))),
        new FakeTimeProvider());

    /// <summary>DOMAIN.md's formula, written out independently of the calculator.</summary>
    private static void AssertMatchesFormula(int?[][] responses, UnitResult unit)
    {
        decimal sumOfNrr = 0;
        for (var e = 0; e < 9; e++)
        {
            var answers = responses.Select(r => r[e]).Where(s => s is not null).Select(s => s!.Value).ToList();
            var nrr = (decimal)answers.Sum() / answers.Count;
            Assert.Equal(answers.Count, unit.Elements[e].Answered);
            Assert.Equal(nrr, unit.Elements[e].Nrr);
            Assert.Equal(nrr / 9, unit.Elements[e].WeightedNrr);
            sumOfNrr += nrr;
        }

        var ikm = sumOfNrr / 9 * 25;
        Assert.Equal(Math.Round(ikm, 2, MidpointRounding.AwayFromZero), IkmCalculator.Display(unit.Score!.Ikm));
        Assert.Equal(ikm, unit.Score.Ikm, 20);
        Assert.Equal(Mutu.For(ikm), unit.Score.Mutu);
    }

    public void Dispose() => _db.Dispose();
}

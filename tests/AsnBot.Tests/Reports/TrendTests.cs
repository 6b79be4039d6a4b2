using System.Globalization;
using AsnBot.Reports.Trend;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Reports;

/// <summary><c>asnbot report trend</c>: every round side by side and the change since the previous round with its 95% interval.</summary>
public sealed class TrendTests : IDisposable
{
    private const string Previous = "2026-S1";
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData(3, 3.182)]
    [InlineData(4.5, 2.6735)]
    [InlineData(5, 2.571)]
    [InlineData(10, 2.228)]
    [InlineData(30, 2.042)]
    [InlineData(120, 1.980)]
    [InlineData(1_000_000, 1.960)]
    public void StudentT975_MatchesThePrintedTable(double degrees, double table) =>
        Assert.Equal(table, WelchInterval.StudentT975(degrees), 0.002);

    [Fact]
    public async Task ReportTrend_Csv_HasEveryRound_AndTheWelchIntervalOfTheChange()
    {
        // RSUD: six respondents a round, half scoring every element 2 and half 3, then half 3 and half 4: +25 points.
        // DINSOS: the same answers in both rounds: no change.
        for (var i = 0; i < 6; i++)
        {
            ReportData.Add(_cli.Database, 100 + i, "RSUD", ReportData.All(2 + (i % 2)), round: Previous);
            ReportData.Add(_cli.Database, 200 + i, "RSUD", ReportData.All(3 + (i % 2)));
            ReportData.Add(_cli.Database, 300 + i, "DINSOS", ReportData.All(3 + (i % 2)), round: Previous);
            ReportData.Add(_cli.Database, 400 + i, "DINSOS", ReportData.All(3 + (i % 2)));
        }

        var (exit, stdout, stderr) = await _cli.RunAsync(null, "report", "trend", "--format", "csv");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        var header = lines[0].ToList();
        Assert.Equal(["unit", "unit_name", $"ikm_{Previous}", $"ikm_{TestUnits.Round}"], header.Take(4));
        var rsud = lines.Single(l => l[0] == "RSUD");
        Assert.Equal("62.5", rsud[header.IndexOf($"ikm_{Previous}")]);
        Assert.Equal("87.5", rsud[header.IndexOf($"ikm_{TestUnits.Round}")]);
        Assert.Equal(25m, decimal.Parse(rsud[header.IndexOf("change")], CultureInfo.InvariantCulture));

        // Respondent scores 50 and 75 in equal numbers: variance 187.5 each round; Welch df = 10, t(0.975; 10) = 2.228.
        var margin = 2.228 * Math.Sqrt((187.5 / 6) + (187.5 / 6));
        Assert.Equal(25 - margin, double.Parse(rsud[header.IndexOf("change_low_95")], CultureInfo.InvariantCulture), 0.011);
        Assert.Equal(25 + margin, double.Parse(rsud[header.IndexOf("change_high_95")], CultureInfo.InvariantCulture), 0.011);
        Assert.Equal("naik nyata", rsud[header.IndexOf("verdict")]);
        Assert.Equal("tidak berbeda nyata", lines.Single(l => l[0] == "DINSOS")[header.IndexOf("verdict")]);
        Assert.Equal("ya", rsud[header.IndexOf("below_minimum")]);
    }

    [Fact]
    public async Task ReportTrend_Text_IsTheSameTableInWords_AndPngNeedsAFile()
    {
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(4), round: Previous);
        ReportData.Add(_cli.Database, 2, "RSUD", ReportData.All(3));

        var (exit, stdout, _) = await _cli.RunAsync(null, "report", "trend", "--unit", "RSUD");
        var (pngExit, _, pngError) = await _cli.RunAsync(null, "report", "trend", "--format", "png");
        var file = Path.Combine(_cli.Folder, "tren.png");
        var (fileExit, _, _) = await _cli.RunAsync(null, "report", "trend", "--format", "png", "--out", file);

        Assert.Equal(0, exit);
        Assert.Contains($"ikm_{Previous}: 100,00; ikm_{TestUnits.Round}: 75,00", stdout, StringComparison.Ordinal);
        Assert.Contains("change: -25,00", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("KOTA", stdout, StringComparison.Ordinal);
        Assert.Equal(2, pngExit);
        Assert.Contains("--out", pngError, StringComparison.Ordinal);
        Assert.Equal(0, fileExit);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(file))[..4]);
    }
}

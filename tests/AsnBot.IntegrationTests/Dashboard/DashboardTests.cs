using System.Globalization;
using System.Text;
using AsnBot.Dashboard;
using AsnBot.IntegrationTests.Support;
using AsnBot.Reports.Complaints;
using AsnBot.Reports.Ikm;
using AsnBot.Reports.Trend;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard as a person uses it: the link from /dasbor over the emulator, then Debian's chromium through
/// Playwright. Figures are compared with the IKM report builder (what <c>asnbot report ikm</c> prints) over the same data.
/// </summary>
public sealed class DashboardTests
{
    private const long AdminId = 90_001;
    private const long UnitHeadId = 90_002;
    private const long StrangerId = 90_003;
    private static readonly string[] SeededUnits = ["RSUD", "DINSOS", "DISDUKCAPIL"];

    [Fact]
    public async Task Admin_LogsInWithTheBotsLink_AndEveryPageShowsTheIkmReportsFigures()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings());
        var now = DateTimeOffset.UtcNow;
        DashboardSeed.Write(bot.Database, now);
        var builder = bot.Services.GetRequiredService<IkmReportBuilder>();
        var previous = await builder.BuildAsync(DashboardSeed.PreviousRound, null, null, CancellationToken.None);
        var current = await builder.BuildAsync(DashboardSeed.CurrentRound, null, null, CancellationToken.None);

        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var login = await DashboardBrowser.LogInAsync(page, await DashboardBrowser.LinkAsync(emulator.Resident(AdminId)));
        Assert.Equal(200, login.Status);

        // Ringkasan: both rounds side by side, the change, its interval and what it means.
        await Shown.TextAsync(page.Locator("h1"), "Ringkasan IKM");
        var verdicts = new Dictionary<string, string> { ["RSUD"] = "naik nyata", ["DINSOS"] = "tidak berbeda nyata", ["DISDUKCAPIL"] = "turun nyata" };
        foreach (var code in SeededUnits)
        {
            var before = previous.Units.Single(u => u.Code == code);
            var after = current.Units.Single(u => u.Code == code);
            var row = await DashboardBrowser.RowAsync(page, "ringkasan", code);
            Assert.Equal(Fixed(before.Score!.Ikm), row[2]);
            Assert.Equal(Fixed(after.Score!.Ikm), row[3]);
            Assert.Equal(after.Score.Mutu.Grade, row[4]);
            Assert.StartsWith($"{after.Respondents} / {after.Sample.MinimumSample} ⚠ di bawah minimum", row[5], StringComparison.Ordinal);
            var change = after.Score.Ikm - before.Score.Ikm;
            Assert.Equal((change > 0 ? "+" : string.Empty) + Fixed(change), row[6]);
            var (low, high) = Welch(change, DashboardSeed.Scores(DashboardSeed.PreviousRound, code), DashboardSeed.Scores(DashboardSeed.CurrentRound, code));
            Assert.Equal($"{Fixed(low)} … {Fixed(high)}", row[7]);
            Assert.Equal(verdicts[code], row[8]);
        }

        var city = await DashboardBrowser.RowAsync(page, "ringkasan", IkmReport.CityCode);
        Assert.Equal(Fixed(current.City!.Score!.Ikm), city[3]);
        await DashboardBrowser.ScreenshotAsync(page, "ringkasan");

        await page.ClickAsync("#urut-turun");
        Assert.Equal("DISDUKCAPIL", await page.Locator("#ringkasan tbody tr td:first-child").First.InnerTextAsync());
        await page.ClickAsync("#urut-ikm");
        var lowest = current.Units.Where(u => u.Score is not null).MinBy(u => u.Score!.Ikm)!.Code;
        Assert.Equal(lowest, await page.Locator("#ringkasan tbody tr td:first-child").First.InnerTextAsync());

        // Unit: NRR per element against the previous round, the lowest three, the answers, the days, the suggestions.
        await page.ClickAsync("#ringkasan a[href='/unit/RSUD']");
        var rsudBefore = previous.Units.Single(u => u.Code == "RSUD");
        var rsud = current.Units.Single(u => u.Code == "RSUD");
        foreach (var element in rsud.Elements)
        {
            var row = await DashboardBrowser.RowAsync(page, "unsur", element.Code);
            Assert.Equal(Fixed(rsudBefore.Elements.Single(e => e.Code == element.Code).Nrr!.Value), row[2]);
            Assert.Equal(Fixed(element.Nrr!.Value), row[3]);
        }

        var lowestThree = await page.Locator("#terendah li").AllInnerTextsAsync();
        Assert.Equal(rsud.Lowest.Select(e => e.Code), lowestThree.Select(t => t.Split(' ')[0]));
        var answers = DashboardSeed.Answers[(DashboardSeed.CurrentRound, "RSUD")];
        var u1 = await page.Locator("#sebaran tbody tr").First.Locator("td").AllInnerTextsAsync();
        for (var score = 1; score <= 4; score++)
        {
            Assert.StartsWith(answers.Count(a => a[0] == score).ToString(CultureInfo.InvariantCulture) + " (", u1[score], StringComparison.Ordinal);
        }

        var perDay = await page.Locator("#perhari tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.Equal(rsud.Respondents, perDay.Sum(t => long.Parse(t.Trim(), CultureInfo.InvariantCulture)));
        Assert.Equal(DashboardSeed.Suggestions, await page.Locator("#saran li").AllInnerTextsAsync(), (seeded, shown) => shown.EndsWith(seeded, StringComparison.Ordinal));
        await page.FillAsync("#cari", "petugas");
        await page.ClickAsync("#cari-kirim");
        var found = await page.Locator("#saran li").AllInnerTextsAsync();
        Assert.EndsWith("Petugas ramah sekali", Assert.Single(found), StringComparison.Ordinal);
        await DashboardBrowser.ScreenshotAsync(page, "unit-rsud");

        // Pengaduan: deadline states, the month's first-response share as the report counts it, and the privacy rules.
        await page.GotoAsync(Base(page) + "/pengaduan");
        Assert.Equal(["RSUD", "1", "0", "2", "3"], await DashboardBrowser.RowAsync(page, "sla", "RSUD"));
        Assert.Equal(["DINSOS", "1", "0", "0", "1"], await DashboardBrowser.RowAsync(page, "sla", "DINSOS"));
        var month = DateOnly.FromDateTime(now.AddDays(-30).ToOffset(TimeSpan.FromHours(7)).Date);
        var monthStart = new DateOnly(month.Year, month.Month, 1);
        var figures = await bot.Services.GetRequiredService<ComplaintFiguresBuilder>().BuildAsync(
            "RSUD", new ComplaintPeriod(monthStart, monthStart.AddMonths(1).AddDays(-1)), now, CancellationToken.None);
        var monthColumn = (await page.Locator("#tepat thead th").AllInnerTextsAsync()).ToList().IndexOf(monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.StartsWith(
            $"{ReportNumbers.Fixed(figures.Units["RSUD"].FirstResponseInTimePercent, 0)}% ({figures.Units["RSUD"].FirstResponseInTime}/{figures.Units["RSUD"].FirstResponseDue})",
            (await DashboardBrowser.RowAsync(page, "tepat", "RSUD"))[monthColumn],
            StringComparison.Ordinal);
        var html = await page.ContentAsync();
        Assert.Contains($"ID Telegram {DashboardSeed.IdentifiedReporter}", html, StringComparison.Ordinal);
        Assert.Contains(DashboardSeed.AnonymousText, html, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardSeed.AnonymousReporter.ToString(CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardSeed.ConfidentialNumber, html, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardSeed.ConfidentialText, html, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardSeed.ConfidentialReporter.ToString(CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
        Assert.Contains("+ 1 pengaduan rahasia terbuka (hanya dihitung).", html, StringComparison.Ordinal);
        await DashboardBrowser.ScreenshotAsync(page, "pengaduan");

        // Putaran: respondents per round, the invitation's response rate (the first row: the bot may have added its reminder
        // since), and the CLI's IKM file.
        await page.GotoAsync(Base(page) + "/putaran");
        Assert.Equal(current.Units.Sum(u => u.Respondents).ToString(CultureInfo.InvariantCulture), (await DashboardBrowser.RowAsync(page, "putaran", DashboardSeed.CurrentRound))[6]);
        Assert.Equal(previous.Units.Sum(u => u.Respondents).ToString(CultureInfo.InvariantCulture), (await DashboardBrowser.RowAsync(page, "putaran", DashboardSeed.PreviousRound))[6]);
        Assert.Equal([DashboardSeed.CurrentRound, "undangan", "semua unit", "done", "4", "3", "2", "66,7%"], await DashboardBrowser.RowAsync(page, "siaran", DashboardSeed.CurrentRound));
        var download = await page.APIRequest.GetAsync(Base(page) + $"/unduh/ikm?putaran={DashboardSeed.CurrentRound}&format=csv");
        Assert.Equal(200, download.Status);
        using var expected = new MemoryStream();
        await IkmReportWriter.WriteAsync(await builder.BuildAsync(DashboardSeed.CurrentRound, null, CancellationToken.None), IkmReportFormat.Csv, expected, CancellationToken.None);
        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()), await download.TextAsync());
        await DashboardBrowser.ScreenshotAsync(page, "putaran");

        // The English switch is a form like the others (with its token) and keeps the page.
        await page.ClickAsync("#lang");
        await Shown.TextAsync(page.Locator("h1"), "Rounds");
        await DashboardBrowser.ScreenshotAsync(page, "putaran-en");
    }

    [Fact]
    public async Task UnitHead_SeesOnlyTheirUnit_GetsForbiddenForAnotherUnit_AndNoComplaintRows()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings());
        DashboardSeed.Write(bot.Database, DateTimeOffset.UtcNow);
        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await DashboardBrowser.LogInAsync(page, await DashboardBrowser.LinkAsync(emulator.Resident(UnitHeadId)));

        var units = await page.Locator("#ringkasan tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(["RSUD"], units);
        await DashboardBrowser.ScreenshotAsync(page, "kepala-unit-ringkasan");

        Assert.Equal(200, (await page.GotoAsync(Base(page) + "/unit/RSUD"))!.Status);
        Assert.Equal(403, (await page.GotoAsync(Base(page) + "/unit/DINSOS"))!.Status);
        await DashboardBrowser.ScreenshotAsync(page, "kepala-unit-403");
        Assert.Equal(403, (await page.GotoAsync(Base(page) + "/putaran"))!.Status);
        Assert.Equal(403, (await page.GotoAsync(Base(page) + $"/unduh/ikm?putaran={DashboardSeed.CurrentRound}&format=csv"))!.Status);

        Assert.Equal(200, (await page.GotoAsync(Base(page) + "/pengaduan"))!.Status);
        Assert.Equal(["RSUD", "1", "0", "2", "3"], await DashboardBrowser.RowAsync(page, "sla", "RSUD"));
        Assert.Equal(0, await page.Locator("#sla tbody tr td:first-child:text-is('DINSOS')").CountAsync());
        Assert.Equal(0, await page.Locator("#daftar").CountAsync());
        var html = await page.ContentAsync();
        foreach (var secret in new[] { DashboardSeed.ConfidentialNumber, DashboardSeed.ConfidentialText, DashboardSeed.IdentifiedText, DashboardSeed.AnonymousText, "ADU-2026-IDN01" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }

        await DashboardBrowser.ScreenshotAsync(page, "kepala-unit-pengaduan");
    }

    [Fact]
    public async Task Link_WorksOnce_ExpiresAfterTenMinutes_AndOnlyAdminsAndUnitHeadsGetOne()
    {
        var clock = new ShiftedClock();
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings(), services => services.AddSingleton<TimeProvider>(clock));
        await using var browser = await DashboardBrowser.LaunchAsync();
        var admin = emulator.Resident(AdminId);

        var stranger = emulator.Resident(StrangerId);
        await stranger.SendText("/dasbor");
        await stranger.WaitForText("Mohon maaf, Dasbor hanya untuk admin dan kepala unit yang terdaftar.");
        Assert.DoesNotContain(stranger.Messages, m => m.Text.Contains("/masuk", StringComparison.Ordinal));

        var link = await DashboardBrowser.LinkAsync(admin);
        var first = await browser.NewPageAsync();
        Assert.Equal(200, (await DashboardBrowser.LogInAsync(first, link)).Status);
        var again = await browser.NewPageAsync();
        var used = await DashboardBrowser.LogInAsync(again, link);
        Assert.Equal(403, used.Status);
        await Shown.TextAsync(again.Locator("main p"), "Tautan ini tidak berlaku: sudah dipakai, sudah kedaluwarsa, atau bukan untuk Anda. Kirim /dasbor ke bot untuk tautan baru.");
        await DashboardBrowser.ScreenshotAsync(again, "tautan-terpakai");
        Assert.Equal(401, (await again.GotoAsync(Base(again) + "/"))!.Status);

        var late = await DashboardBrowser.LinkAsync(admin);
        clock.Offset = DashboardOptions.LinkLifetime + TimeSpan.FromSeconds(1);
        var expired = await browser.NewPageAsync();
        Assert.Equal(403, (await DashboardBrowser.LogInAsync(expired, late)).Status);

        var fresh = await DashboardBrowser.LinkAsync(admin);
        clock.Offset += DashboardOptions.LinkLifetime - TimeSpan.FromSeconds(5);
        var inTime = await browser.NewPageAsync();
        Assert.Equal(200, (await DashboardBrowser.LogInAsync(inTime, fresh)).Status);
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Admin:UserIds:0"] = AdminId.ToString(CultureInfo.InvariantCulture),
        ["Dashboard:Enabled"] = "true",
        ["Dashboard:Url"] = "http://127.0.0.1:0",
        [$"Dashboard:UnitHeads:{UnitHeadId}:0"] = "RSUD",
        ["Exports:PseudonymKey"] = "FRO1ZYbC1Yun3Z4WCaihnYcDbZxg0y0C",
    };

    private static string Base(IPage page) => new Uri(page.Url).GetLeftPart(UriPartial.Authority);

    private static string Fixed(decimal value) => ReportNumbers.Fixed(value, 2);

    /// <summary>Welch's interval worked out here from the seeded respondents' scores, apart from the product's code.</summary>
    private static (decimal Low, decimal High) Welch(decimal change, double[] before, double[] after)
    {
        static (double Mean, double Variance) Moments(double[] x)
        {
            var mean = x.Average();
            return (mean, x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
        }

        var (_, v1) = Moments(before);
        var (_, v2) = Moments(after);
        double a = v1 / before.Length, b = v2 / after.Length;
        var degrees = (a + b) * (a + b) / ((a * a / (before.Length - 1)) + (b * b / (after.Length - 1)));
        var margin = (decimal)(WelchInterval.StudentT975(degrees) * Math.Sqrt(a + b));
        return (change - margin, change + margin);
    }
}

/// <summary>Playwright's retrying text check, for a locator that must show exactly this text.</summary>
internal static class Shown
{
    public static Task TextAsync(ILocator locator, string text) => Assertions.Expect(locator).ToHaveTextAsync(text);
}

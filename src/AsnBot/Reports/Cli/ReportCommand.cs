using System.CommandLine;
using System.Text;
using AsnBot.Cli;
using AsnBot.Reports.Complaints;
using AsnBot.Reports.Ikm;
using AsnBot.Reports.Trend;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.Reports.Cli;

/// <summary><c>asnbot report ikm</c>: the official IKM figures per unit and for the city.</summary>
public static class ReportCommand
{
    /// <param name="overrides">Configuration that wins over files and environment (tests use it).</param>
    public static Command Create(IDictionary<string, string?>? overrides = null)
    {
        var round = new Option<string>("--round") { Description = "Survey round, by its code (see: asnbot round list), e.g. semester-ii-2026 (required).", Required = true };
        var unit = new Option<string?>("--unit") { Description = "Only this unit's code; every unit and the whole city when left out." };
        var format = new Option<string>("--format")
        {
            Description = "text (default), csv or xlsx (a row per unit and one for the city), png (bar chart of NRR per element with the A–D bands; the city, or the unit given).",
            DefaultValueFactory = _ => "text",
        }.AcceptOnlyFromAmong("text", "csv", "xlsx", "png");
        var output = new Option<FileInfo?>("--out") { Description = "File to write; text and csv go to standard output without it, xlsx and png need it." };
        var from = CliRunner.DayOption("--from", "Complaint figures only: first day of submission, yyyy-MM-dd or dd-MM-yyyy (WIB). Complaints belong to no round, so without --from/--to every filed complaint counts, whatever the round's days.");
        var to = CliRunner.DayOption("--to", "Complaint figures only: last day of submission, yyyy-MM-dd or dd-MM-yyyy (WIB), inclusive.");

        var ikm = new Command(
            "ikm",
            "IKM per PermenPANRB 14/2017: respondents, NRR per element (sum ÷ those who answered it), NRR × 1/9, SKM value, IKM = SKM × 25 with exact 1/9 weights (two decimals for display), mutu A–D and kinerja, the three lowest elements, Krejcie & Morgan minimum sample (Survey:Units:N:ServiceUsers), units below Reports:MinimumRespondents flagged. The city figure pools all respondents' answers. "
            + "Complaint figures for the same units, filed in --from…--to: count per category and unit, share with a first response within Complaints:FirstResponseWithinWorkingDays working days, "
            + "median working days to first response and to resolution; confidential complaints are counted, never listed.")
        {
            round, unit, format, output, from, to,
        };
        ikm.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, overrides, async (services, stdout) =>
        {
            var unitCode = CliRunner.CheckUnit(services, parse.GetValue(unit));
            var reportFormat = Enum.Parse<IkmReportFormat>(parse.GetRequiredValue(format), ignoreCase: true);
            var target = parse.GetValue(output);
            if (target is null && reportFormat is IkmReportFormat.Xlsx or IkmReportFormat.Png)
            {
                throw new CliException($"--format {reportFormat.ToString().ToLowerInvariant()} needs --out <file>");
            }

            var period = new ComplaintPeriod(parse.GetValue(from), parse.GetValue(to));
            if (period.From > period.To)
            {
                throw new CliException("--from is after --to");
            }

            var roundCode = await CliRunner.CheckRoundAsync(services, parse.GetRequiredValue(round), cancellationToken);

            var report = await services.GetRequiredService<IkmReportBuilder>().BuildAsync(
                roundCode, unitCode, period, cancellationToken);
            if (target is null)
            {
                using var buffer = new MemoryStream();
                await IkmReportWriter.WriteAsync(report, reportFormat, buffer, cancellationToken);
                await stdout.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray()));
                return 0;
            }

            await CliRunner.WriteFileAsync(target, stream => IkmReportWriter.WriteAsync(report, reportFormat, stream, cancellationToken));
            await stdout.WriteLineAsync($"IKM report ({reportFormat.ToString().ToLowerInvariant()}) written to {target.FullName}");
            return 0;
        }));

        return new Command("report", "Reports for the city's analysts.") { ikm, Trend(overrides) };
    }

    /// <summary><c>asnbot report trend</c>: the dashboard's Ringkasan table, from the same code.</summary>
    private static Command Trend(IDictionary<string, string?>? overrides)
    {
        var unit = new Option<string?>("--unit") { Description = "Only this unit's code; every unit and the whole city when left out." };
        var format = new Option<string>("--format")
        {
            Description = "text (default), csv or xlsx (a row per unit, then the city), png (IKM per round, a line per unit).",
            DefaultValueFactory = _ => "text",
        }.AcceptOnlyFromAmong("text", "csv", "xlsx", "png");
        var output = new Option<FileInfo?>("--out") { Description = "File to write; text and csv go to standard output without it, xlsx and png need it." };
        var trend = new Command(
            "trend",
            "IKM per unit for every round that has opened, side by side (the IKM report's formula), the current round's respondents against the Krejcie & Morgan minimum, "
            + "and the change since the previous round with a 95% Welch interval from the respondents' own scores: 'tidak berbeda nyata' when it covers zero.")
        {
            unit, format, output,
        };
        trend.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, overrides, async (services, stdout) =>
        {
            var unitCode = CliRunner.CheckUnit(services, parse.GetValue(unit));
            var reportFormat = Enum.Parse<IkmReportFormat>(parse.GetRequiredValue(format), ignoreCase: true);
            var target = parse.GetValue(output);
            if (target is null && reportFormat is IkmReportFormat.Xlsx or IkmReportFormat.Png)
            {
                throw new CliException($"--format {reportFormat.ToString().ToLowerInvariant()} needs --out <file>");
            }

            var report = await services.GetRequiredService<TrendBuilder>().BuildAsync(unitCode, cancellationToken);
            if (target is null)
            {
                using var buffer = new MemoryStream();
                await TrendWriter.WriteAsync(report, reportFormat, buffer, cancellationToken);
                await stdout.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray()));
                return 0;
            }

            await CliRunner.WriteFileAsync(target, stream => TrendWriter.WriteAsync(report, reportFormat, stream, cancellationToken));
            await stdout.WriteLineAsync($"IKM trend ({reportFormat.ToString().ToLowerInvariant()}) written to {target.FullName}");
            return 0;
        }));
        return trend;
    }
}

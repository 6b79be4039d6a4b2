using System.CommandLine;
using System.Text;
using AsnBot.Reports.Ikm;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.Reports.Cli;

/// <summary><c>asnbot report ikm</c>: the official IKM figures per unit and for the city.</summary>
public static class ReportCommand
{
    /// <param name="overrides">Configuration that wins over files and environment (tests use it).</param>
    public static Command Create(IDictionary<string, string?>? overrides = null)
    {
        var round = new Option<string>("--round") { Description = "Survey round, e.g. 2026-S2 (required).", Required = true };
        var unit = new Option<string?>("--unit") { Description = "Only this unit's code; every unit and the whole city when left out." };
        var format = new Option<string>("--format")
        {
            Description = "text (default), csv or xlsx (a row per unit and one for the city), png (bar chart of NRR per element with the A–D bands; the city, or the unit given).",
            DefaultValueFactory = _ => "text",
        }.AcceptOnlyFromAmong("text", "csv", "xlsx", "png");
        var output = new Option<FileInfo?>("--out") { Description = "File to write; text and csv go to standard output without it, xlsx and png need it." };

        var ikm = new Command(
            "ikm",
            "IKM per PermenPANRB 14/2017: respondents, NRR per element (sum ÷ those who answered it), NRR × 1/9, SKM value, IKM = SKM × 25 with exact 1/9 weights (two decimals for display), mutu A–D and kinerja, the three lowest elements, Krejcie & Morgan minimum sample (Survey:Units:N:ServiceUsers), units below Reports:MinimumRespondents flagged. The city figure pools all respondents' answers.")
        {
            round, unit, format, output,
        };
        ikm.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, overrides, async (services, stdout) =>
        {
            CliRunner.CheckUnit(services, parse.GetValue(unit));
            var reportFormat = Enum.Parse<IkmReportFormat>(parse.GetRequiredValue(format), ignoreCase: true);
            var target = parse.GetValue(output);
            if (target is null && reportFormat is IkmReportFormat.Xlsx or IkmReportFormat.Png)
            {
                throw new CliException($"--format {reportFormat.ToString().ToLowerInvariant()} needs --out <file>");
            }

            var report = await services.GetRequiredService<IkmReportBuilder>().BuildAsync(
                parse.GetRequiredValue(round), parse.GetValue(unit), cancellationToken);
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

        return new Command("report", "Reports for the city's analysts.") { ikm };
    }
}

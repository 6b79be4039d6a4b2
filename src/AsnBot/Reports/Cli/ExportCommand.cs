using System.CommandLine;
using AsnBot.Cli;
using AsnBot.Reports.Export;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.Reports.Cli;

/// <summary><c>asnbot export responses|complaints</c>: survey responses and complaints for analysts (Excel, SPSS, R), pseudonymous.</summary>
public static class ExportCommand
{
    /// <param name="overrides">Configuration that wins over files and environment (tests use it).</param>
    public static Command Create(IDictionary<string, string?>? overrides = null)
    {
        var round = new Option<string>("--round") { Description = "Survey round to export, by its code (see: asnbot round list), e.g. semester-ii-2026 (required).", Required = true };
        var unit = new Option<string?>("--unit") { Description = "Only this unit's code (see Survey:Units); all units when left out." };
        var from = CliRunner.DayOption("--from", "First day, yyyy-MM-dd or dd-MM-yyyy, in Exports:TimeZone (WIB by default); by submission time, start time for drafts.");
        var to = CliRunner.DayOption("--to", "Last day, yyyy-MM-dd or dd-MM-yyyy, inclusive.");
        var format = new Option<string>("--format")
        {
            Description = "csv (UTF-8, comma, CRLF), xlsx (responses sheet plus a 'kamus data' data-dictionary sheet) or json (JSON lines, one object per response).",
            DefaultValueFactory = _ => "csv",
        }.AcceptOnlyFromAmong("csv", "xlsx", "json");
        var output = new Option<FileInfo>("--out") { Description = "File to write; replaced only once the export is complete.", Required = true };
        var labels = new Option<bool>("--labels") { Description = "Add a column with the Indonesian label after each coded column (unit, service, AGE … U9)." };
        var partial = new Option<bool>("--include-partial") { Description = "Include unfinished surveys (drafts); the status column says draft or submitted." };
        var bom = new Option<bool>("--bom") { Description = "CSV only: start with a UTF-8 byte order mark so Excel shows Indonesian text correctly." };

        var responses = new Command(
            "responses",
            "One row per response: response_id, respondent (keyed pseudonym, never a Telegram id; needs Exports:PseudonymKey), round, unit, service, submitted_at (ISO 8601 with offset), AGE SEX EDU JOB, U1…U9 (1–4), SARAN, survey_id, survey_version, status. Text cells starting with = + - @ tab or CR get a leading ' in CSV and XLSX.")
        {
            round, unit, from, to, format, output, labels, partial, bom,
        };
        responses.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, overrides, async (services, stdout) =>
        {
            var query = new ExportQuery
            {
                Round = await CliRunner.CheckRoundAsync(services, parse.GetRequiredValue(round), cancellationToken),
                Unit = CliRunner.CheckUnit(services, parse.GetValue(unit)),
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                IncludePartial = parse.GetValue(partial),
            };
            if (query.From > query.To)
            {
                throw new CliException("--from is after --to");
            }

            var type = Enum.Parse<ExportFileType>(parse.GetRequiredValue(format), ignoreCase: true);
            var exportFormat = new ExportFormat(type, parse.GetValue(labels), parse.GetValue(bom));
            var exporter = services.GetRequiredService<ResponseExporter>();
            var target = parse.GetRequiredValue(output);
            long rows = 0;
            await CliRunner.WriteFileAsync(target, async stream => rows = await exporter.ExportAsync(query, exportFormat, stream, cancellationToken));
            await stdout.WriteLineAsync($"{CliRunner.Count(rows, "response", "responses")} written to {target.FullName}");
            return 0;
        }));

        return new Command("export", "Export data for analysts.") { responses, ComplaintExportCommand.Create(overrides) };
    }
}

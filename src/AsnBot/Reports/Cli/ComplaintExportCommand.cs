using System.CommandLine;
using AsnBot.Cli;
using AsnBot.Reports.Complaints;
using AsnBot.Reports.Export;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.Reports.Cli;

/// <summary><c>asnbot export complaints</c>: filed complaints and their audit trail for analysts, pseudonymous.</summary>
internal static class ComplaintExportCommand
{
    public static Command Create(IDictionary<string, string?>? overrides)
    {
        var unit = new Option<string?>("--unit") { Description = "Only complaints about this unit's code (see Survey:Units); all units when left out." };
        var from = CliRunner.DayOption("--from", "First day of submission, yyyy-MM-dd or dd-MM-yyyy, in Exports:TimeZone (WIB by default). Complaints have no round: the period is by submitted_at.");
        var to = CliRunner.DayOption("--to", "Last day of submission, yyyy-MM-dd or dd-MM-yyyy, inclusive.");
        var format = new Option<string>("--format")
        {
            Description = "csv (UTF-8, comma, CRLF), xlsx (sheets 'complaints', 'events' and 'kamus data') or json (JSON lines, one object per complaint).",
            DefaultValueFactory = _ => "csv",
        }.AcceptOnlyFromAmong("csv", "xlsx", "json");
        var output = new Option<FileInfo>("--out") { Description = "File to write; replaced only once the export is complete.", Required = true };
        var labels = new Option<bool>("--labels") { Description = "Add category_label, unit_label and status_label (Indonesian) after the coded columns." };
        var events = new Option<bool>("--events") { Description = "csv and json: write the audit trail of the selected complaints instead (tracking_no, at, actor, from_status, to_status, note); xlsx always has it as the 'events' sheet." };
        var bom = new Option<bool>("--bom") { Description = "CSV only: start with a UTF-8 byte order mark so Excel shows Indonesian text correctly." };

        var complaints = new Command(
            "complaints",
            "One row per filed complaint (never drafts): tracking_no, reporter, category, unit, status, privacy, submitted_at, first_response_at, resolved_at (ISO 8601 with offset), "
            + "first_response_due, working_days_to_first_response, first_response_in_time, working_days_to_resolution, reopened, duplicate_of, photo_count, has_location, description. "
            + "reporter is the keyed pseudonym (as in export responses; needs Exports:PseudonymKey) for identified complaints only, empty for anonymous and confidential ones; "
            + "confidential (rahasia) complaints have no description and no event notes; coordinates are never exported. Text cells starting with = + - @ tab or CR get a leading ' in CSV and XLSX.")
        {
            unit, from, to, format, output, labels, events, bom,
        };
        complaints.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, overrides, async (services, stdout) =>
        {
            var query = new ComplaintExportQuery
            {
                Unit = CliRunner.CheckUnit(services, parse.GetValue(unit)),
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Events = parse.GetValue(events),
            };
            if (query.From > query.To)
            {
                throw new CliException("--from is after --to");
            }

            var type = Enum.Parse<ExportFileType>(parse.GetRequiredValue(format), ignoreCase: true);
            var exporter = services.GetRequiredService<ComplaintExporter>();
            var target = parse.GetRequiredValue(output);
            long rows = 0;
            await CliRunner.WriteFileAsync(target, async stream =>
                rows = await exporter.ExportAsync(query, new ExportFormat(type, parse.GetValue(labels), parse.GetValue(bom)), stream, cancellationToken));
            var what = query.Events && type != ExportFileType.Xlsx
                ? CliRunner.Count(rows, "complaint event", "complaint events")
                : CliRunner.Count(rows, "complaint", "complaints");
            await stdout.WriteLineAsync($"{what} written to {target.FullName}");
            return 0;
        }));

        return complaints;
    }
}

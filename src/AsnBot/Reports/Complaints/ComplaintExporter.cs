using AsnBot.Complaints;
using AsnBot.Data.Reports;
using AsnBot.Privacy;
using AsnBot.Reports.Export;
using AsnBot.Survey;
using AsnBot.Texts;
using Microsoft.Extensions.Options;

namespace AsnBot.Reports.Complaints;

/// <summary>Which complaints to export: filed ones (never drafts), by calendar days of submission in Exports:TimeZone, both inclusive.</summary>
public sealed record ComplaintExportQuery
{
    public string? Unit { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>CSV and JSON: write the audit trail of the selected complaints instead of the complaints. XLSX always has both sheets.</summary>
    public bool Events { get; init; }
}

/// <summary>
/// Streams filed complaints (and their audit trail) to CSV, XLSX or JSON lines with the same writers,
/// formula guard and pseudonyms as the response export. What an analyst may see of each complaint is
/// decided in <see cref="ComplaintExportLayout"/>.
/// </summary>
public sealed class ComplaintExporter(
    IComplaintReportStore store,
    IOptions<ComplaintOptions> complaintOptions,
    IOptions<SurveyOptions> surveyOptions,
    IOptions<ExportsOptions> exportsOptions,
    TextCatalog texts,
    TimeProvider clock)
{
    public const string ComplaintsSheet = "complaints";
    public const string EventsSheet = "events";

    /// <returns>The number of rows written to the first (or only) table: complaints, or events with <see cref="ComplaintExportQuery.Events"/> in CSV and JSON.</returns>
    public async Task<long> ExportAsync(ComplaintExportQuery query, ExportFormat format, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(format);
        var options = exportsOptions.Value;
        var zone = ExportsOptionsValidator.TryFindZone(options.TimeZone)!;
        var pseudonyms = new Pseudonymizer(options.PseudonymKey!);
        var layout = new ComplaintExportLayout(complaintOptions.Value, surveyOptions.Value.Units, texts, zone, format.Labels);
        var filter = new ComplaintFilter
        {
            UnitCode = query.Unit,
            From = query.From is { } from ? StartOfDay(from, zone) : null,
            To = query.To is { } to ? StartOfDay(to.AddDays(1), zone) : null,
        };
        var now = clock.GetUtcNow();

        await using var writer = Create(format, output);
        long count = 0;
        if (query.Events && format.Type != ExportFileType.Xlsx)
        {
            await writer.WriteHeaderAsync(layout.EventColumns, cancellationToken);
            await foreach (var e in store.ReadEventsAsync(filter, cancellationToken))
            {
                await writer.WriteRowAsync(layout.EventRow(e), cancellationToken);
                count++;
            }
        }
        else
        {
            await writer.WriteHeaderAsync(layout.Columns, cancellationToken);
            await foreach (var complaint in store.ReadComplaintsAsync(filter, cancellationToken))
            {
                await writer.WriteRowAsync(layout.Row(complaint, pseudonyms, now), cancellationToken);
                count++;
            }

            if (writer is XlsxExportWriter xlsx)
            {
                await xlsx.StartSheetAsync(EventsSheet, layout.EventColumns, cancellationToken);
                await foreach (var e in store.ReadEventsAsync(filter, cancellationToken))
                {
                    await xlsx.WriteRowAsync(layout.EventRow(e), cancellationToken);
                }
            }
        }

        await writer.CompleteAsync(cancellationToken);
        return count;
    }

    private IExportWriter Create(ExportFormat format, Stream output) => format.Type switch
    {
        ExportFileType.Csv => new CsvExportWriter(output, format.Bom),
        ExportFileType.Xlsx => new XlsxExportWriter(output, ComplaintsSheet, ComplaintDictionary.Rows(complaintOptions.Value, texts)),
        ExportFileType.Json => new JsonLinesExportWriter(output),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format.Type, "Unknown export format."),
    };

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

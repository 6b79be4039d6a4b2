using AsnBot.Data.Reports;
using AsnBot.Privacy;
using AsnBot.Survey;
using Microsoft.Extensions.Options;

namespace AsnBot.Reports.Export;

/// <summary>
/// Streams survey responses to CSV, XLSX or JSON lines: one forward-only query, each row written as it
/// is read, so memory stays flat however many responses there are. Respondents appear only as keyed
/// pseudonyms. Callable from the CLI and (later) from Telegram with any writable stream.
/// </summary>
public sealed class ResponseExporter(
    IReportStore store,
    SurveyDefinition survey,
    IOptions<SurveyOptions> surveyOptions,
    IOptions<ExportsOptions> exportsOptions)
{
    /// <returns>The number of responses written.</returns>
    public async Task<long> ExportAsync(ExportQuery query, ExportFormat format, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(format);
        var options = exportsOptions.Value;
        var zone = ExportsOptionsValidator.TryFindZone(options.TimeZone)!;
        var pseudonyms = new Pseudonymizer(options.PseudonymKey!);
        var layout = new ExportLayout(survey, surveyOptions.Value.Units, zone, format.Labels);
        var filter = new ExportFilter
        {
            RoundCode = query.Round,
            UnitCode = query.Unit,
            From = query.From is { } from ? StartOfDay(from, zone) : null,
            To = query.To is { } to ? StartOfDay(to.AddDays(1), zone) : null,
            IncludeDrafts = query.IncludePartial,
        };

        await using var writer = Create(format, output);
        await writer.WriteHeaderAsync(layout.Columns, cancellationToken);
        long count = 0;
        await foreach (var response in store.ReadResponsesAsync(filter, cancellationToken))
        {
            await writer.WriteRowAsync(layout.Row(response, pseudonyms.For(response.Response.ResidentId, response.Response.Id)), cancellationToken);
            count++;
        }

        await writer.CompleteAsync(cancellationToken);
        return count;
    }

    private IExportWriter Create(ExportFormat format, Stream output) => format.Type switch
    {
        ExportFileType.Csv => new CsvExportWriter(output, format.Bom),
        ExportFileType.Xlsx => new XlsxExportWriter(output, survey),
        ExportFileType.Json => new JsonLinesExportWriter(output),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format.Type, "Unknown export format."),
    };

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

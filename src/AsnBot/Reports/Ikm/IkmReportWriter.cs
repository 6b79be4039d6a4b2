using System.Text;
using CsvHelper;
using SpreadCheetah;
using SpreadCheetah.Styling;

namespace AsnBot.Reports.Ikm;

public enum IkmReportFormat
{
    Text,
    Csv,
    Xlsx,
    Png,
}

/// <summary>Writes an <see cref="IkmReport"/> to any stream: a file for the CLI, a document for Telegram later.</summary>
public static class IkmReportWriter
{
    public static async Task WriteAsync(IkmReport report, IkmReportFormat format, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case IkmReportFormat.Text:
                var text = Encoding.UTF8.GetBytes(IkmTextRenderer.Render(report));
                await output.WriteAsync(text, cancellationToken);
                break;
            case IkmReportFormat.Csv:
                await WriteCsvAsync(report, output, cancellationToken);
                break;
            case IkmReportFormat.Xlsx:
                await WriteXlsxAsync(report, output, cancellationToken);
                break;
            case IkmReportFormat.Png:
                await output.WriteAsync(IkmChartRenderer.Render(report), cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format.");
        }

        await output.FlushAsync(cancellationToken);
    }

    private static async Task WriteCsvAsync(IkmReport report, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions(), leaveOpen: true);
        foreach (var row in IkmTable.Rows(report).Prepend([.. IkmTable.Header(report)]))
        {
            foreach (var value in row)
            {
                csv.WriteField(IkmTable.Format(value));
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static async Task WriteXlsxAsync(IkmReport report, Stream output, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        await spreadsheet.StartWorksheetAsync("IKM", new SpreadCheetah.Worksheets.WorksheetOptions { FrozenRows = 1 }, cancellationToken);
        await spreadsheet.AddHeaderRowAsync([.. IkmTable.Header(report)], bold, cancellationToken);
        foreach (var row in IkmTable.Rows(report))
        {
            await spreadsheet.AddRowAsync([.. row.Select(Cell)], cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }

    private static DataCell Cell(object? value) => value switch
    {
        null => new DataCell((string?)null),
        long number => new DataCell(number),
        int number => new DataCell(number),
        decimal number => new DataCell(number),
        _ => new DataCell(Export.FormulaGuard.Neutralise(value.ToString())),
    };
}

using System.Globalization;
using CsvHelper;
using SpreadCheetah;
using SpreadCheetah.Styling;

namespace AsnBot.Reports;

/// <summary>A report table (header, rows of numbers and text) as CSV or XLSX: numbers stay numbers.</summary>
internal static class TableFile
{
    public static async Task WriteCsvAsync(IReadOnlyList<string> header, IEnumerable<object?[]> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions(), leaveOpen: true);
        foreach (var row in rows.Prepend([.. header]))
        {
            foreach (var value in row)
            {
                csv.WriteField(Format(value));
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    public static async Task WriteXlsxAsync(
        string sheet, IReadOnlyList<string> header, IEnumerable<object?[]> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        await spreadsheet.StartWorksheetAsync(sheet, new SpreadCheetah.Worksheets.WorksheetOptions { FrozenRows = 1 }, cancellationToken);
        await spreadsheet.AddHeaderRowAsync([.. header], bold, cancellationToken);
        foreach (var row in rows)
        {
            await spreadsheet.AddRowAsync([.. row.Select(Cell)], cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }

    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static DataCell Cell(object? value) => value switch
    {
        null => new DataCell((string?)null),
        long number => new DataCell(number),
        int number => new DataCell(number),
        decimal number => new DataCell(number),
        _ => new DataCell(Export.FormulaGuard.Neutralise(value.ToString())),
    };
}

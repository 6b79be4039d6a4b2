using System.Globalization;
using CsvHelper;

namespace AsnBot.Reports.Export;

/// <summary>RFC 4180 CSV in UTF-8 (optionally with a BOM), comma separated, CRLF, text cells guarded against formulas.</summary>
internal sealed class CsvExportWriter(Stream output, bool bom) : IExportWriter
{
    // FormulaGuard neutralises text for CSV and XLSX alike, so CsvHelper's own injection handling stays off.
    private readonly CsvWriter _csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = bom }, leaveOpen: true);

    public async Task WriteHeaderAsync(IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        foreach (var column in columns)
        {
            _csv.WriteField(column);
        }

        await _csv.EndRecordAsync(cancellationToken);
    }

    public async Task WriteRowAsync(object?[] values, CancellationToken cancellationToken)
    {
        foreach (var value in values)
        {
            _csv.WriteField(value switch
            {
                null => string.Empty,
                string text => FormulaGuard.Neutralise(text),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            });
        }

        await _csv.EndRecordAsync(cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken) => await _csv.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}

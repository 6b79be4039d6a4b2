using AsnBot.Survey;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace AsnBot.Reports.Export;

/// <summary>
/// XLSX written forward-only: the first sheet ("responses", "complaints") row by row, any further sheet
/// the same way, then the "kamus data" (data dictionary) sheet. Numbers stay numbers; text cells are
/// guarded against formulas.
/// </summary>
internal sealed class XlsxExportWriter(Stream output, string sheet, IEnumerable<string[]> dictionary) : IExportWriter
{
    public const string ResponsesSheet = "responses";
    public const string DictionarySheet = "kamus data";

    private Spreadsheet? _spreadsheet;
    private StyleId? _bold;
    private DataCell[] _cells = [];

    /// <summary>A response export: the "responses" sheet and the survey's data dictionary.</summary>
    public XlsxExportWriter(Stream output, SurveyDefinition survey)
        : this(output, ResponsesSheet, DataDictionary.Rows(survey))
    {
    }

    public async Task WriteHeaderAsync(IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        _spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        _bold = _spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        await StartSheetAsync(sheet, columns, cancellationToken);
    }

    /// <summary>Ends the current sheet and starts another with its own header.</summary>
    public async Task StartSheetAsync(string name, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        await Sheet.StartWorksheetAsync(name, new WorksheetOptions { FrozenRows = 1 }, cancellationToken);
        await Sheet.AddHeaderRowAsync([.. columns], _bold, cancellationToken);
        _cells = new DataCell[columns.Count];
    }

    public async Task WriteRowAsync(object?[] values, CancellationToken cancellationToken)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _cells[i] = values[i] switch
            {
                null => new DataCell((string?)null),
                long number => new DataCell(number),
                int number => new DataCell(number),
                decimal number => new DataCell(number),
                var other => new DataCell(FormulaGuard.Neutralise(other.ToString())),
            };
        }

        await Sheet.AddRowAsync(_cells, cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await Sheet.StartWorksheetAsync(DictionarySheet, new WorksheetOptions { FrozenRows = 1 }, cancellationToken);
        await Sheet.AddHeaderRowAsync(DataDictionary.Header, _bold, cancellationToken);
        foreach (var row in dictionary)
        {
            await Sheet.AddRowAsync([.. row.Select(v => new DataCell(FormulaGuard.Neutralise(v)))], cancellationToken);
        }

        await Sheet.FinishAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _spreadsheet?.DisposeAsync() ?? ValueTask.CompletedTask;

    private Spreadsheet Sheet => _spreadsheet ?? throw new InvalidOperationException("The header was not written.");
}

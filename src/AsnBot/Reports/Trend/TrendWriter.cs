using System.Globalization;
using System.Text;
using AsnBot.Reports.Ikm;

namespace AsnBot.Reports.Trend;

/// <summary>Writes a <see cref="TrendReport"/> as text, csv, xlsx or png (the same formats as the IKM report).</summary>
public static class TrendWriter
{
    public static async Task WriteAsync(TrendReport report, IkmReportFormat format, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case IkmReportFormat.Text:
                await output.WriteAsync(Encoding.UTF8.GetBytes(Text(report)), cancellationToken);
                break;
            case IkmReportFormat.Csv:
                await TableFile.WriteCsvAsync(TrendTable.Header(report), TrendTable.Rows(report), output, cancellationToken);
                break;
            case IkmReportFormat.Xlsx:
                await TableFile.WriteXlsxAsync("Tren IKM", TrendTable.Header(report), TrendTable.Rows(report), output, cancellationToken);
                break;
            case IkmReportFormat.Png:
                await output.WriteAsync(TrendChart.Png(report), cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format.");
        }

        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Bahasa Indonesia, a line per unit: IKM per round, then the change and its interval.</summary>
    public static string Text(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("Tren IKM per putaran: ").AppendJoin(" → ", report.Rounds.Select(r => $"{r.Name} ({r.Code})")).Append('\n');
        text.Append("Cara hitung: ").Append(IkmTable.Convention).Append("; ").Append(TrendTable.Method).Append(".\n");
        var header = TrendTable.Header(report);
        foreach (var row in TrendTable.Rows(report))
        {
            text.Append('\n');
            text.AppendJoin("; ", header.Zip(row).Skip(1).Select(p => $"{p.First}: {Show(p.Second)}"));
            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Show(object? value) => value switch
    {
        null => "-",
        decimal d => ReportNumbers.Fixed(d, 2),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };
}

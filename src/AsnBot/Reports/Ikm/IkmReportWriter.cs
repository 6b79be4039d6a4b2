using System.Text;

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

    private static Task WriteCsvAsync(IkmReport report, Stream output, CancellationToken cancellationToken) =>
        TableFile.WriteCsvAsync(IkmTable.Header(report), IkmTable.Rows(report), output, cancellationToken);

    private static Task WriteXlsxAsync(IkmReport report, Stream output, CancellationToken cancellationToken) =>
        TableFile.WriteXlsxAsync("IKM", IkmTable.Header(report), IkmTable.Rows(report), output, cancellationToken);
}

using AsnBot.Reports.Complaints;
using AsnBot.Reports.Export;
using AsnBot.Reports.Ikm;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsnBot.Dashboard;

/// <summary>The CLI's files from the browser (admins): the IKM report, the response export and the complaint export.</summary>
internal static class Downloads
{
    public static string Links(string round)
    {
        var r = Uri.EscapeDataString(round);
        return $"<a href=\"/unduh/ikm?putaran={r}&amp;format=xlsx\">IKM xlsx</a> · <a href=\"/unduh/ikm?putaran={r}&amp;format=csv\">IKM csv</a> · "
            + $"<a href=\"/unduh/ikm?putaran={r}&amp;format=png\">IKM png</a> · <a href=\"/unduh/ekspor?putaran={r}&amp;format=csv\">SKM csv</a> · "
            + $"<a href=\"/unduh/ekspor?putaran={r}&amp;format=xlsx\">SKM xlsx</a>";
    }

    public static string ComplaintLinks() =>
        "<p><a href=\"/unduh/pengaduan?format=csv\">pengaduan.csv</a> · <a href=\"/unduh/pengaduan?format=xlsx\">pengaduan.xlsx</a></p>";

    public static async Task<IResult> SendAsync(
        Page page, IServiceProvider services, string kind, string? round, string? format, CancellationToken cancellationToken)
    {
        try
        {
            return await FileAsync(page, services, kind, round, format, cancellationToken);
        }
        catch (OptionsValidationException)
        {
            // Exports need Exports:PseudonymKey; the bot runs without one.
            return page.Paragraph(page.T("dash.download.noKey")).Result(page.T("dash.nav.rounds"), StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> FileAsync(
        Page page, IServiceProvider services, string kind, string? round, string? format, CancellationToken cancellationToken)
    {
        var known = (await services.GetRequiredService<Data.Reports.IReportStore>().RoundsAsync(cancellationToken)).Select(r => r.Code);
        var buffer = new MemoryStream();
        string name;
        switch (kind, format)
        {
            case ("ikm", "xlsx" or "csv" or "png" or "text") when round is not null && known.Contains(round, StringComparer.Ordinal):
                var report = await services.GetRequiredService<IkmReportBuilder>().BuildAsync(round, null, cancellationToken);
                await IkmReportWriter.WriteAsync(report, Enum.Parse<IkmReportFormat>(format, ignoreCase: true), buffer, cancellationToken);
                name = $"ikm-{round}.{(format == "text" ? "txt" : format)}";
                break;
            case ("ekspor", "csv" or "xlsx") when round is not null && known.Contains(round, StringComparer.Ordinal):
                await services.GetRequiredService<ResponseExporter>().ExportAsync(
                    new ExportQuery { Round = round }, new ExportFormat(Enum.Parse<ExportFileType>(format, ignoreCase: true)), buffer, cancellationToken);
                name = $"skm-{round}.{format}";
                break;
            case ("pengaduan", "csv" or "xlsx"):
                await services.GetRequiredService<ComplaintExporter>().ExportAsync(
                    new ComplaintExportQuery(), new ExportFormat(Enum.Parse<ExportFileType>(format, ignoreCase: true)), buffer, cancellationToken);
                name = $"pengaduan.{format}";
                break;
            default:
                return page.Paragraph(page.T("dash.download.unknown")).Result(page.T("dash.nav.rounds"), StatusCodes.Status404NotFound);
        }

        buffer.Position = 0;
        return Results.File(buffer, ContentType(name), name);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".csv" => "text/csv; charset=utf-8",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".png" => "image/png",
        _ => "text/plain; charset=utf-8",
    };
}

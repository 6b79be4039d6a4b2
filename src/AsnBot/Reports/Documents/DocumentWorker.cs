using System.Text;
using AsnBot.Data;
using AsnBot.Data.Cluster;
using AsnBot.Data.Documents;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Reports.Complaints;
using AsnBot.Reports.Export;
using AsnBot.Reports.Ikm;
using AsnBot.Texts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsnBot.Reports.Documents;

/// <summary>
/// Makes the exports and reports admins ask for in Telegram (/ekspor, /laporan) outside the update
/// path, then queues them as files. A failure is answered in the chat and logged; nothing is retried
/// endlessly. One instance of a cluster makes them.
/// </summary>
public sealed partial class DocumentWorker(
    IDatabase database,
    InboundProcessor processor,
    ResponseExporter exporter,
    ComplaintExporter complaints,
    IkmReportBuilder reports,
    TextCatalog texts,
    IOptions<StorageOptions> storage,
    DutyOwner owner,
    TimeProvider time,
    ILogger<DocumentWorker> logger) : PeriodicWorker(TimeSpan.FromSeconds(1), time, logger, (owner, Duty.DocumentJobs))
{
    /// <summary>A report this short is sent as a message; a longer one as a text file.</summary>
    private const int MessageLimit = 3500;

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DocumentJobRow> jobs;
        using (var connection = database.Connect())
        {
            jobs = connection.DocumentJobs.Pending();
        }

        foreach (var job in jobs)
        {
            await RunAsync(job, cancellationToken);
        }
    }

    private async Task RunAsync(DocumentJobRow job, CancellationToken cancellationToken)
    {
        IReadOnlyList<Outbound> replies;
        var status = "done";
        try
        {
            replies = job.Kind switch
            {
                DocumentJobKind.Export => await ExportAsync(job, cancellationToken),
                DocumentJobKind.Complaints => await ExportComplaintsAsync(job, cancellationToken),
                _ => await ReportAsync(job, cancellationToken),
            };
        }
        catch (OptionsValidationException ex)
        {
            CleanUp(job);
            status = "failed";
            replies = [new SendText(job.ChatId, texts.Format(Language.Id, "admin.exportNotConfigured", string.Join(" ", ex.Failures)))];
        }
        catch (Exception ex) when (ex is not OperationCanceledException && database.Classify(ex) is null)
        {
            LogFailed(logger, ex, job.Id);
            CleanUp(job);
            status = "failed";
            replies = [new SendText(job.ChatId, texts.Get(Language.Id, "admin.documentFailed"))];
        }

        processor.Run((work, now) => work.DocumentJobs.Finish(job.Id, status, now) ? replies : []);
    }

    private Task<IReadOnlyList<Outbound>> ExportAsync(DocumentJobRow job, CancellationToken cancellationToken) =>
        ExportFileAsync(job, $"skm-{job.RoundCode}{Suffix(job)}", "admin.exportCaption", (format, file) => exporter.ExportAsync(
            new ExportQuery { Round = job.RoundCode, Unit = job.UnitCode }, format, file, cancellationToken));

    private Task<IReadOnlyList<Outbound>> ExportComplaintsAsync(DocumentJobRow job, CancellationToken cancellationToken) =>
        ExportFileAsync(job, $"pengaduan{Suffix(job)}", "admin.complaintExportCaption", (format, file) => complaints.ExportAsync(
            new ComplaintExportQuery { Unit = job.UnitCode }, format, file, cancellationToken));

    private async Task<IReadOnlyList<Outbound>> ExportFileAsync(DocumentJobRow job, string fileName, string captionKey, Func<ExportFormat, Stream, Task<long>> write)
    {
        var type = job.Format switch { "csv" => ExportFileType.Csv, "json" => ExportFileType.Json, _ => ExportFileType.Xlsx };
        var extension = type == ExportFileType.Json ? "jsonl" : job.Format;
        var path = FilePath(job, extension);
        long rows;
        await using (var file = PrivateFiles.Create(path, useAsync: true))
        {
            rows = await write(new ExportFormat(type, Labels: true, Bom: type == ExportFileType.Csv), file);
        }

        var caption = texts.Format(Language.Id, captionKey, job.RoundCode, rows);
        return [new SendDocument(job.ChatId, path, $"{fileName}.{extension}", caption)];
    }

    private async Task<IReadOnlyList<Outbound>> ReportAsync(DocumentJobRow job, CancellationToken cancellationToken)
    {
        var report = await reports.BuildAsync(job.RoundCode, job.UnitCode, cancellationToken);
        using var text = new MemoryStream();
        await IkmReportWriter.WriteAsync(report, IkmReportFormat.Text, text, cancellationToken);
        var body = Encoding.UTF8.GetString(text.ToArray());
        var chart = FilePath(job, "png");
        await using (var file = PrivateFiles.Create(chart, useAsync: true))
        {
            await IkmReportWriter.WriteAsync(report, IkmReportFormat.Png, file, cancellationToken);
        }

        var name = $"ikm-{job.RoundCode}{Suffix(job)}";
        var replies = new List<Outbound>();
        if (body.Length <= MessageLimit)
        {
            replies.Add(new SendText(job.ChatId, body));
        }
        else
        {
            var full = FilePath(job, "txt");
            await using (var file = PrivateFiles.Create(full, useAsync: true))
            {
                await file.WriteAsync(Encoding.UTF8.GetBytes(body), cancellationToken);
            }

            replies.Add(new SendText(job.ChatId, Summary(report)));
            replies.Add(new SendDocument(job.ChatId, full, $"{name}.txt"));
        }

        replies.Add(new SendDocument(job.ChatId, chart, $"{name}.png", texts.Format(Language.Id, "admin.reportCaption", job.RoundCode)));
        return replies;
    }

    /// <summary>One line per unit with its IKM, the city first; the full report goes along as a file.</summary>
    private string Summary(IkmReport report)
    {
        var text = new StringBuilder(texts.Format(Language.Id, "admin.reportSummary", report.Round));
        foreach (var unit in (report.City is { } city ? [city] : Array.Empty<UnitResult>()).Concat(report.Units))
        {
            text.Append('\n').Append(unit.Score is { } score
                ? FormattableString.Invariant($"{unit.Name}: IKM {IkmCalculator.Display(score.Ikm):0.00} ({score.Mutu.Grade}, {score.Mutu.Kinerja}), n = {unit.Respondents}")
                : FormattableString.Invariant($"{unit.Name}: — (n = {unit.Respondents})"));
        }

        return text.ToString();
    }

    private string FilePath(DocumentJobRow job, string extension)
    {
        PrivateFiles.CreateFolder(Folder);
        return Path.Combine(Folder, FormattableString.Invariant($"job-{job.Id}.{extension}"));
    }

    private void CleanUp(DocumentJobRow job)
    {
        if (Directory.Exists(Folder))
        {
            foreach (var file in Directory.EnumerateFiles(Folder, FormattableString.Invariant($"job-{job.Id}.*")))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Beside the database file.</summary>
    private string Folder => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Value.Path))!, "documents");

    private static string Suffix(DocumentJobRow job) => job.UnitCode is null ? string.Empty : $"-{job.UnitCode}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Making document job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long jobId);
}

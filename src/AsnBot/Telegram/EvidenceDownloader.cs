using System.Globalization;
using AsnBot.Complaints;
using AsnBot.Data;
using AsnBot.Data.Complaints;
using AsnBot.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace AsnBot.Telegram;

/// <summary>
/// Copies complaint photos from Telegram to the evidence folder, so evidence outlives Telegram's file
/// expiry. Photos over the size limit are recorded as too large and not kept.
/// </summary>
public sealed partial class EvidenceDownloader(
    ITelegramBotClient bot,
    IDatabase database,
    IOptions<ComplaintOptions> options,
    TimeProvider time,
    ILogger<EvidenceDownloader> logger) : PeriodicWorker(TimeSpan.FromSeconds(2), time, logger)
{
    private const int MaxAttempts = 5;

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ComplaintPhotoRow> pending;
        using (var connection = database.Connect())
        {
            pending = connection.Evidence.Pending(MaxAttempts);
        }

        foreach (var photo in pending)
        {
            await CopyAsync(photo, cancellationToken);
        }
    }

    private async Task CopyAsync(ComplaintPhotoRow photo, CancellationToken cancellationToken)
    {
        var o = options.Value;
        string status;
        string? path = null;
        long? bytes = null;
        try
        {
            var file = await bot.GetFile(photo.FileId, cancellationToken);
            bytes = file.FileSize;
            if (file.FileSize > o.MaxPhotoBytes)
            {
                status = "too_large";
            }
            else
            {
                var folder = Path.Combine(Path.GetFullPath(o.EvidenceFolder), photo.ComplaintId.ToString(CultureInfo.InvariantCulture));
                PrivateFiles.CreateFolder(folder);
                path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{photo.Seq}.jpg"));
                (status, bytes) = await DownloadAsync(file, path, o.MaxPhotoBytes, cancellationToken);
                if (status != "stored")
                {
                    path = null;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, photo.ComplaintId, photo.Seq, ex.Message);
            status = photo.Attempts + 1 >= MaxAttempts ? "failed" : "pending";
        }

        using var connection = database.Connect();
        connection.Evidence.Record(photo, status, path, bytes);
    }

    /// <summary>
    /// Downloads at most <paramref name="maxBytes"/>: the size Telegram announces is optional (and only a claim), so
    /// the bytes actually read are counted, and a file that runs over is stopped there and deleted.
    /// </summary>
    private async Task<(string Status, long? Bytes)> DownloadAsync(global::Telegram.Bot.Types.TGFile file, string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using (var stream = PrivateFiles.Create(path, useAsync: true))
        {
            var bounded = new BoundedStream(stream, maxBytes);
            try
            {
                await bot.DownloadFile(file, bounded, cancellationToken);
                return ("stored", stream.Length);
            }
            catch (Exception) when (bounded.Exceeded)
            {
                // Stopped at the limit: the partial file is deleted once closed, and its size is not known.
            }
        }

        File.Delete(path);
        return ("too_large", null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copying photo {Seq} of complaint {ComplaintId} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, long complaintId, int seq, string error);
}

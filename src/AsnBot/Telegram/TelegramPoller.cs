using AsnBot.Data;
using AsnBot.Data.Updates;
using AsnBot.Delivery;
using AsnBot.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace AsnBot.Telegram;

/// <summary>
/// Long-polls getUpdates from the offset stored in SQLite and hands each update to the processor,
/// which commits its effects together with the next offset. A crash re-reads from the last committed
/// offset: an update is never lost and never handled twice.
/// </summary>
public sealed partial class TelegramPoller(
    ITelegramBotClient bot,
    InboundProcessor processor,
    IDatabase database,
    BotProfile profile,
    TimeProvider time,
    IOptions<TelegramOptions> options,
    ILogger<TelegramPoller> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>A full disk or a read-only file is fixed locally; look again soon after that.</summary>
    private static readonly TimeSpan MaxStorageBackoff = TimeSpan.FromSeconds(4);

    /// <summary>Telegram keeps updates about a day; after ~a week idle its update ids start afresh.</summary>
    private static readonly TimeSpan OffsetExpiry = TimeSpan.FromDays(6);

    /// <summary>This bot's username (from getMe), to tell our commands from other bots' in a group.</summary>
    private string? _username;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        var prepared = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!prepared)
                {
                    await PrepareAsync(stoppingToken);
                    prepared = true;
                }

                await PollOnceAsync(stoppingToken);
                backoff = FirstBackoff;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (database.Classify(ex) is { } error)
            {
                // The batch rolled back and its updates stay unconfirmed: read them again once storage is back.
                LogStorageFault(logger, error.Explanation, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(MaxStorageBackoff.Ticks, backoff.Ticks * 2));
            }
            catch (Exception ex)
            {
                // Telegram or storage is unavailable: wait, then read again from the committed offset.
                LogPollFault(logger, ex.GetType().Name, ex.Message, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _username = await profile.PrepareAsync(cancellationToken);

        // Telegram answers getUpdates with 409 while a webhook is set (left by webhook mode, or another deployment).
        if (!string.IsNullOrEmpty((await bot.GetWebhookInfo(cancellationToken)).Url))
        {
            await bot.DeleteWebhook(cancellationToken: cancellationToken);
            LogWebhookDeleted(logger);
        }

        LogReady(logger);
    }

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        long offset;
        using (var connection = database.Connect())
        {
            offset = connection.Updates.ResetIfOlderThan(time.GetUtcNow() - OffsetExpiry);
        }

        var updates = await bot.GetUpdates(
            offset: checked((int)offset),
            limit: 100,
            timeout: options.Value.PollTimeoutSeconds,
            allowedUpdates: UpdateMapper.Kinds,
            cancellationToken: cancellationToken);
        if (updates.Length > 0)
        {
            processor.ProcessBatch([.. updates.Select(u => ((long)u.Id, Map(u)))]);
        }
    }

    /// <summary>
    /// An update that cannot be read is skipped (confirmed without effect) rather than failing the batch, which
    /// would be read again, fail again, and stop the bot for everyone.
    /// </summary>
    private Inbound? Map(Update update)
    {
        try
        {
            return UpdateMapper.Map(update, _username);
        }
        catch (Exception ex)
        {
            LogUnreadable(logger, update.Id, ex.GetType().Name, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the Bot API; command menu set; polling for updates")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook was set for this bot (Telegram refuses getUpdates while it is); deleted it to poll (Telegram:Mode is polling)")]
    private static partial void LogWebhookDeleted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update {UpdateId} could not be read ({ErrorType}: {Error}); it is skipped")]
    private static partial void LogUnreadable(ILogger logger, int updateId, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage fault, {Cause}; the updates stay unconfirmed at Telegram and are read again in {Seconds} s")]
    private static partial void LogStorageFault(ILogger logger, string cause, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling failed ({ErrorType}: {Error}); retrying in {Seconds} s")]
    private static partial void LogPollFault(ILogger logger, string errorType, string error, double seconds);
}

using AsnBot.Admin;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace AsnBot.Telegram;

/// <summary>
/// At start, asks Telegram about the configured admin group (getChat) and says in one log line when it is wrong.
/// The bot runs on either way: residents still need their surveys and replies, and what is meant for the group
/// stays queued until the group takes it (see <see cref="Delivery.AdminGroupWatch"/>); stopping would take the
/// bot away from everyone over a setting only the admins are affected by.
/// </summary>
public sealed partial class AdminGroupCheck(ITelegramBotClient bot, IOptions<AdminOptions> admin, ILogger<AdminGroupCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (admin.Value.GroupChatId is not { } group)
        {
            LogNoGroup(logger);
            return;
        }

        try
        {
            var chat = await bot.GetChat(group, stoppingToken);
            if (chat.Type is not (ChatType.Group or ChatType.Supergroup))
            {
                LogNotAGroup(logger, group, chat.Type.ToString().ToLowerInvariant());
            }
        }
        catch (ApiRequestException ex)
        {
            LogUnreachable(logger, group, ex.Message);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException)
        {
            LogUnchecked(logger, group, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin__GroupChatId is not set: new complaints are posted to no group, admins see them only with /aduan")]
    private static partial void LogNoGroup(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin group {GroupId} is wrong: it is a {Type} chat, not a group; check Admin__GroupChatId (the bot keeps running)")]
    private static partial void LogNotAGroup(ILogger logger, long groupId, string type);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin group {GroupId} cannot be reached ({Reason}): check Admin__GroupChatId and that the bot is a member; the bot keeps running, and posts for the group stay queued until it can")]
    private static partial void LogUnreachable(ILogger logger, long groupId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin group {GroupId} could not be checked at start ({Reason}); posts for it are retried until Telegram takes them")]
    private static partial void LogUnchecked(ILogger logger, long groupId, string reason);
}

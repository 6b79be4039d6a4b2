using AsnBot.Admin;
using AsnBot.Engine;
using AsnBot.Texts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsnBot.Delivery;

/// <summary>
/// Whether the admin group takes messages. When Telegram refuses the group as a whole (chat not found, the bot
/// removed or without rights), what is queued for it stays queued and is retried with back-off, and the admins are
/// told in their private chats: once per outage, not once per post. Used only by the outbox sender's recorder,
/// one batch at a time.
/// </summary>
public sealed partial class AdminGroupWatch(IOptions<AdminOptions> admin, TextCatalog texts, ILogger<AdminGroupWatch> logger)
{
    private bool _down;
    private bool _downInBatch;

    public bool IsAdminGroup(long chatId) => admin.Value.GroupChatId == chatId;

    /// <summary>The group refused a message: on the first refusal of an outage, the notices for the admins to queue.</summary>
    public IReadOnlyList<SendText> Refused(string? reason)
    {
        if (_down || _downInBatch)
        {
            return [];
        }

        _downInBatch = true;
        LogGroupRefused(logger, admin.Value.GroupChatId ?? 0, reason, admin.Value.UserIds.Count);
        return [.. admin.Value.UserIds.Select(id => new SendText(id, texts.Format(Language.Id, "admin.groupUnreachable", reason ?? "?")))];
    }

    /// <summary>The group took a message: the outage, if any, is over.</summary>
    public void Delivered()
    {
        if (_down)
        {
            LogGroupBack(logger, admin.Value.GroupChatId ?? 0);
        }

        _down = false;
        _downInBatch = false;
    }

    /// <summary>The batch that saw a refusal committed (its notices are queued) or rolled back (they are not).</summary>
    public void BatchEnded(bool committed)
    {
        _down |= committed && _downInBatch;
        _downInBatch = false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The admin group {GroupId} refused a message ({Reason}): what is queued for it stays queued and is retried with back-off; {Admins} admins are told in private")]
    private static partial void LogGroupRefused(ILogger logger, long groupId, string? reason, int admins);

    [LoggerMessage(Level = LogLevel.Information, Message = "The admin group {GroupId} takes messages again")]
    private static partial void LogGroupBack(ILogger logger, long groupId);
}

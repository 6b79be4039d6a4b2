namespace AsnBot.Admin;

/// <summary>The "Admin" configuration section: who may triage complaints, and where.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Telegram user ids of admins. Anyone else gets the answer an unknown command gets.</summary>
    public List<long> UserIds { get; set; } = [];

    /// <summary>The admin group chat that receives new complaints and overdue notices.</summary>
    public long? GroupChatId { get; set; }

    public bool IsAdmin(long userId) => UserIds.Contains(userId);
}

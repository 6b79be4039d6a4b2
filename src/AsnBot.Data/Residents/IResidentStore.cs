namespace AsnBot.Data.Residents;

/// <summary>The residents who consented: language, subscription, whether the bot can reach them.</summary>
public interface IResidentStore
{
    ResidentRow? Find(long userId);

    void Save(ResidentRow resident);

    void SetLanguage(long userId, string language);

    /// <summary>/berhenti and /langganan: whether invitations and reminders reach the resident.</summary>
    void SetSubscribed(long userId, bool subscribed);

    /// <summary>Deletes the resident; their session goes with it and submitted responses lose the link (FKs).</summary>
    void Delete(long userId);

    /// <summary>A resident who writes again has unblocked the bot.</summary>
    void MarkReachable(long userId);

    /// <summary>Telegram answered 403: the resident blocked the bot. Nothing more is sent to them.</summary>
    void MarkBlocked(long chatId, DateTimeOffset now);
}

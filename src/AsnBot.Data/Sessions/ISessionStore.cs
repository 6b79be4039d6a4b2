namespace AsnBot.Data.Sessions;

/// <summary>The conversation state of each chat, and the last screen with buttons shown in it.</summary>
public interface ISessionStore
{
    SessionRow? Find(long chatId);

    void Save(SessionRow session);

    /// <summary>Remembers the last screen with buttons shown in a chat (JSON), or forgets it (null); a chat without a session keeps nothing.</summary>
    void SetScreen(long chatId, string? screen);

    string? Screen(long chatId);
}

namespace AsnBot.Data.Admin;

/// <summary>What an admin is in the middle of (planning a round), per chat and admin.</summary>
public interface IAdminSessionStore
{
    AdminSessionRow? Find(long chatId, long userId);

    void Save(AdminSessionRow session);

    void Delete(long chatId, long userId);
}

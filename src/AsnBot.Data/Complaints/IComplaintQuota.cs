namespace AsnBot.Data.Complaints;

/// <summary>
/// How many complaints one person filed in the last 24 h, kept apart from the person: each filing is a row
/// holding HMAC-SHA256 of the Telegram id under a random key of this database, and rows older than 24 h are
/// deleted. Erasure leaves these rows alone, so /hapus followed by a new consent does not reset the limit.
/// </summary>
public interface IComplaintQuota
{
    void Record(long userId, DateTimeOffset now);

    long FiledSince(long userId, DateTimeOffset since);
}

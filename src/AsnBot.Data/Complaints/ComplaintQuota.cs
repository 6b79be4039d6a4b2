using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace AsnBot.Data.Complaints;

/// <summary>
/// How many complaints one person filed in the last 24 h, kept apart from the person: each filing is a row
/// holding HMAC-SHA256 of the Telegram id under a random key of this database, and rows older than 24 h are
/// deleted. Erasure leaves these rows alone, so /hapus followed by a new consent does not reset the limit.
/// </summary>
internal sealed class ComplaintQuota(UnitOfWork work) : IComplaintQuota
{
    private const string SelectKey = "SELECT key FROM quota_key LIMIT 1";
    private const string Insert = "INSERT INTO complaint_quota (holder, filed_at) VALUES (@holder, @now)";
    private const string Prune = "DELETE FROM complaint_quota WHERE filed_at < @cutoff";
    private const string CountSince = "SELECT COUNT(*) FROM complaint_quota WHERE holder = @holder AND filed_at >= @since";

    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public void Record(long userId, DateTimeOffset now)
    {
        work.Connection.Execute(Prune, new { cutoff = now - Window }, work.Transaction);
        work.Connection.Execute(Insert, new { holder = Holder(userId), now }, work.Transaction);
    }

    public long FiledSince(long userId, DateTimeOffset since) =>
        work.Connection.ExecuteScalar<long>(CountSince, new { holder = Holder(userId), since }, work.Transaction);

    private string Holder(long userId)
    {
        var key = work.Connection.ExecuteScalar<byte[]>(SelectKey, transaction: work.Transaction)
            ?? throw new InvalidOperationException("The database has no quota key; run the migrations.");
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"complaint-quota:{userId}"))));
    }
}

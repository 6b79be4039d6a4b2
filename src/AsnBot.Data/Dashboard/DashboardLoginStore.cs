using Dapper;

namespace AsnBot.Data.Dashboard;

/// <summary>
/// One-time login links of the dashboard. A link carries a random token; only its SHA-256 (hex) is stored, and
/// redeeming marks it used in the same statement that checks it, so two browsers cannot both log in with one link.
/// </summary>
public sealed class DashboardLoginStore(Database database)
{
    private const string Insert = """
        INSERT INTO dashboard_login (token_hash, user_id, created_at, expires_at) VALUES (@hash, @userId, @now, @expiresAt);
        DELETE FROM dashboard_login WHERE expires_at < @forgetBefore;
        """;

    private const string RedeemLink = """
        UPDATE dashboard_login SET used_at = @now
        WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now
        RETURNING user_id
        """;

    /// <summary>Records a new link inside the turn's transaction; links expired a day ago are forgotten.</summary>
    public static void Add(UnitOfWork work, string tokenHash, long userId, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(work);
        work.Connection.Execute(
            Insert, new { hash = tokenHash, userId, now, expiresAt, forgetBefore = now.AddDays(-1) }, work.Transaction);
    }

    /// <summary>The user the link was made for, once: null for an unknown, used or expired link.</summary>
    public long? Redeem(string tokenHash, DateTimeOffset now)
    {
        using var work = database.Begin();
        var userId = work.Connection.QuerySingleOrDefault<long?>(RedeemLink, new { hash = tokenHash, now }, work.Transaction);
        work.Commit();
        return userId;
    }
}

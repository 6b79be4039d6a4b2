using Dapper;

namespace AsnBot.Data.Dashboard;

/// <summary>The SQLite <see cref="IDashboardLoginStore"/>, in the unit of work's transaction.</summary>
internal sealed class DashboardLoginStore(UnitOfWork work) : IDashboardLoginStore
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

    public void Add(string tokenHash, long userId, DateTimeOffset now, DateTimeOffset expiresAt) =>
        work.Connection.Execute(Insert, new { hash = tokenHash, userId, now, expiresAt, forgetBefore = now.AddDays(-1) }, work.Transaction);

    public long? Redeem(string tokenHash, DateTimeOffset now) =>
        work.Connection.QuerySingleOrDefault<long?>(RedeemLink, new { hash = tokenHash, now }, work.Transaction);
}

namespace AsnBot.Data.Dashboard;

/// <summary>
/// One-time login links of the dashboard. A link carries a random token; only its SHA-256 (hex) is stored, and
/// redeeming marks it used in the same statement that checks it, so two browsers cannot both log in with one link.
/// </summary>
public interface IDashboardLoginStore
{
    /// <summary>Records a new link; links expired a day ago are forgotten.</summary>
    void Add(string tokenHash, long userId, DateTimeOffset now, DateTimeOffset expiresAt);

    /// <summary>The user the link was made for, once: null for an unknown, used or expired link.</summary>
    long? Redeem(string tokenHash, DateTimeOffset now);
}

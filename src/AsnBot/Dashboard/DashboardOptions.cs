namespace AsnBot.Dashboard;

/// <summary>The "Dashboard" configuration section: the web dashboard (Dasbor), off unless enabled.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>How long a /dasbor link can be used (once).</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long a session started by a link lasts; no sliding renewal.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public bool Enabled { get; set; }

    /// <summary>Where the dashboard listens; loopback unless changed (port 0 picks a free port).</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The address people open, when a proxy (TLS) stands in front; the listening address without it.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Unit heads: Telegram user id → the unit codes they may see (Dashboard__UnitHeads__123456789__0=RSUD).</summary>
    public Dictionary<string, List<string>> UnitHeads { get; set; } = [];
}

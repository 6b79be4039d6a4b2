namespace AsnBot.Reports;

/// <summary>The "Exports" configuration section.</summary>
public sealed class ExportsOptions
{
    public const string Section = "Exports";

    /// <summary>
    /// Secret for the keyed hash that turns a resident into a pseudonymous respondent id. Required for
    /// exports; keep it stable (a new key gives every respondent a new pseudonym) and out of the repository.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Time zone for <c>submitted_at</c> and for the calendar days of --from/--to (WIB by default).</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";
}

/// <summary>The "Reports" configuration section.</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>Units with fewer submitted responses are flagged in the IKM report (not hidden).</summary>
    public int MinimumRespondents { get; set; } = 30;
}

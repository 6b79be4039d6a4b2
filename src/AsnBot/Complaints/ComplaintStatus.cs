namespace AsnBot.Complaints;

/// <summary>Status codes as stored (SP4N-LAPOR! lifecycle); labels come from the text catalog ("status.&lt;code&gt;").</summary>
public static class ComplaintStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Verified = "verified";
    public const string Rejected = "rejected";
    public const string NotAuthority = "not_authority";
    public const string InProgress = "in_progress";
    public const string Resolved = "resolved";
    public const string Reopened = "reopened";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Submitted, Verified, Rejected, NotAuthority, InProgress, Resolved, Reopened, Closed];
}

/// <summary>What can happen to a complaint after it is filed.</summary>
public enum ComplaintAction
{
    Verify,
    Reject,
    NotOurs,
    Process,
    Resolve,
    Close,
    Reopen,
}

namespace AsnBot.Engine;

/// <summary>Which conversation a resident's session is in; saved in the session row, so never renamed without a migration.</summary>
internal static class FlowNames
{
    public const string Survey = "survey";
    public const string Complaint = "complaint";
}

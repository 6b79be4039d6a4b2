namespace AsnBot.Privacy;

/// <summary>Buttons that work without a survey step: consent, language, erasure.</summary>
internal static class PrivacyButtons
{
    /// <summary>"ok:lang:unit" — consent given, carrying the language and deep-link unit chosen before it.</summary>
    public const string Agree = "ok";
    public const string Decline = "no";
    public const string Language = "lg";
    public const string EraseYes = "dy";
    public const string EraseNo = "dn";
}

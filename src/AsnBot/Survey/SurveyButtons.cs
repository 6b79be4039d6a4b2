namespace AsnBot.Survey;

/// <summary>Action names in the callback data of survey buttons (kept short: 64 bytes in all).</summary>
internal static class SurveyButtons
{
    public const string Unit = "u";
    public const string Page = "p";
    public const string Service = "s";
    public const string Answer = "a";
    public const string Skip = "k";
    public const string Back = "b";
    public const string OpenEdit = "o";
    public const string Edit = "e";
    public const string EditUnit = "eu";
    public const string EditService = "es";
    public const string Submit = "x";
    public const string CancelYes = "cy";
    public const string CancelNo = "cn";
    public const string Resume = "rc";
    public const string Restart = "rr";

    public static bool IsSurveyAction(string action) => action is
        Unit or Page or Service or Answer or Skip or Back or OpenEdit or Edit or EditUnit or EditService or Submit
        or CancelYes or CancelNo or Resume or Restart;
}

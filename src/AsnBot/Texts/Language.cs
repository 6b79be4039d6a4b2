namespace AsnBot.Texts;

/// <summary>The languages residents can use. Indonesian is the default for everyone.</summary>
public enum Language
{
    Id,
    En,
}

public static class Languages
{
    public static string Code(this Language language) => language == Language.En ? "en" : "id";

    /// <summary>Maps a stored code or Telegram's <c>language_code</c>; anything not English is Indonesian.</summary>
    public static Language FromCode(string? code) =>
        code is not null && code.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? Language.En : Language.Id;
}

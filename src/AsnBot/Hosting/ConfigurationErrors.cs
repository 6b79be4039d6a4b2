using System.Text.RegularExpressions;

namespace AsnBot.Hosting;

/// <summary>Configuration mistakes as the one line an operator reads on stderr.</summary>
public static partial class ConfigurationErrors
{
    /// <summary>
    /// "asnbot: configuration error: …" with each failure's own message: the validator's wrapping
    /// ("DataAnnotation validation failed for 'TelegramOptions' members: 'Token' with the error: '…'.") names .NET
    /// types, not the setting, and our messages already name the setting and how to fix it.
    /// </summary>
    public static string Line(IEnumerable<string> failures) =>
        "asnbot: configuration error: " + string.Join(" ", failures.Select(f => DataAnnotationWrapping().Match(f) is { Success: true } m ? m.Groups["message"].Value : f));

    [GeneratedRegex("^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationWrapping();
}

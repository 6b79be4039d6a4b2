using System.Buffers.Text;
using System.Globalization;

namespace AsnBot.Privacy;

/// <summary>
/// Whether a pseudonym key carries at least 128 bits of randomness. Pseudonyms are only as safe as the key:
/// with a guessable one, hashing every plausible Telegram id turns them back into ids. A key must be what a
/// random generator writes (base64 or hex of at least 16 bytes, e.g. <c>openssl rand -base64 24</c>); words,
/// placeholders and patterned strings are refused. The pattern checks are loose enough that a generated key
/// practically never fails them (a repeated 8-character piece, or a run such as 12345678).
/// </summary>
public static class PseudonymKeyCheck
{
    public const int MinimumBits = 128;

    public const string HowToMakeOne = "make one with: openssl rand -base64 24";

    private const int RepeatLength = 8;
    private const int RunLength = 8;

    /// <summary>Words of six letters or more that turn up in made-up keys; 32 random characters hold one about once in 10⁷ keys.</summary>
    private static readonly string[] Words =
        ["secret", "password", "passwd", "rahasia", "random", "example", "contoh", "change", "placeholder", "pseudonym", "asnbot", "tanjung", "export"];

    /// <summary>Null when the key is strong enough, otherwise why not (without the key itself).</summary>
    public static string? Weakness(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = key.Trim();
        if (Words.FirstOrDefault(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)) is { } word)
        {
            return $"it contains the word '{word}' (a phrase or a placeholder is guessable)";
        }

        if (Decode(text) is not { } bytes)
        {
            return "it is not base64 or hex as a random generator writes it (a phrase or a placeholder is guessable)";
        }

        if (bytes * 8 < MinimumBits)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it holds {bytes * 8} bits, fewer than {MinimumBits}");
        }

        if (text.Distinct().Count() * 3 < Math.Min(text.Length, 16))
        {
            return "it repeats a few characters";
        }

        if (HasRepeat(text) || HasRun(text))
        {
            return "it contains a repeated or consecutive sequence";
        }

        return null;
    }

    /// <summary>Bytes a hex or base64 (standard or URL-safe, padding optional) key stands for; null when it is neither.</summary>
    private static int? Decode(string text)
    {
        if (text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit))
        {
            return text.Length / 2;
        }

        // Random base64 of 16 bytes or more has both cases (one case only: about once in 10⁷ keys of 24 bytes, 10⁵ of 16); words usually do not.
        if (!text.Any(char.IsAsciiLetterUpper) || !text.Any(char.IsAsciiLetterLower))
        {
            return null;
        }

        var standard = text.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        var padded = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length];
        return Base64.IsValid(padded) && Convert.TryFromBase64String(padded, buffer, out var written) ? written : null;
    }

    private static bool HasRepeat(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + RepeatLength <= text.Length; i++)
        {
            if (!seen.Add(text.Substring(i, RepeatLength)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>abcdefgh, 12345678, hgfedcba: a run of characters each one after (or before) the previous.</summary>
    private static bool HasRun(string text)
    {
        int up = 1, down = 1;
        for (var i = 1; i < text.Length; i++)
        {
            up = text[i] == text[i - 1] + 1 ? up + 1 : 1;
            down = text[i] == text[i - 1] - 1 ? down + 1 : 1;
            if (up >= RunLength || down >= RunLength)
            {
                return true;
            }
        }

        return false;
    }
}

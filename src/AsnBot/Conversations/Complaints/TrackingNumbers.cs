using System.Globalization;
using System.Security.Cryptography;

namespace AsnBot.Conversations.Complaints;

/// <summary>
/// Tracking numbers like ADU-2026-7KQ4M: five random Crockford base-32 characters (no I, L, O, U, so
/// nothing is misread), 33 million per year, and no way to guess one from another.
/// </summary>
public static class TrackingNumbers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTimeOffset now)
    {
        Span<char> code = stackalloc char[5];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Create(CultureInfo.InvariantCulture, $"ADU-{WorkingDays.LocalDate(now).Year}-{code}");
    }

    /// <summary>Normalises what a resident typed ("adu-2026-7kq4m") to the stored form; null when it cannot be a number.</summary>
    public static string? Normalize(string? typed)
    {
        var text = typed?.Trim().ToUpperInvariant();
        return text is { Length: 14 } && text.StartsWith("ADU-", StringComparison.Ordinal) && text[8] == '-'
            && text[4..8].All(char.IsAsciiDigit) && text[9..].All(c => Alphabet.Contains(c, StringComparison.Ordinal))
            ? text
            : null;
    }
}

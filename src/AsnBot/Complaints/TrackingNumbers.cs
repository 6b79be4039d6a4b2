using System.Globalization;
using System.Security.Cryptography;

namespace AsnBot.Complaints;

/// <summary>
/// Tracking numbers like ADU-2026-7KQ4M: five random Crockford base-32 characters (no I, L, O, U, so
/// nothing is misread), 33 million per year, and no way to guess one from another.
/// </summary>
public static class TrackingNumbers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const string Prefix = "ADU";
    private const int YearDigits = 4;
    private const int CodeLength = 5;

    public static string New(DateTimeOffset now)
    {
        Span<char> code = stackalloc char[CodeLength];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{WorkingDays.LocalDate(now).Year}-{code}");
    }

    /// <summary>
    /// Reads a number as typed, the way Crockford base-32 is read: any case, O as 0, I and L as 1, with or
    /// without the "ADU" prefix, dashes of any kind (a pasted en dash too) and spaces ("adu-2026-tomq7", "2026T0MQ7"). Returns the stored
    /// form (ADU-2026-T0MQ7), or null when it cannot be a number. Residents (/status) and admins (/aduan)
    /// both go through here.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        var text = new string((typed ?? string.Empty).Where(c => char.GetUnicodeCategory(c) != UnicodeCategory.DashPunctuation && !char.IsWhiteSpace(c)).Select(Read).ToArray());
        if (text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            text = text[Prefix.Length..];
        }

        return text.Length == YearDigits + CodeLength && text[..YearDigits].All(char.IsAsciiDigit)
            && text[YearDigits..].All(c => Alphabet.Contains(c, StringComparison.Ordinal))
            ? $"{Prefix}-{text[..YearDigits]}-{text[YearDigits..]}"
            : null;
    }

    private static char Read(char typed) => char.ToUpperInvariant(typed) switch
    {
        'O' => '0',
        'I' or 'L' => '1',
        var c => c,
    };
}

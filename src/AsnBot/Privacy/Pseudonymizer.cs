using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AsnBot.Privacy;

/// <summary>
/// Keyed pseudonyms for respondents: HMAC-SHA256 over a domain-prefixed id, truncated to 80 bits and
/// written as 16 base32 characters. Without the key a pseudonym cannot be turned back into a Telegram
/// id (hashing every possible id needs the key); with the same key it is stable across exports.
/// </summary>
public sealed class Pseudonymizer(string key)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    /// <summary>The same resident always gets the same pseudonym.</summary>
    public string ForResident(long residentId) => Hash(string.Create(CultureInfo.InvariantCulture, $"resident:{residentId}"));

    /// <summary>
    /// A response whose resident erased their data: pseudonym from another domain, so it matches no
    /// resident's pseudonym and two such responses are not linkable to each other.
    /// </summary>
    public string ForErasedResponse(long responseId) => Hash(string.Create(CultureInfo.InvariantCulture, $"response:{responseId}"));

    /// <summary>
    /// The reporter of an identified complaint: a domain of its own, so a complaint export cannot be joined to the
    /// same person's survey answers in a response export (their text and their profile stay in separate files).
    /// </summary>
    public string ForReporter(long residentId) => Hash(string.Create(CultureInfo.InvariantCulture, $"reporter:{residentId}"));

    public string For(long? residentId, long responseId) =>
        residentId is { } id ? ForResident(id) : ForErasedResponse(responseId);

    private string Hash(string message)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message), mac);
        return Base32(mac[..10]);
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        // 10 bytes = 80 bits = exactly 16 groups of 5 bits.
        var builder = new StringBuilder(16);
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                builder.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        return builder.ToString();
    }
}

using System.Globalization;
using System.Text.Json;

namespace AsnBot.Texts;

/// <summary>
/// Every resident-facing string, by key, in Indonesian and English (embedded <c>texts.json</c>).
/// Loading fails when a key is missing in either language, so a gap never reaches a resident.
/// </summary>
public sealed class TextCatalog
{
    private readonly Dictionary<string, string> _indonesian;
    private readonly Dictionary<string, string> _english;

    private TextCatalog(Dictionary<string, string> indonesian, Dictionary<string, string> english)
    {
        _indonesian = indonesian;
        _english = english;
    }

    public IReadOnlyCollection<string> Keys => _indonesian.Keys;

    public static TextCatalog LoadBuiltIn()
    {
        using var stream = typeof(TextCatalog).Assembly.GetManifestResourceStream("AsnBot.Texts.texts.json")
            ?? throw new InvalidOperationException("The embedded resource AsnBot.Texts.texts.json is missing.");
        return Parse(stream);
    }

    public static TextCatalog Parse(Stream json)
    {
        var all = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(json)
            ?? throw new InvalidDataException("The text catalog is empty.");
        var indonesian = all.GetValueOrDefault("id") ?? throw new InvalidDataException("The text catalog has no 'id' section.");
        var english = all.GetValueOrDefault("en") ?? throw new InvalidDataException("The text catalog has no 'en' section.");
        var missing = indonesian.Keys.Except(english.Keys).Select(k => $"en:{k}")
            .Concat(english.Keys.Except(indonesian.Keys).Select(k => $"id:{k}"))
            .Concat(indonesian.Concat(english).Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"empty:{p.Key}"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The text catalog is incomplete: {string.Join(", ", missing)}.");
        }

        return new TextCatalog(indonesian, english);
    }

    public string Get(Language language, string key) =>
        (language == Language.En ? _english : _indonesian).TryGetValue(key, out var text)
            ? text
            : throw new KeyNotFoundException($"No text with key '{key}'.");

    public string Format(Language language, string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(language, key), args);
}

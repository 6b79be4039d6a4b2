using System.Text;
using System.Text.RegularExpressions;
using AsnBot.Complaints;
using AsnBot.Data.Complaints;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using AsnBot.Texts;

namespace AsnBot.Tests.Texts;

public sealed partial class TextCatalogTests
{
    [Fact]
    public void BuiltIn_HasEveryKeyInBothLanguages()
    {
        var catalog = TextCatalog.LoadBuiltIn();

        foreach (var key in catalog.Keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(catalog.Get(Language.Id, key)), key);
            Assert.False(string.IsNullOrWhiteSpace(catalog.Get(Language.En, key)), key);
        }
    }

    [Fact]
    public void Parse_KeyMissingInEnglish_Fails()
    {
        var json = """{ "id": { "a": "satu", "b": "dua" }, "en": { "a": "one" } }""";

        var error = Assert.Throws<InvalidDataException>(() => TextCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("en:b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyMissingInIndonesian_Fails()
    {
        var json = """{ "id": { "a": "satu" }, "en": { "a": "one", "b": "two" } }""";

        var error = Assert.Throws<InvalidDataException>(() => TextCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("id:b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKeyTheCodeUses_IsInTheCatalog()
    {
        var catalog = TextCatalog.LoadBuiltIn();
        var source = Path.Combine(Repository.Root(), "src", "AsnBot");
        var used = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => KeyPattern().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Concat(Commands.Menu.Select(c => c.DescriptionKey))
            .Concat(ComplaintStatus.All.Append(ComplaintStatus.Draft).Select(s => $"status.{s}"))
            .Concat(Enum.GetNames<DeadlineState>().Select(s => $"deadline.{s}"))
            .Concat(new[] { ComplaintPrivacy.Identified, ComplaintPrivacy.Anonymous, ComplaintPrivacy.Confidential }.Select(p => $"privacy.{p}"))
            .Distinct()
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, key => Assert.Contains(key, catalog.Keys));
    }

    // Text("key"…), Get(language, "key"), Format(language, "key", …), Button("key", …) and Reject("key"): every way the code names a text.
    [GeneratedRegex("""(?:Text|Get|Format|Button|Reject)\((?:[^()"]*,\s*)?"([a-z]+\.[A-Za-z.]+|help|welcome|idle|thanks)"[,)]""")]
    private static partial Regex KeyPattern();
}

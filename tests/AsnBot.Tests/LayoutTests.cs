using System.Text.RegularExpressions;
using AsnBot.Tests.Support;

namespace AsnBot.Tests;

/// <summary>
/// The folder rules of docs/architecture.md, read from the sources: the shared machinery never names a feature, and
/// a feature never reaches back into the composition (Conversations, Hosting) or an edge other than the CLI runner.
/// </summary>
public sealed partial class LayoutTests
{
    private static readonly string[] Features = ["Survey", "Complaints", "Rounds", "Broadcasts", "Reports", "Privacy", "Admin", "Dashboard"];
    private static readonly string[] Machinery = ["Engine", "Delivery", "Texts"];
    private static readonly string[] Composition = ["Conversations", "Hosting", "Telegram", "ConsoleChat", "Cli"];

    public static TheoryData<string> MachineryFolders => [.. Machinery];

    public static TheoryData<string> FeatureFolders => [.. Features];

    [Theory]
    [MemberData(nameof(MachineryFolders))]
    public void Machinery_never_names_a_feature_or_the_composition(string folder)
    {
        var forbidden = Features.Concat(Composition).ToHashSet();
        Assert.Empty(References(folder).Where(r => forbidden.Contains(r.Target)).Select(r => r.ToString()));
    }

    [Theory]
    [MemberData(nameof(FeatureFolders))]
    public void A_feature_never_reaches_back_into_the_composition(string folder)
    {
        // The CLI verbs live with their features and get their host from Cli/CliRunner; nothing else of the edges.
        var forbidden = Composition.Where(c => c != "Cli").ToHashSet();
        Assert.Empty(References(folder).Where(r => forbidden.Contains(r.Target)).Select(r => r.ToString()));
    }

    [Fact]
    public void Every_source_folder_is_named_in_the_rules()
    {
        var known = Features.Concat(Machinery).Concat(Composition).ToHashSet();
        var folders = Directory.GetDirectories(Source())
            .Where(path => Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories).Any())
            .Select(path => Path.GetFileName(path)!)
            .Where(name => name is not ("bin" or "obj"))
            .ToList();

        Assert.NotEmpty(folders);
        Assert.All(folders, name => Assert.Contains(name, known));
    }

    /// <summary>Every <c>AsnBot.X</c> a folder's files name (usings and qualified names), X being a top-level folder.</summary>
    private static IEnumerable<Reference> References(string folder)
    {
        var path = Path.Combine(Source(), folder);
        if (!Directory.Exists(path))
        {
            return [];
        }

        return Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => QualifiedName().Matches(File.ReadAllText(file).Replace($"namespace AsnBot.{folder}", string.Empty, StringComparison.Ordinal))
                .Select(m => new Reference(Path.GetRelativePath(Source(), file), m.Groups[1].Value)))
            .Where(r => r.Target != folder)
            .Distinct();
    }

    private static string Source() => Path.Combine(Repository.Root(), "src", "AsnBot");

    [GeneratedRegex(@"\bAsnBot\.([A-Z][A-Za-z]*)\b")]
    private static partial Regex QualifiedName();

    private sealed record Reference(string File, string Target)
    {
        public override string ToString() => $"{File} uses AsnBot.{Target}";
    }
}

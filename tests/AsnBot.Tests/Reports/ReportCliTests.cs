using System.CommandLine;
using AsnBot.Reports.Cli;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Reports;

/// <summary>The export and report verbs run in-process through System.CommandLine, as Program.cs wires them.</summary>
public sealed class ReportCliTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("asnbot-cli-").FullName;

    [Fact]
    public async Task ExportResponses_WritesTheFile_AndExitsZero()
    {
        ReportData.Add(_db.Database, 7_301_234_567, "RSUD", ReportData.All(3), suggestion: "Ruang tunggu panas");
        var file = Path.Combine(_folder, "out", "rsud.csv");

        var (exit, stdout, stderr) = await RunAsync(Key, "export", "responses", "--round", TestUnits.Round, "--unit", "RSUD", "--format", "csv", "--out", file, "--labels", "--bom");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("1 responses written", stdout, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("Ruang tunggu panas", text, StringComparison.Ordinal);
        Assert.DoesNotContain("7301234567", text, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public async Task ExportResponses_WithoutPseudonymKey_PrintsOneLine_AndExitsTwo()
    {
        var file = Path.Combine(_folder, "x.json");

        var (exit, _, stderr) = await RunAsync(null, "export", "responses", "--round", TestUnits.Round, "--format", "json", "--out", file);

        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Exports:PseudonymKey is not set", line, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task UnknownUnit_PrintsOneLine_AndExitsTwo()
    {
        var (exit, _, stderr) = await RunAsync(Key, "report", "ikm", "--round", TestUnits.Round, "--unit", "NOPE");

        Assert.Equal(2, exit);
        Assert.StartsWith("asnbot: unknown unit 'NOPE'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportIkm_Text_GoesToStdout_AndSaysWhichConvention()
    {
        ReportData.Add(_db.Database, 1, "RSUD", ReportData.All(4));
        ReportData.Add(_db.Database, 2, "RSUD", ReportData.All(3));

        var (exit, stdout, _) = await RunAsync(null, "report", "ikm", "--round", TestUnits.Round);

        Assert.Equal(0, exit);
        Assert.Contains("1/9 persis", stdout, StringComparison.Ordinal);
        Assert.Contains("IKM 87.50", stdout, StringComparison.Ordinal);
        Assert.Contains("bukan rata-rata IKM unit", stdout, StringComparison.Ordinal);
        Assert.Contains("PERHATIAN: di bawah minimum responden", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("png", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' })]
    [InlineData("xlsx", new byte[] { (byte)'P', (byte)'K', 3, 4 })]
    [InlineData("csv", new byte[] { (byte)'s', (byte)'c', (byte)'o', (byte)'p' })]
    public async Task ReportIkm_Files_AreWritten(string format, byte[] magic)
    {
        ReportData.Add(_db.Database, 1, "RSUD", ReportData.All(4));
        var file = Path.Combine(_folder, "ikm." + format);

        var (exit, _, stderr) = await RunAsync(null, "report", "ikm", "--round", TestUnits.Round, "--format", format, "--out", file);

        Assert.True(exit == 0, stderr);
        Assert.Equal(magic, (await File.ReadAllBytesAsync(file))[..4]);
    }

    [Fact]
    public async Task Help_ExplainsEveryOption()
    {
        var (exit, stdout, _) = await RunAsync(null, "export", "responses", "--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--round", "--unit", "--from", "--to", "--format", "--out", "--labels", "--include-partial", "--bom" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
    }

    private const string Key = "cli-test-key-0123456789";

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string? key, params string[] args)
    {
        var overrides = new Dictionary<string, string?> { ["Storage:Path"] = _db.Database.Path, ["Exports:PseudonymKey"] = key };
        var root = new RootCommand { ExportCommand.Create(overrides), ReportCommand.Create(overrides) };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

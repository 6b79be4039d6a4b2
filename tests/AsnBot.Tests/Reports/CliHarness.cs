using System.CommandLine;
using AsnBot.Cli;
using AsnBot.Reports.Cli;
using AsnBot.Rounds;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Reports;

/// <summary>The export, report and round verbs run in-process as Program.cs runs them, on a temporary database and folder.</summary>
internal sealed class CliHarness : IDisposable
{
    /// <summary>A key as `openssl rand -base64 24` makes one.</summary>
    public const string Key = "66xgKBGV9ILJOOvZRJ1A8ndQ09KbmuCZ";

    private readonly TempDatabase _db = new();

    public AsnBot.Data.SqlDatabase Database => _db.Database;

    public string Folder { get; } = Directory.CreateTempSubdirectory("asnbot-cli-").FullName;

    public async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string? key, params string[] args)
    {
        var overrides = new Dictionary<string, string?>(_db.Settings) { ["Exports:PseudonymKey"] = key };
        var root = new RootCommand { ExportCommand.Create(overrides), ReportCommand.Create(overrides), RoundCommand.Create(overrides) };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliEntry.InvokeAsync(root.Parse(args), new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

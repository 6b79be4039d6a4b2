using AsnBot.Tests.Support;

namespace AsnBot.Tests.Reports;

/// <summary>
/// What an operator following the README types, right or wrong: days are read day-first or ISO only, unknown rounds,
/// units and folders are one line on stderr with exit code 2, and nothing is written then.
/// </summary>
public sealed class CliMistakeTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Theory]
    [InlineData("03-01-2099", "03-02-2099")]
    [InlineData("03/01/2099", "03/02/2099")]
    [InlineData("2099-01-03", "2099-02-03")]
    public async Task RoundCreate_DayFirstOrIso_IsTheSameDay(string opens, string closes)
    {
        var (exit, stdout, stderr) = await _cli.RunAsync(null, "round", "create", "--name", "Semester I 2099", "--opens", opens, "--closes", closes);

        Assert.True(exit == 0, stderr);
        Assert.Contains("03-01-2099 – 03-02-2099", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2099-13-01")]
    [InlineData("31-02-2099")]
    [InlineData("03-01-99")]
    [InlineData("2099/01/03")]
    [InlineData("01/03/2099 12:00")]
    [InlineData("Jan 3 2099")]
    [InlineData("3.1.2099")]
    public async Task RoundCreate_UnreadableDay_OneLine_ExitTwo_NothingStored(string day)
    {
        var (exit, stdout, stderr) = await _cli.RunAsync(null, "round", "create", "--name", "X", "--opens", day, "--closes", "2099-06-30");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"asnbot: --opens '{day}' is not a date; write yyyy-MM-dd or dd-MM-yyyy (08-12-2026 is 8 December) (see --help)", line);
        Assert.Equal(0, _cli.Database.Count("SELECT COUNT(*) FROM survey_round"));
    }

    [Fact]
    public async Task ExportFrom_DayFirst_FindsTheResponseOfThatDay()
    {
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(3)); // 30 November 2026, noon WIB
        var file = Path.Combine(_cli.Folder, "day.csv");

        var (exit, stdout, stderr) = await _cli.RunAsync(CliHarness.Key, "export", "responses", "--round", TestUnits.Round, "--from", "30-11-2026", "--to", "30/11/2026", "--out", file);

        Assert.True(exit == 0, stderr);
        Assert.Contains("1 response written", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFormat_ListsTheFormatsOnOneLine_ExitTwo_NothingWritten()
    {
        var file = Path.Combine(_cli.Folder, "x.pdf");

        var (exit, stdout, stderr) = await _cli.RunAsync(CliHarness.Key, "export", "responses", "--round", TestUnits.Round, "--format", "pdf", "--out", file);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("asnbot: Argument 'pdf' not recognized. Must be one of: 'csv' 'xlsx' 'json' (see --help)", line);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task MissingRequiredOption_OneLine_ExitTwo()
    {
        var (exit, stdout, stderr) = await _cli.RunAsync(CliHarness.Key, "export", "responses", "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("asnbot: Option '--round' is required.", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export", "responses", "--format", "xlsx")]
    [InlineData("report", "ikm", "--format", "png")]
    [InlineData("report", "ikm", "--format", "csv")]
    public async Task UnknownRound_NamesTheKnownOnes_ExitTwo_NoFile(params string[] verb)
    {
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(3));
        Assert.Equal(0, (await _cli.RunAsync(null, "round", "create", "--name", "Semester II 2099", "--opens", "2099-07-01", "--closes", "2099-12-31")).Exit);
        var file = Path.Combine(_cli.Folder, "unknown.out");

        var (exit, stdout, stderr) = await _cli.RunAsync(CliHarness.Key, [.. verb, "--round", "2026-S2", "--out", file]);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"asnbot: unknown round '2026-S2'; known rounds: {TestUnits.Round}, semester-ii-2099", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_cli.Folder));
    }

    [Fact]
    public async Task ReportIkm_RoundAndUnitInAnyCase_AreFound_AndTheRoundIsNamed()
    {
        Assert.Equal(0, (await _cli.RunAsync(null, "round", "create", "--name", "Semester II 2099", "--opens", "2099-07-01", "--closes", "2099-12-31")).Exit);
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(3), round: "semester-ii-2099");

        var (exit, stdout, stderr) = await _cli.RunAsync(null, "report", "ikm", "--round", "Semester-II-2099", "--unit", "rsud");

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("Laporan Indeks Kepuasan Masyarakat (IKM), periode Semester II 2099", stdout, StringComparison.Ordinal);
        Assert.Contains("Responden: 1", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportUnit_InAnyCase_IsFound()
    {
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(3));
        var file = Path.Combine(_cli.Folder, "rsud.csv");

        var (exit, stdout, stderr) = await _cli.RunAsync(CliHarness.Key, "export", "responses", "--round", TestUnits.Round, "--unit", "Rsud", "--out", file);

        Assert.True(exit == 0, stderr);
        Assert.Contains("1 response written", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_AnExistingFolder_OneLine_ExitTwo()
    {
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(3));

        var (exit, _, stderr) = await _cli.RunAsync(CliHarness.Key, "export", "responses", "--round", TestUnits.Round, "--out", _cli.Folder);

        Assert.Equal(2, exit);
        Assert.Equal($"asnbot: --out {_cli.Folder} is a folder; name a file in it", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_cli.Folder));
    }

    [Theory]
    [InlineData("export", "responses", "--round", TestUnits.Round)]
    [InlineData("export", "complaints")]
    [InlineData("report", "ikm", "--round", TestUnits.Round, "--format", "xlsx")]
    public async Task Out_InAMissingFolder_IsRefused_NotCreated(params string[] verb)
    {
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(3));
        var missing = Path.Combine(_cli.Folder, "no-such-folder");

        var (exit, _, stderr) = await _cli.RunAsync(CliHarness.Key, [.. verb, "--out", Path.Combine(missing, "x.out")]);

        Assert.Equal(2, exit);
        Assert.Equal($"asnbot: --out: folder {missing} does not exist", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Out_WhereNobodyMayWrite_OneLine_ExitTwo()
    {
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(3));

        // /proc refuses new files even to root, for whom permission bits would not.
        var (exit, _, stderr) = await _cli.RunAsync(CliHarness.Key, "export", "responses", "--round", TestUnits.Round, "--out", "/proc/asnbot-export.csv");

        Assert.Equal(2, exit);
        Assert.StartsWith("asnbot: cannot write /proc/asnbot-export.csv: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("open")]
    [InlineData("close")]
    public async Task RoundOpenClose_UnknownCode_NamesTheKnownOnes_NotATelegramCommand(string verb)
    {
        Assert.Equal(0, (await _cli.RunAsync(null, "round", "create", "--name", "Semester II 2099", "--opens", "2099-07-01", "--closes", "2099-12-31")).Exit);

        var (exit, _, stderr) = await _cli.RunAsync(null, "round", verb, "2026-S2");

        Assert.Equal(2, exit);
        Assert.Equal("asnbot: unknown round '2026-S2'; known rounds: semester-ii-2099", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task ReportIkmHelp_DoesNotSayRoundsHaveNoDates()
    {
        var (exit, stdout, _) = await _cli.RunAsync(null, "report", "ikm", "--help");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("no dates", stdout, StringComparison.Ordinal);
        Assert.Contains("dd-MM-yyyy", stdout, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ExportFile_IsReadableByItsOwnerOnly()
    {
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(3));
        var file = Path.Combine(_cli.Folder, "private.csv");

        Assert.Equal(0, (await _cli.RunAsync(CliHarness.Key, "export", "responses", "--round", TestUnits.Round, "--out", file)).Exit);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    public void Dispose() => _cli.Dispose();
}

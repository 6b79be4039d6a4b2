using AsnBot.Tests.Support;

namespace AsnBot.Tests.Reports;

/// <summary>The export and report verbs run in-process through System.CommandLine, as Program.cs wires them.</summary>
public sealed class ReportCliTests : IDisposable
{
    private const string Key = CliHarness.Key;

    private readonly CliHarness _cli = new();
    private int _filed;

    [Fact]
    public async Task ExportResponses_WritesTheFile_AndExitsZero()
    {
        ReportData.Add(_cli.Database, 7_301_234_567, "RSUD", ReportData.All(3), suggestion: "Ruang tunggu panas");
        var file = Path.Combine(_cli.Folder, "rsud.csv");

        var (exit, stdout, stderr) = await RunAsync(Key, "export", "responses", "--round", TestUnits.Round, "--unit", "RSUD", "--format", "csv", "--out", file, "--labels", "--bom");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("1 response written", stdout, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("Ruang tunggu panas", text, StringComparison.Ordinal);
        Assert.DoesNotContain("7301234567", text, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public async Task ExportResponses_WithoutPseudonymKey_PrintsOneLine_AndExitsTwo()
    {
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(3));
        var file = Path.Combine(_cli.Folder, "x.json");

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
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(4));
        ReportData.Add(_cli.Database, 2, "RSUD", ReportData.All(3));

        var (exit, stdout, _) = await RunAsync(null, "report", "ikm", "--round", TestUnits.Round);

        Assert.Equal(0, exit);
        Assert.Contains("1/9 persis", stdout, StringComparison.Ordinal);
        Assert.Contains("IKM 87,50", stdout, StringComparison.Ordinal);
        Assert.Contains("bukan rata-rata IKM unit", stdout, StringComparison.Ordinal);
        Assert.Contains("PERHATIAN: hanya 2 responden, di bawah minimum 30", stdout.Split('\n')[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("png", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' })]
    [InlineData("xlsx", new byte[] { (byte)'P', (byte)'K', 3, 4 })]
    [InlineData("csv", new byte[] { (byte)'s', (byte)'c', (byte)'o', (byte)'p' })]
    public async Task ReportIkm_Files_AreWritten(string format, byte[] magic)
    {
        ReportData.Add(_cli.Database, 1, "RSUD", ReportData.All(4));
        var file = Path.Combine(_cli.Folder, "ikm." + format);

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

    [Fact]
    public async Task ExportComplaints_WritesTheFile_AndExitsZero()
    {
        FileComplaint(7_301_234_567, "RSUD", "identified", "=1+1 loket tutup sejak pagi tanpa pemberitahuan", new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
        FileComplaint(7_309_876_543, "RSUD", "anonymous", "Antrean sangat panjang dan petugas tidak ada di tempat", new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
        var file = Path.Combine(_cli.Folder, "complaints.csv");

        var (exit, stdout, stderr) = await RunAsync(Key, "export", "complaints", "--unit", "RSUD", "--from", "2026-12-01", "--to", "2026-12-01", "--format", "csv", "--out", file, "--labels");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("1 complaint written", stdout, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("ADU-2026-CLI01", text, StringComparison.Ordinal);
        Assert.Contains("'=1+1 loket", text, StringComparison.Ordinal);
        Assert.DoesNotContain("7301234567", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ADU-2026-CLI02", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportComplaints_WithoutPseudonymKey_PrintsOneLine_AndExitsTwo()
    {
        var file = Path.Combine(_cli.Folder, "c.json");

        var (exit, _, stderr) = await RunAsync(null, "export", "complaints", "--format", "json", "--out", file);

        Assert.Equal(2, exit);
        Assert.Contains("Exports:PseudonymKey is not set", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task ReportIkm_WithComplaintPeriod_ShowsComplaintFigures()
    {
        FileComplaint(7_301_234_567, "RSUD", "confidential", "Petugas meminta uang tambahan di luar tarif resmi", new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));

        var (exit, stdout, _) = await RunAsync(null, "report", "ikm", "--round", TestUnits.Round, "--from", "2026-12-01", "--to", "2026-12-31");

        Assert.Equal(0, exit);
        Assert.Contains("Periode: diajukan 2026-12-01 s.d. 2026-12-31 (WIB)", stdout, StringComparison.Ordinal);
        Assert.Contains("Kota (semua unit): 1 pengaduan; Pungutan liar 1", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ADU-2026-CLI01", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report", "ikm", "--round", TestUnits.Round)]
    [InlineData("export", "complaints", "--out", "x.csv")]
    public async Task FromAfterTo_PrintsOneLine_AndExitsTwo(params string[] verb)
    {
        var (exit, _, stderr) = await RunAsync(Key, [.. verb, "--from", "2026-12-31", "--to", "2026-12-01"]);

        Assert.Equal(2, exit);
        Assert.Equal("asnbot: --from is after --to", stderr.TrimEnd());
    }

    [Fact]
    public async Task Help_ExportComplaints_ExplainsEveryOption()
    {
        var (exit, stdout, _) = await RunAsync(null, "export", "complaints", "--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--unit", "--from", "--to", "--format", "--out", "--labels", "--events", "--bom" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RoundVerbs_CreateListOpenClose_WithTheAdminConversationsRules()
    {
        var (created, createdOut, _) = await RunAsync(null, "round", "create", "--name", "Semester I 2099", "--opens", "2099-01-01", "--closes", "2099-06-30", "--unit", "RSUD", "--unit", "DISDUKCAPIL");
        Assert.Equal(0, created);
        Assert.Contains("created semester-i-2099 \"Semester I 2099\" 01-01-2099 – 30-06-2099 (planned), units: DISDUKCAPIL RSUD", createdOut, StringComparison.Ordinal);

        var (_, listed, _) = await RunAsync(null, "round", "list");
        Assert.Contains("semester-i-2099\tplanned\t01-01-2099 – 30-06-2099\t0 responses\tSemester I 2099\tDISDUKCAPIL RSUD", listed, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync(null, "round", "open", "semester-i-2099")).Exit);
        Assert.Contains("semester-i-2099\topen\t", (await RunAsync(null, "round", "list")).Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(null, "round", "close", "semester-i-2099")).Exit);
        Assert.Contains("semester-i-2099\tclosed\t", (await RunAsync(null, "round", "list")).Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--unit", "RSUD", "overlap")]
    [InlineData("--unit", "NOPE", "Unknown unit NOPE")]
    [InlineData("--survey", "other", "Unknown survey other; available: skm-permenpanrb-14-2017")]
    public async Task RoundCreate_Refused_SaysWhyOnOneLine_AndChangesNothing(string option, string value, string reason)
    {
        Assert.Equal(0, (await RunAsync(null, "round", "create", "--code", "A", "--name", "A", "--opens", "2099-01-01", "--closes", "2099-06-30", "--unit", "RSUD")).Exit);

        var (exit, _, stderr) = await RunAsync(null, "round", "create", "--code", "B", "--name", "B", "--opens", "2099-03-01", "--closes", "2099-09-30", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(reason, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(1, _cli.Database.Count("SELECT COUNT(*) FROM survey_round"));
    }

    /// <summary>A filed complaint written through the real store, as the filing flow leaves it.</summary>
    private void FileComplaint(long residentId, string unit, string privacy, string description, DateTimeOffset at)
    {
        ReportData.Add(_cli.Database, residentId, unit, ReportData.All(3), at: at);
        using var work = _cli.Database.Begin();
        var store = work.Complaints;
        var id = store.CreateDraft(residentId, at);
        store.SaveDraft(new AsnBot.Data.Complaints.ComplaintRow
        {
            Id = id,
            Status = "draft",
            CreatedAt = at,
            CategoryCode = "PUNGLI",
            UnitCode = unit,
            Description = description,
            Privacy = privacy,
        });
        Assert.True(store.Submit(id, $"ADU-2026-CLI{++_filed:00}", null, at));
        work.Commit();
    }

    private Task<(int Exit, string Stdout, string Stderr)> RunAsync(string? key, params string[] args) => _cli.RunAsync(key, args);

    public void Dispose() => _cli.Dispose();
}

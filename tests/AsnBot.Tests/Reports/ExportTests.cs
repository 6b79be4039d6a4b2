using System.Globalization;
using System.Text;
using System.Text.Json;
using AsnBot.Data.Reports;
using AsnBot.Privacy;
using AsnBot.Reports;
using AsnBot.Reports.Export;
using AsnBot.Survey;
using AsnBot.Tests.Support;
using Options = Microsoft.Extensions.Options.Options;

namespace AsnBot.Tests.Reports;

public sealed class ExportTests : IDisposable
{
    private const string Key = "test-key-0123456789abcdef";

    // Long, distinctive Telegram ids: if one leaked into a file, a byte search would find it.
    private const long Ani = 7_301_234_567;
    private const long Budi = 7_309_876_543;

    private readonly BotHarness _bot = new();

    [Fact]
    public async Task Csv_RoundTrip_MatchesTheDatabase()
    {
        await SeedAsync();

        var bytes = await ExportAsync(new ExportFormat(ExportFileType.Csv, Labels: true));

        var rows = ExportFiles.ReadCsv(bytes);
        var stored = Stored();
        Assert.Equal(stored.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r["response_id"]));
        foreach (var (row, response) in rows.Zip(stored))
        {
            AssertRowMatches(row, response);
        }

        var ani = rows[0];
        Assert.Equal("Disdukcapil", ani["unit_label"]);
        Assert.Equal("KTP elektronik", ani["service_label"]);
        Assert.Equal("Sangat sesuai", ani["U1_label"]);
        Assert.Equal("Gratis", ani["U4_label"]);
        Assert.Equal("2026-11-30T16:00:00+07:00", ani["submitted_at"]);
    }

    [Fact]
    public async Task Xlsx_RoundTrip_MatchesTheDatabase_AndHasADataDictionary()
    {
        await SeedAsync();

        var sheets = XlsxReader.Read(await ExportAsync(new ExportFormat(ExportFileType.Xlsx)));

        var table = sheets[XlsxExportWriter.ResponsesSheet];
        var header = table[0];
        var rows = table.Skip(1).Select(r => header.Select((h, i) => (h!, i < r.Length ? r[i] : null)).ToDictionary(p => p.Item1, p => p.Item2)).ToList();
        foreach (var (row, response) in rows.Zip(Stored(), (a, b) => (a, b)))
        {
            AssertRowMatches(row, response);
        }

        Assert.Equal(Stored().Count, rows.Count);
        var dictionary = sheets[XlsxExportWriter.DictionarySheet];
        Assert.Contains(dictionary, r => r[0] == "U7" && r[2] == "4" && r[3] == "Sangat sopan dan ramah"
            && r[1]!.Contains("kesopanan dan keramahan petugas", StringComparison.Ordinal));
        Assert.Contains(dictionary, r => r[0] == "SARAN");
    }

    [Fact]
    public async Task Json_RoundTrip_KeepsTextUnaltered_AndScoresAsNumbers()
    {
        await SeedAsync();

        var lines = Encoding.UTF8.GetString(await ExportAsync(new ExportFormat(ExportFileType.Json))).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Stored().Count, lines.Length);
        using var budi = JsonDocument.Parse(lines[1]);
        Assert.Equal(JsonValueKind.Number, budi.RootElement.GetProperty("U1").ValueKind);
        Assert.Equal(2, budi.RootElement.GetProperty("U1").GetInt32());
        Assert.Equal("=HYPERLINK(\"http://x\")", budi.RootElement.GetProperty("SARAN").GetString());
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+62 812", "'+62 812")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("Pelayanan cepat", "Pelayanan cepat")]
    [InlineData("", "")]
    public void FormulaGuard_NeutralisesWhatASpreadsheetWouldRun(string text, string expected) =>
        Assert.Equal(expected, FormulaGuard.Neutralise(text));

    [Fact]
    public async Task FormulaInSuggestion_IsNeutralisedInCsvAndXlsx()
    {
        await SeedAsync();

        var csv = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv)));
        var xlsx = XlsxReader.Read(await ExportAsync(new ExportFormat(ExportFileType.Xlsx)))[XlsxExportWriter.ResponsesSheet];

        Assert.Equal("'=HYPERLINK(\"http://x\")", csv[1]["SARAN"]);
        var saran = Array.IndexOf(xlsx[0], "SARAN");
        Assert.Equal("'=HYPERLINK(\"http://x\")", xlsx[2][saran]);
    }

    [Theory]
    [InlineData(ExportFileType.Csv)]
    [InlineData(ExportFileType.Xlsx)]
    [InlineData(ExportFileType.Json)]
    public async Task Export_ContainsNoTelegramId_AndPseudonymsAreStable(ExportFileType type)
    {
        await SeedAsync();

        var first = await ExportAsync(new ExportFormat(type, Labels: true));
        var second = await ExportAsync(new ExportFormat(type, Labels: true));

        // XLSX is a deflated zip: search every entry's uncompressed bytes too, not just the compressed file.
        var contents = new List<byte[]> { first };
        if (type == ExportFileType.Xlsx)
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(first));
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                contents.Add(copy.ToArray());
            }

            Assert.True(contents.Count > 3);
        }

        foreach (var id in new[] { Ani, Budi })
        {
            var text = id.ToString(CultureInfo.InvariantCulture);
            Assert.All(contents, bytes =>
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)));
            });
        }

        if (type != ExportFileType.Xlsx)
        {
            Assert.Equal(first, second); // same key, same data: byte for byte the same pseudonyms
        }
    }

    [Fact]
    public async Task Pseudonyms_StableAcrossExports_DifferentPerKey_AndErasedResponsesUnlinkable()
    {
        await SeedAsync();
        var before = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv)));
        var otherKey = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv), key: "another-key-0123456789"));
        ReportData.Erase(_bot.Database, Budi);
        var after = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv)));

        Assert.Equal(new Pseudonymizer(Key).ForResident(Ani), before[0]["respondent"]);
        Assert.Equal(before[0]["respondent"], after[0]["respondent"]);
        Assert.Equal(before[0]["respondent"], before[2]["respondent"]); // Ani's two responses are linked
        Assert.Matches("^[A-Z2-7]{16}$", before[0]["respondent"]);
        Assert.NotEqual(before[0]["respondent"], otherKey[0]["respondent"]);
        Assert.NotEqual(before[1]["respondent"], after[1]["respondent"]); // Budi erased: no longer linkable
        Assert.Equal(new Pseudonymizer(Key).ForErasedResponse(long.Parse(after[1]["response_id"]!, CultureInfo.InvariantCulture)), after[1]["respondent"]);
    }

    [Fact]
    public async Task Drafts_AreExcludedByDefault_AndMarkedWhenIncluded()
    {
        await SeedAsync();
        ReportData.Add(_bot.Database, 55, "PKM", [4, 4, null, null, null, null, null, null, null], submit: false);

        var submitted = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv)));
        var all = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv), query: Query() with { IncludePartial = true }));

        Assert.All(submitted, r => Assert.Equal("submitted", r["status"]));
        var draft = Assert.Single(all, r => r["status"] == "draft");
        Assert.Equal(string.Empty, draft["submitted_at"]);
        Assert.Equal(string.Empty, draft["U3"]);
        Assert.Equal(submitted.Count + 1, all.Count);
    }

    [Fact]
    public async Task DateAndUnitFilters_UseCalendarDaysInTheConfiguredZone()
    {
        await SeedAsync();
        // 2026-12-01 23:30 WIB is 16:30 UTC the same day; 2026-12-02 00:30 WIB is 17:30 UTC on the 1st.
        ReportData.Add(_bot.Database, 61, "RSUD", ReportData.All(3), at: new DateTimeOffset(2026, 12, 1, 16, 30, 0, TimeSpan.Zero));
        ReportData.Add(_bot.Database, 62, "RSUD", ReportData.All(3), at: new DateTimeOffset(2026, 12, 1, 17, 30, 0, TimeSpan.Zero));

        var day = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv),
            query: Query() with { From = new DateOnly(2026, 12, 1), To = new DateOnly(2026, 12, 1) }));
        var rsud = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv), query: Query() with { Unit = "RSUD" }));

        Assert.Equal("2026-12-01T23:30:00+07:00", Assert.Single(day)["submitted_at"]);
        Assert.Equal(4, rsud.Count); // Budi, Ani again, and the two above
        Assert.All(rsud, r => Assert.Equal("RSUD", r["unit"]));
    }

    [Fact]
    public async Task Json_ManyRows_AllLinesComplete()
    {
        // Enough text to pass the writer's 64 KiB buffer several times.
        for (var i = 0; i < 300; i++)
        {
            ReportData.Add(_bot.Database, 10_000 + i, "PKM", ReportData.All((i % 4) + 1), suggestion: new string('x', 400) + i.ToString(CultureInfo.InvariantCulture));
        }

        var lines = Encoding.UTF8.GetString(await ExportAsync(new ExportFormat(ExportFileType.Json))).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(300, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            Assert.EndsWith(i.ToString(CultureInfo.InvariantCulture), line.RootElement.GetProperty("SARAN").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bom_OnlyWhenAsked()
    {
        await SeedAsync();

        var plain = await ExportAsync(new ExportFormat(ExportFileType.Csv));
        var bom = await ExportAsync(new ExportFormat(ExportFileType.Csv, Bom: true));

        Assert.Equal("response_id"u8.ToArray(), plain[..11]);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bom[..3]);
        Assert.Equal(plain, bom[3..]);
    }

    /// <summary>Ani (DISDUK, KTP, all 4) through the real engine; Budi with a formula as suggestion; then Ani again at RSUD.</summary>
    private async Task SeedAsync()
    {
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var ani = await _bot.Resident(Ani).Consent();
        await ani.Press("Disdukcapil");
        await ani.Press("KTP elektronik");
        for (var i = 0; i < 4; i++)
        {
            await ani.Press("Lewati");
        }

        foreach (var question in _bot.Survey.Questions.Where(q => q.Group == QuestionGroup.Element))
        {
            await ani.Press($"4 · {question.Option("4")!.Label.Id}");
        }

        await ani.Text("Antrian sudah tertib, terima kasih; \"mantap\"\nbaris kedua");
        await ani.Press("Kirim ✓");
        ReportData.Add(_bot.Database, Budi, "RSUD", ReportData.All(2), suggestion: "=HYPERLINK(\"http://x\")", at: ReportData.Noon.AddMinutes(5));
        ReportData.Add(_bot.Database, Ani, "RSUD", ReportData.All(3), at: ReportData.Noon.AddMinutes(10));
    }

    private static ExportQuery Query() => new() { Round = TestUnits.Round };

    private async Task<byte[]> ExportAsync(ExportFormat format, ExportQuery? query = null, string key = Key)
    {
        var exporter = new ResponseExporter(
            _bot.Database.Reports,
            _bot.Survey,
            Options.Create(_bot.Options),
            Options.Create(new ExportsOptions { PseudonymKey = key }));
        using var output = new MemoryStream();
        await exporter.ExportAsync(query ?? Query(), format, output, CancellationToken.None);
        return output.ToArray();
    }

    private List<AsnBot.Data.Responses.ResponseRow> Stored() =>
        [.. _bot.Database.Rows<AsnBot.Data.Responses.ResponseRow>(
            """
            SELECT id AS Id, resident_id AS ResidentId, round_code AS RoundCode, unit_code AS UnitCode, service_code AS ServiceCode,
                   survey_id AS SurveyId, survey_version AS SurveyVersion, status AS Status, started_at AS StartedAt, submitted_at AS SubmittedAt
            FROM response WHERE status = 'submitted' ORDER BY id
            """)];

    private void AssertRowMatches(Dictionary<string, string?> row, AsnBot.Data.Responses.ResponseRow response)
    {
        Assert.Equal(response.UnitCode, row["unit"]);
        Assert.Equal(response.RoundCode, row["round"]);
        Assert.Equal(response.ServiceCode ?? string.Empty, row["service"] ?? string.Empty);
        Assert.Equal(response.SurveyId, row["survey_id"]);
        Assert.Equal(response.SurveyVersion.ToString(CultureInfo.InvariantCulture), row["survey_version"]);
        Assert.Equal(response.Status, row["status"]);
        Assert.Equal(response.SubmittedAt, DateTimeOffset.Parse(row["submitted_at"]!, CultureInfo.InvariantCulture));
        var answers = _bot.Database.Rows<(string Code, string? Value)>(
            "SELECT question_code, COALESCE(answer_code, answer_text) FROM answer WHERE response_id = @id", new { id = response.Id });
        foreach (var (code, value) in answers)
        {
            Assert.Equal(FormulaGuard.Neutralise(value), row[code]);
        }

        foreach (var code in _bot.Survey.Questions.Select(q => q.Code).Except(answers.Select(a => a.Code)))
        {
            Assert.True(string.IsNullOrEmpty(row[code]), $"{code} should be empty");
        }
    }

    public void Dispose() => _bot.Dispose();
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AsnBot.Data.Reports;
using AsnBot.Privacy;
using AsnBot.Reports;
using AsnBot.Reports.Complaints;
using AsnBot.Reports.Export;
using AsnBot.Tests.Support;
using Options = Microsoft.Extensions.Options.Options;

namespace AsnBot.Tests.Reports;

public sealed class ComplaintExportTests : IDisposable
{
    private const string Key = CliHarness.Key;

    private readonly BotHarness _bot = new();

    [Fact]
    public async Task Csv_RoundTrip_MatchesTheDatabase_OneRowPerFiledComplaint()
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);

        var rows = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv, Labels: true)));

        var stored = Stored();
        Assert.Equal(6, stored.Count); // Gita's draft is not a complaint yet
        Assert.Equal(stored.Select(c => c.TrackingNo), rows.Select(r => r["tracking_no"]));
        foreach (var (row, complaint) in rows.Zip(stored))
        {
            Assert.Equal(complaint.CategoryCode, row["category"]);
            Assert.Equal(complaint.UnitCode, row["unit"]);
            Assert.Equal(complaint.Status, row["status"]);
            Assert.Equal(complaint.Privacy, row["privacy"]);
            Assert.Equal(complaint.SubmittedAt, Instant(row["submitted_at"]));
            Assert.Equal(complaint.FirstResponseAt, Instant(row["first_response_at"]));
            Assert.Equal(complaint.ResolvedAt, Instant(row["resolved_at"]));
            Assert.Equal(complaint.PhotoCount.ToString(CultureInfo.InvariantCulture), row["photo_count"]);
            Assert.Equal(complaint.HasLocation ? "1" : "0", row["has_location"]);
            Assert.Equal(complaint.Privacy == "confidential" ? string.Empty : FormulaGuard.Neutralise(complaint.Description), row["description"]);
        }

        var ani = rows.Single(r => r["tracking_no"] == scenario.Numbers[ComplaintScenario.Ani]);
        Assert.Equal(("2", "1", "2", "1", "5"), (ani["photo_count"], ani["has_location"], ani["working_days_to_first_response"], ani["first_response_in_time"], ani["working_days_to_resolution"]));
        Assert.Equal(("Pungutan liar", "Disdukcapil", "Selesai"), (ani["category_label"], ani["unit_label"], ani["status_label"]));
        Assert.Equal("2026-12-21T10:00:00+07:00", ani["submitted_at"]);
        var dewi = rows.Single(r => r["tracking_no"] == scenario.Numbers[ComplaintScenario.Dewi]);
        Assert.Equal(("2027-01-04", "0", string.Empty), (dewi["first_response_due"], dewi["first_response_in_time"], dewi["working_days_to_first_response"]));
        Assert.Equal(string.Empty, rows.Single(r => r["tracking_no"] == scenario.Numbers[ComplaintScenario.Eko])["first_response_in_time"]); // not yet due
    }

    [Fact]
    public async Task UnitOutsideTheList_IsExportedAsLainWithItsName_ExceptForConfidentialComplaints()
    {
        var named = await (await _bot.Resident(7_501).Consent()).FileComplaint(privacy: "Teridentifikasi", otherUnit: "Kantor Lurah Sei Merbau");
        var confidential = await (await _bot.Resident(7_502).Consent()).FileComplaint(privacy: "Rahasia", otherUnit: "Kantor Camat Datuk Bandar");
        var listed = await (await _bot.Resident(7_503).Consent()).FileComplaint();

        var rows = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv, Labels: true)));

        Assert.Equal(("LAIN", "Kantor Lurah Sei Merbau"), (rows.Single(r => r["tracking_no"] == named)["unit"], rows.Single(r => r["tracking_no"] == named)["unit_other"]));
        Assert.Equal(("LAIN", string.Empty), (rows.Single(r => r["tracking_no"] == confidential)["unit"], rows.Single(r => r["tracking_no"] == confidential)["unit_other"]));
        Assert.Equal(("DISDUK", "Disdukcapil", string.Empty), (rows.Single(r => r["tracking_no"] == listed)["unit"], rows.Single(r => r["tracking_no"] == listed)["unit_label"], rows.Single(r => r["tracking_no"] == listed)["unit_other"]));
    }

    [Fact]
    public async Task Xlsx_HasComplaintsEventsAndDictionary_AndTheTrailMatchesTheDatabase()
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);

        var sheets = XlsxReader.Read(await ExportAsync(new ExportFormat(ExportFileType.Xlsx)));

        Assert.Equal(Stored().Select(c => c.TrackingNo), sheets[ComplaintExporter.ComplaintsSheet].Skip(1).Select(r => r[0]));
        var events = sheets[ComplaintExporter.EventsSheet];
        Assert.Equal("tracking_no,at,actor,from_status,to_status,note", string.Join(',', events[0]));
        var trail = _bot.Database.Rows<(string TrackingNo, string Actor, string? From, string To, string? Note)>(
            """
            SELECT c.tracking_no, e.actor, e.from_status, e.to_status, e.note FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id
            WHERE c.status <> 'draft' ORDER BY c.submitted_at, c.id, e.id
            """);
        Assert.Equal(trail.Count, events.Count - 1);
        foreach (var (row, stored) in events.Skip(1).Zip(trail))
        {
            Assert.Equal((stored.TrackingNo, stored.Actor, stored.From, stored.To), (row[0], row[2], row[3], row[4]));
            var confidential = stored.TrackingNo == scenario.Numbers[ComplaintScenario.Citra];
            Assert.Equal(confidential ? null : FormulaGuard.Neutralise(stored.Note), row.ElementAtOrDefault(5));
        }

        Assert.Contains(events, r => r[2] == $"admin:{TestUnits.AdminId}" && r[5] == "Kami sedang memeriksa antrean loket.");
        Assert.Contains(events, r => r[0] == scenario.Numbers[ComplaintScenario.Budi] && r[2] == "resident" && r[4] == "submitted");
        Assert.Contains(sheets[XlsxExportWriter.DictionarySheet], r => r[0] == "privacy" && r[2] == "confidential" && r[3] == "Rahasia");
    }

    [Fact]
    public async Task Events_InCsvAndJson_AreTheTrailOfTheSelectedComplaints()
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);

        var csv = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv), new ComplaintExportQuery { Events = true, Unit = "RSUD" }));
        var json = Lines(await ExportAsync(new ExportFormat(ExportFileType.Json), new ComplaintExportQuery { Events = true, Unit = "RSUD" }));

        Assert.All(csv, r => Assert.Contains(r["tracking_no"], new[] { scenario.Numbers[ComplaintScenario.Citra], scenario.Numbers[ComplaintScenario.Dewi] }));
        Assert.Equal(["submitted", "verified", "verified", "resolved", "submitted"], csv.Select(r => r["to_status"]));
        Assert.Equal(csv.Count, json.Count);
        Assert.All(json, line => Assert.Equal(JsonValueKind.Null, line.RootElement.GetProperty("note").ValueKind));
    }

    [Fact]
    public async Task Json_KeepsTextUnaltered_AndNumbersAsNumbers()
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);

        var lines = Lines(await ExportAsync(new ExportFormat(ExportFileType.Json)));

        var eko = lines.Single(l => l.RootElement.GetProperty("tracking_no").GetString() == scenario.Numbers[ComplaintScenario.Eko]).RootElement;
        Assert.Equal(ComplaintScenario.FormulaDescription, eko.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Number, eko.GetProperty("photo_count").ValueKind);
        Assert.Equal(JsonValueKind.Null, eko.GetProperty("working_days_to_first_response").ValueKind);
    }

    [Fact]
    public async Task DescriptionStartingWithEquals_IsNeutralisedInCsvAndXlsx()
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);
        var eko = scenario.Numbers[ComplaintScenario.Eko];

        var csv = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv)));
        var xlsx = XlsxReader.Read(await ExportAsync(new ExportFormat(ExportFileType.Xlsx)))[ComplaintExporter.ComplaintsSheet];

        Assert.Equal("'" + ComplaintScenario.FormulaDescription, csv.Single(r => r["tracking_no"] == eko)["description"]);
        Assert.Equal("'" + ComplaintScenario.FormulaDescription, xlsx.Single(r => r[0] == eko)[Array.IndexOf(xlsx[0], "description")]);
    }

    [Theory]
    [InlineData(ExportFileType.Csv, false)]
    [InlineData(ExportFileType.Csv, true)]
    [InlineData(ExportFileType.Json, false)]
    [InlineData(ExportFileType.Json, true)]
    [InlineData(ExportFileType.Xlsx, false)]
    public async Task AnonymousAndConfidentialReporters_AppearNowhere_NotEvenAsPseudonym(ExportFileType type, bool events)
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);
        var pseudonyms = new Pseudonymizer(Key);

        var contents = await Contents(await ExportAsync(new ExportFormat(type, Labels: true), new ComplaintExportQuery { Events = events }));

        // No Telegram id of any reporter, and no pseudonym of one who did not file identified.
        var forbidden = new[] { ComplaintScenario.Ani, ComplaintScenario.Budi, ComplaintScenario.Citra, ComplaintScenario.Dewi, ComplaintScenario.Eko, ComplaintScenario.Fajar }
            .Select(id => id.ToString(CultureInfo.InvariantCulture))
            .Concat(new[] { ComplaintScenario.Budi, ComplaintScenario.Fajar, ComplaintScenario.Citra }.SelectMany(id => new[] { pseudonyms.ForResident(id), pseudonyms.ForReporter(id) }))
            .Append(ComplaintScenario.ConfidentialNote);
        foreach (var text in forbidden)
        {
            Assert.All(contents, bytes =>
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)));
            });
        }

        if (!events)
        {
            Assert.Contains(contents, bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(pseudonyms.ForReporter(ComplaintScenario.Ani))) >= 0);
        }
    }

    [Fact]
    public async Task IdentifiedReporter_HasAPseudonymOfItsOwn_NotJoinableToTheirSurveyResponses()
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);

        var file = await ExportAsync(new ExportFormat(ExportFileType.Csv));
        var complaints = ExportFiles.ReadCsv(file);
        var responses = ExportFiles.ReadCsv(await ExportResponsesAsync());

        var respondent = Assert.Single(responses)["respondent"];
        var reporter = complaints.Single(r => r["tracking_no"] == scenario.Numbers[ComplaintScenario.Ani])["reporter"];
        Assert.Equal(new Pseudonymizer(Key).ForReporter(ComplaintScenario.Ani), reporter);
        Assert.NotEqual(respondent, reporter);
        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(respondent!)));
        Assert.Matches("^[A-Z2-7]{16}$", complaints.Single(r => r["tracking_no"] == scenario.Numbers[ComplaintScenario.Dewi])["reporter"]);
        foreach (var other in new[] { ComplaintScenario.Budi, ComplaintScenario.Citra, ComplaintScenario.Fajar })
        {
            Assert.Equal(string.Empty, complaints.Single(r => r["tracking_no"] == scenario.Numbers[other])["reporter"]);
        }
    }

    [Fact]
    public async Task ErasedIdentifiedReporter_HasNoPseudonymAnyMore()
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);
        ReportData.Erase(_bot.Database, ComplaintScenario.Dewi);

        var rows = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv)));

        Assert.Equal(string.Empty, rows.Single(r => r["tracking_no"] == scenario.Numbers[ComplaintScenario.Dewi])["reporter"]);
    }

    [Fact]
    public async Task DateAndUnitFilters_ByDayOfSubmission()
    {
        var scenario = await ComplaintScenario.BuildAsync(_bot);

        var period = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv), new ComplaintExportQuery { From = new DateOnly(2026, 12, 1), To = new DateOnly(2026, 12, 23) }));
        var rsud = ExportFiles.ReadCsv(await ExportAsync(new ExportFormat(ExportFileType.Csv), new ComplaintExportQuery { Unit = "RSUD" }));

        Assert.Equal(new[] { ComplaintScenario.Budi, ComplaintScenario.Ani, ComplaintScenario.Citra }.Select(r => scenario.Numbers[r]), period.Select(r => r["tracking_no"]));
        Assert.Equal(new[] { ComplaintScenario.Citra, ComplaintScenario.Dewi }.Select(r => scenario.Numbers[r]), rsud.Select(r => r["tracking_no"]));
    }

    private Task<byte[]> ExportAsync(ExportFormat format, ComplaintExportQuery? query = null) =>
        Run(output => new ComplaintExporter(
            _bot.Database.ComplaintReports,
            Options.Create(_bot.Complaints),
            Options.Create(_bot.Options),
            Options.Create(new ExportsOptions { PseudonymKey = Key }),
            _bot.Texts,
            _bot.Clock).ExportAsync(query ?? new ComplaintExportQuery(), format, output, CancellationToken.None));

    private Task<byte[]> ExportResponsesAsync() =>
        Run(output => new ResponseExporter(
            _bot.Database.Reports,
            _bot.Survey,
            Options.Create(_bot.Options),
            Options.Create(new ExportsOptions { PseudonymKey = Key })).ExportAsync(
                new ExportQuery { Round = TestUnits.Round }, new ExportFormat(ExportFileType.Csv), output, CancellationToken.None));

    private static async Task<byte[]> Run(Func<Stream, Task<long>> export)
    {
        using var output = new MemoryStream();
        await export(output);
        return output.ToArray();
    }

    /// <summary>The file, and for XLSX (a deflated zip) every entry's uncompressed bytes too.</summary>
    private static async Task<List<byte[]>> Contents(byte[] file)
    {
        var contents = new List<byte[]> { file };
        if (file.AsSpan().StartsWith("PK"u8))
        {
            using var zip = new ZipArchive(new MemoryStream(file));
            foreach (var entry in zip.Entries)
            {
                await using var stream = entry.Open();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                contents.Add(copy.ToArray());
            }
        }

        return contents;
    }

    private List<StoredComplaint> Stored() =>
        [.. _bot.Database.Rows<StoredComplaint>(
            """
            SELECT id AS Id, tracking_no AS TrackingNo, resident_id AS ResidentId, category_code AS CategoryCode, unit_code AS UnitCode,
                   description AS Description, latitude IS NOT NULL AS HasLocation, privacy AS Privacy, status AS Status,
                   submitted_at AS SubmittedAt, first_response_at AS FirstResponseAt, resolved_at AS ResolvedAt,
                   (SELECT COUNT(*) FROM complaint_photo p WHERE p.complaint_id = complaint.id) AS PhotoCount
            FROM complaint WHERE status <> 'draft' ORDER BY submitted_at, id
            """)];

    private static DateTimeOffset? Instant(string? text) =>
        string.IsNullOrEmpty(text) ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static List<JsonDocument> Lines(byte[] bytes) =>
        [.. Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l))];

    public void Dispose() => _bot.Dispose();
}

using AsnBot.Data.Rounds;
using AsnBot.Rounds;
using AsnBot.Tests.Support;
using Dapper;

namespace AsnBot.Tests.Rounds;

public sealed class RoundTests : IDisposable
{
    private readonly BotHarness _bot = new(openRound: false);

    [Fact]
    public async Task WithNoRoundOpen_StartSaysWhenTheNextOpens_AndStoresNoDraft()
    {
        Create(new RoundRequest(null, "Semester I 2027", new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30), ["RSUD"]));
        var resident = await _bot.Resident(1).Consent();

        Assert.Contains("Survei berikutnya, Semester I 2027, dibuka 01-01-2027 – 30-06-2027", resident.Last.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(resident.Last.Buttons, b => b.Label == "RSUD Dr. Tengku Mansyur");
        await resident.Command("start");
        Assert.Contains("belum ada survei yang dibuka", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM response"));
    }

    [Fact]
    public async Task ResponsesBelongToTheRoundOpenForTheUnit_AndOnlyItsUnitsAreOffered()
    {
        Create(new RoundRequest("2026-A", "Putaran A", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), ["RSUD", "PKM"]));
        var resident = _bot.Resident(1);
        await resident.Consent();

        var units = resident.Last.Buttons.Select(b => b.Label).ToList();
        Assert.Contains("RSUD Dr. Tengku Mansyur", units);
        Assert.Contains("Puskesmas Datuk Bandar", units);
        Assert.DoesNotContain("Disdukcapil", units);

        await resident.CompleteSurvey("RSUD Dr. Tengku Mansyur");
        Assert.Equal("2026-A", _bot.Database.Rows<string>("SELECT round_code FROM response WHERE status = 'submitted'").Single());
    }

    [Fact]
    public async Task DeepLinkToAUnitOutsideTheOpenRound_IsExplained()
    {
        Create(new RoundRequest("2026-A", "Putaran A", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), ["RSUD"]));
        var resident = _bot.Resident(1);
        await resident.Command("start", "u_SAMSAT");
        await resident.Press("Setuju");

        Assert.Contains(resident.Messages, m => m.Text.Contains("Survei untuk UPT Samsat sedang tidak dibuka", StringComparison.Ordinal));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM response"));
    }

    [Fact]
    public async Task ARoundClosingWhileTheResidentAnswers_RefusesTheSubmission()
    {
        Create(new RoundRequest("2026-A", "Putaran A", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), ["RSUD"]));
        var resident = await _bot.Resident(1).ToFirstElement();
        await resident.AnswerElements(3);
        await resident.Press("Lewati");
        using (var work = _bot.Database.Begin())
        {
            RoundPlanner.Close(work, "2026-A", _bot.Clock.GetUtcNow());
            work.Commit();
        }

        await resident.Press("Kirim ✓");

        Assert.Contains("sudah ditutup sebelum jawaban Anda terkirim", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM response WHERE status = 'submitted'"));
    }

    [Theory]
    [InlineData(2026, 12, 1, 2027, 1, 31, "RSUD", "round.error.overlap")]
    [InlineData(2027, 1, 1, 2027, 6, 30, "NOPE", "round.error.unit")]
    [InlineData(2027, 6, 30, 2027, 1, 1, "RSUD", "round.error.order")]
    [InlineData(2026, 1, 1, 2026, 6, 30, "RSUD", "round.error.past")]
    public void ThePlannerRefusesWhatWouldMakeTheRoundOfAResponseAmbiguousOrWrong(int y1, int m1, int d1, int y2, int m2, int d2, string unit, string key)
    {
        Create(new RoundRequest("2026-A", "Putaran A", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), ["RSUD", "PKM"]));

        var refused = Assert.Throws<RoundRefusedException>(() =>
            Create(new RoundRequest("2027-B", "Putaran B", new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2), [unit])));

        Assert.Equal(key, refused.Key);
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM survey_round"));
    }

    [Fact]
    public void RoundsOfDifferentUnitsMayOverlap_AndOpenAndCloseMoveOnlyTheirDates()
    {
        Create(new RoundRequest("2026-A", "Putaran A", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), ["RSUD"]));
        var b = Create(new RoundRequest(null, "Semester I 2027", new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30), ["RSUD", "PKM"]));
        Assert.Equal("semester-i-2027", b.Code);

        // Opening B now would overlap A for RSUD; closing A first makes room.
        var clash = Assert.Throws<RoundRefusedException>(() => Change(work => RoundPlanner.Open(work, b.Code, _bot.Clock.GetUtcNow())));
        Assert.Equal("round.error.overlap", clash.Key);
        Change(work => RoundPlanner.Close(work, "2026-A", _bot.Clock.GetUtcNow()));
        var opened = Change(work => RoundPlanner.Open(work, b.Code, _bot.Clock.GetUtcNow()));

        Assert.Equal(_bot.Clock.GetUtcNow(), opened.OpensAt);
        Assert.Equal(b.ClosesAt, opened.ClosesAt);
        Assert.Equal("round.error.alreadyOpen", Assert.Throws<RoundRefusedException>(() => Change(work => RoundPlanner.Open(work, b.Code, _bot.Clock.GetUtcNow()))).Key);
    }

    [Fact]
    public async Task AdminCreatesARoundStepByStep_InTelegram()
    {
        var admin = _bot.Actor(TestUnits.AdminId, TestUnits.AdminId);
        await admin.Command("putaran_baru");
        Assert.Contains("Nama putaran?", admin.Last.Text, StringComparison.Ordinal);
        await admin.Text("Semester I 2027");
        await admin.Text("kemarin");
        Assert.Contains("Tanggal tidak terbaca", admin.Last.Text, StringComparison.Ordinal);
        await admin.Text("01-01-2027");
        await admin.Text("30-06-2027");
        await admin.PressLabel("RSUD");
        await admin.PressLabel("Puskesmas");
        await admin.PressLabel("✓ Puskesmas");
        Assert.Contains("(1 dipilih)", admin.Last.Text, StringComparison.Ordinal);
        await admin.PressLabel("Lanjut");
        Assert.Contains("Kode: semester-i-2027", admin.Last.Text, StringComparison.Ordinal);
        Assert.Contains("• RSUD Dr. Tengku Mansyur", admin.Last.Text, StringComparison.Ordinal);
        await admin.PressLabel("Buat");

        Assert.Contains("Putaran «Semester I 2027» (kode semester-i-2027) dibuat: 01-01-2027 – 30-06-2027", admin.Last.Text, StringComparison.Ordinal);
        using var work = _bot.Database.Begin();
        var round = work.Rounds.Find("semester-i-2027")!;
        Assert.Equal(["RSUD"], round.Units);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero), round.OpensAt);
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 17, 0, 0, TimeSpan.Zero), round.ClosesAt);
        Assert.Equal(0, work.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM admin_session", transaction: work.Transaction));
    }

    [Fact]
    public async Task TheWizardCanBeCancelled_AndItsOldButtonsThenDoNothing()
    {
        var admin = _bot.Actor(TestUnits.AdminId, TestUnits.AdminId);
        await admin.Command("putaran_baru");
        await admin.Text("Semester I 2027");
        await admin.Text("01-01-2027");
        await admin.Text("30-06-2027");
        var unitsMessage = admin.Last;
        await admin.Command("batal");
        Assert.Contains("Pembuatan putaran dibatalkan", admin.Last.Text, StringComparison.Ordinal);

        await admin.PressData(unitsMessage.Id, unitsMessage.Buttons.Last().Data);

        Assert.Contains(_bot.Transcript.Answers, a => a.Text == _bot.Texts.Get(AsnBot.Texts.Language.Id, "button.stale"));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM survey_round"));
    }

    [Fact]
    public async Task Putaran_ShowsResponsesPerUnitAgainstTheMinimumSample()
    {
        var options = TestUnits.Options();
        options.Units.First(u => u.Code == "RSUD").ServiceUsers = 10;
        using var bot = new BotHarness(options);
        await bot.Resident(1).CompleteSurvey("RSUD Dr. Tengku Mansyur");
        await bot.Resident(2).CompleteSurvey("RSUD Dr. Tengku Mansyur");
        var admin = bot.Actor(TestUnits.AdminId, TestUnits.AdminId);

        await admin.Command("putaran");

        // Krejcie & Morgan for N = 10 is 10: two responses are short of it.
        Assert.Equal(10, AsnBot.Reports.Ikm.KrejcieMorgan.MinimumSample(10));
        Assert.Contains("• RSUD Dr. Tengku Mansyur: 2 / minimal 10 responden ✗ (N = 10)", admin.Last.Text, StringComparison.Ordinal);
        Assert.Contains("• Disdukcapil: 0 responden (jumlah pengguna layanan belum diatur", admin.Last.Text, StringComparison.Ordinal);
        Assert.Contains("Putaran «Semester II 2026» (2026-TEST)", admin.Last.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("putaran")]
    [InlineData("putaran_baru")]
    [InlineData("siaran")]
    public async Task RoundAndBroadcastCommands_DoNotExistForResidents(string command)
    {
        var resident = await _bot.Resident(5).Consent();
        await resident.Command(command);

        Assert.Equal(_bot.Texts.Get(AsnBot.Texts.Language.Id, "command.unknown"), resident.Last.Text);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM admin_session"));
    }

    private RoundRow Create(RoundRequest request) => Change(work => _bot.Planner.Create(work, request, _bot.Clock.GetUtcNow()));

    private RoundRow Change(Func<AsnBot.Data.UnitOfWork, RoundRow> change)
    {
        using var work = _bot.Database.Begin();
        var round = change(work);
        work.Commit();
        return round;
    }

    public void Dispose() => _bot.Dispose();
}

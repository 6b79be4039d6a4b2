using AsnBot.Tests.Support;

namespace AsnBot.Tests.Engine;

/// <summary>Typing where a button is expected: an option number, a label or an obvious yes/no is a press.</summary>
public sealed class TypedAnswerTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task TypedNumberLabelOrAccentedLabel_AnswersTheQuestionLikeAPress()
    {
        var resident = await _bot.Resident(1301).ToFirstElement();

        await resident.Text("4");
        await resident.Text("  SANGAT   mudah ");
        await resident.Text("Cépat");

        Assert.StartsWith("Pertanyaan 4 dari 9", resident.Last.Text, StringComparison.Ordinal);
        var answers = _bot.Database.Rows<(string Code, string Answer)>("SELECT question_code, answer_code FROM answer ORDER BY question_code");
        Assert.Equal([("U1", "4"), ("U2", "4"), ("U3", "3")], answers);
    }

    [Fact]
    public async Task TypedNumber_OnAScreenWithoutNumberedLabels_PicksThatButton()
    {
        var resident = _bot.Resident(1302);
        await resident.Command("start", "u_RSUD");
        await resident.Press("Setuju");

        await resident.Text("2");

        Assert.Equal("A2", _bot.Database.Rows<string>("SELECT answer_code FROM answer WHERE question_code = 'AGE'").Single());
    }

    [Fact]
    public async Task TypedNumber_CountsTheChoices_NotTheBackButtonBetweenThem()
    {
        var resident = _bot.Resident(1320);
        await resident.Command("start", "u_RSUD");
        await resident.Press("Setuju");
        await resident.Text("2");
        Assert.StartsWith("Profil responden (2 dari 4", resident.Last.Text, StringComparison.Ordinal);

        // Jenis kelamin: Laki-laki, Perempuan, "‹ Kembali", Lewati. A typed 3 is the third choice (Lewati), not the way back.
        await resident.Text("3");

        Assert.StartsWith("Profil responden (3 dari 4", resident.Last.Text, StringComparison.Ordinal);
        await resident.Text("9");
        Assert.StartsWith("Mohon pilih", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("Profil responden (3 dari 4", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedDigitOrNo_WhereTheStepTakesText_IsTheSuggestion()
    {
        var resident = await _bot.Resident(1303).ToFirstElement();
        await resident.AnswerElements(3);

        await resident.Text("1");

        Assert.Equal("1", _bot.Database.Rows<string>("SELECT answer_text FROM answer WHERE question_code = 'SARAN'").Single());
        await resident.Text("kirim");
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM response WHERE status = 'submitted'"));
    }

    [Fact]
    public async Task TypedSetuju_BeforeConsent_Consents_AndShowsTheMenu()
    {
        var resident = _bot.Resident(1304);
        await resident.Command("start");

        await resident.Text("setuju");

        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM resident WHERE user_id = 1304"));
        Assert.StartsWith("Terima kasih, persetujuan Anda sudah dicatat.\n\nApa yang ingin Anda lakukan?", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedNumber_BeforeConsent_DoesNotConsent()
    {
        var resident = _bot.Resident(1308);
        await resident.Command("start");

        await resident.Text("1");

        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM resident"));
        Assert.Contains("Apakah Anda setuju?", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedWholeLabelOrHashNumber_AnswersToo()
    {
        var resident = await _bot.Resident(1309).ToFirstElement();

        await resident.Text("1 · Tidak sesuai");
        await resident.Text("#2");

        var answers = _bot.Database.Rows<(string Code, string Answer)>("SELECT question_code, answer_code FROM answer ORDER BY question_code");
        Assert.Equal([("U1", "1"), ("U2", "2")], answers);
    }

    [Fact]
    public async Task TypedYa_AfterHapus_ErasesTheData()
    {
        var resident = await _bot.Resident(1305).ToFirstElement();
        await resident.Command("hapus");

        await resident.Text("ya");

        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM resident"));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM session"));
    }

    [Fact]
    public async Task EraseConfirmation_IsNotReplacedByTheSurvey_WhenSomethingElseIsTyped()
    {
        var resident = await _bot.Resident(1306).ToFirstElement();
        await resident.Command("hapus");
        var confirmation = resident.Last.Text;

        await resident.Text("hmm, sebentar");

        Assert.EndsWith(confirmation, resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(["Ya, hapus data saya", "Tidak"], resident.Last.Buttons.Select(b => b.Label));
        Assert.Empty(_bot.Database.Rows<string>("SELECT question_code FROM answer"));

        await resident.Text("tidak");
        Assert.StartsWith("Penghapusan dibatalkan", resident.Messages[^2].Text, StringComparison.Ordinal);
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM resident"));
    }

    [Fact]
    public async Task TypedCategory_ChoosesItInTheComplaintFlow()
    {
        var resident = await _bot.Resident(1307).Consent();
        await resident.Command("lapor");

        await resident.Text("pungutan LIAR");
        await resident.Text("disdukcapil");

        Assert.Equal(
            ("PUNGLI", "DISDUK"),
            _bot.Database.Rows<(string, string)>("SELECT category_code, unit_code FROM complaint WHERE resident_id = 1307").Single());
    }

    [Fact]
    public async Task TypedYa_ToTheResolvedQuestionAnAdminCaused_ClosesTheComplaint()
    {
        var resident = await _bot.Resident(1310).Consent();
        var number = await resident.FileComplaint();
        var admin = _bot.AdminInGroup();
        await admin.Press(number, "Verifikasi");
        await admin.Press(number, "Proses");
        await admin.Press(number, "Selesai");

        await resident.Text("ya");

        Assert.Equal($"Terima kasih. Pengaduan {number} ditutup.", resident.Last.Text);
        Assert.Equal("closed", _bot.Database.Rows<string>("SELECT status FROM complaint WHERE tracking_no = @number", new { number }).Single());
    }

    [Fact]
    public async Task TypedNumber_MeantForTheSurvey_DoesNotAnswerTheResolvedQuestionThatArrivedMeanwhile()
    {
        var resident = await _bot.Resident(1311).Consent();
        var number = await resident.FileComplaint();
        await resident.Command("start");
        await resident.Press("RSUD Dr. Tengku Mansyur");
        for (var i = 0; i < 4; i++)
        {
            await resident.Press("Lewati");
        }

        var admin = _bot.AdminInGroup();
        await admin.Press(number, "Verifikasi");
        await admin.Press(number, "Proses");
        await admin.Press(number, "Selesai");

        // "1" is the survey's "1 · Tidak sesuai"; on a yes/no question a bare number names no answer.
        await resident.Text("1");

        Assert.Equal("resolved", _bot.Database.Rows<string>("SELECT status FROM complaint WHERE tracking_no = @number", new { number }).Single());
        Assert.Contains("Belum selesai", resident.Last.Buttons.Select(b => b.Label));
        await resident.Text("2");
        Assert.Equal("resolved", _bot.Database.Rows<string>("SELECT status FROM complaint WHERE tracking_no = @number", new { number }).Single());
    }

    [Fact]
    public async Task TypedDigit_WhereTheUnitOutsideTheListIsNamed_IsTheName_NotTheBackButton()
    {
        var resident = await _bot.Resident(1312).Consent();
        await resident.Command("lapor");
        await resident.Press("Pungutan liar");
        await resident.Press("Unit lain…");

        await resident.Text("1");

        Assert.StartsWith("Nama unit 1 karakter", resident.Last.Text, StringComparison.Ordinal);
        await resident.Text("Kantor Lurah Pahang");
        Assert.Equal("Kantor Lurah Pahang", _bot.Database.Rows<string>("SELECT unit_name FROM complaint WHERE resident_id = 1312").Single());
    }

    [Fact]
    public async Task AfterErasureIsCancelled_TheInterruptedQuestionIsShownAgain_AndATypedNumberAnswersIt()
    {
        var resident = await _bot.Resident(1313).ToFirstElement();
        await resident.Command("hapus");
        await resident.Text("tidak");

        Assert.StartsWith("Pertanyaan 1 dari 9", resident.Last.Text, StringComparison.Ordinal);
        await resident.Text("4");

        Assert.Equal([("U1", "4")], _bot.Database.Rows<(string, string)>("SELECT question_code, answer_code FROM answer"));
    }
}

using AsnBot.Tests.Support;

namespace AsnBot.Tests.Survey;

public sealed class SurveyFlowTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task CompleteSurvey_StoresEachElementAsCodeWithSurveyIdAndVersion()
    {
        var resident = _bot.Resident(501);

        await resident.CompleteSurvey("RSUD Dr. Tengku Mansyur", score: 4, suggestion: "Antrean perlu nomor.");

        var answers = _bot.Database.SubmittedAnswers(501);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"U{i}").Append("SARAN").Order(), answers.Keys.Order());
        Assert.All(answers.Where(a => a.Key != "SARAN"), a => Assert.Equal("4", a.Value));
        Assert.Equal("Antrean perlu nomor.", answers["SARAN"]);
        var response = Assert.Single(_bot.Database.Rows<(string Survey, int Version, string Round, string Unit)>(
            "SELECT survey_id, survey_version, round_code, unit_code FROM response WHERE status = 'submitted'"));
        Assert.Equal((_bot.Survey.Id, _bot.Survey.Version, TestUnits.Round, "RSUD"), response);
        Assert.Contains("Terima kasih!", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Question_ShowsProgressAndScoredLabels_AndIsEditedInPlace()
    {
        var resident = await _bot.Resident(502).ToFirstElement();

        var first = resident.Last;
        Assert.StartsWith("Pertanyaan 1 dari 9", first.Text, StringComparison.Ordinal);
        Assert.Equal(["1 · Tidak sesuai", "2 · Kurang sesuai", "3 · Sesuai", "4 · Sangat sesuai"], first.Buttons.Take(4).Select(b => b.Label));

        await resident.Press("3 · Sesuai");
        await resident.Press("2 · Kurang mudah");

        Assert.Equal(first.Id, resident.Last.Id);
        Assert.StartsWith("Pertanyaan 3 dari 9", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("kecepatan waktu", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeepLink_ChoosesTheUnit_ThenAsksTheServiceWhenTheUnitHasServices()
    {
        var resident = _bot.Resident(503);

        await resident.Command("start", "u_DISDUK");
        await resident.Press("Setuju");

        Assert.Contains("Jenis layanan apa yang Anda terima di Disdukcapil?", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Kartu Keluarga");
        Assert.StartsWith("Profil responden (1 dari 4", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal("KK", _bot.Database.Rows<string>("SELECT service_code FROM response").Single());
    }

    [Fact]
    public async Task DeepLink_UnknownUnit_SaysSoAndOffersTheList()
    {
        var resident = _bot.Resident(504);

        await resident.Command("start", "u_NOPE");
        await resident.Press("Setuju");

        Assert.Contains(resident.Messages, m => m.Text.Contains("tidak dikenal", StringComparison.Ordinal));
        Assert.Contains("Unit layanan mana", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitList_IsPaged()
    {
        var resident = _bot.Resident(505);
        await resident.Command("start");
        await resident.Press("Setuju");

        Assert.DoesNotContain(resident.Last.Buttons, b => b.Label == "UPT Samsat");
        Assert.Contains("Halaman 1 dari 2", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Berikutnya ›");

        Assert.Contains(resident.Last.Buttons, b => b.Label == "UPT Samsat");
        Assert.Contains("Halaman 2 dari 2", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("UPT Samsat");
        Assert.Equal("SAMSAT", _bot.Database.Rows<string>("SELECT unit_code FROM response").Single());
    }

    [Fact]
    public async Task Back_ReturnsToThePreviousQuestion_KeepingItsAnswerMarked()
    {
        var resident = await _bot.Resident(506).ToFirstElement();
        await resident.Press("3 · Sesuai");

        await resident.Command("kembali");

        Assert.StartsWith("Pertanyaan 1 dari 9", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains(resident.Last.Buttons, b => b.Label == "✓ 3 · Sesuai");
    }

    [Fact]
    public async Task Cancel_AsksFirst_NoKeepsGoing_YesDeletesTheDraft()
    {
        var resident = await _bot.Resident(507).ToFirstElement();
        await resident.Press("3 · Sesuai");

        await resident.Command("batal");
        Assert.Contains("Batalkan survei ini?", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Tidak, lanjutkan");
        Assert.StartsWith("Pertanyaan 2 dari 9", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM answer"));

        await resident.Command("cancel");
        await resident.Press("Ya, batalkan");

        Assert.Contains("Survei dibatalkan", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM response"));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM answer"));
    }

    [Fact]
    public async Task Review_ChangeAnAnswer_ReturnsToTheReviewAndStoresTheNewCode()
    {
        var resident = await (await _bot.Resident(508).ToFirstElement()).AnswerElements(3);
        await resident.Press("Lewati");
        Assert.Contains("Kecepatan pelayanan: 3 · Cepat", resident.Last.Text, StringComparison.Ordinal);

        await resident.Press("Ubah jawaban");
        await resident.Press("Kecepatan pelayanan");
        await resident.Press("1 · Tidak cepat");

        Assert.Contains("Kecepatan pelayanan: 1 · Tidak cepat", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Kirim ✓");
        Assert.Equal("1", _bot.Database.SubmittedAnswers(508)["U3"]);
    }

    [Fact]
    public async Task SecondSurveyForTheSameUnitAndRound_IsExplained_NotStoredTwice()
    {
        var resident = _bot.Resident(509);
        await resident.CompleteSurvey("RSUD Dr. Tengku Mansyur");

        await resident.Command("start");
        await resident.Press("RSUD Dr. Tengku Mansyur");

        Assert.Contains(resident.Messages, m => m.Text.Contains("sudah mengisi survei untuk RSUD Dr. Tengku Mansyur", StringComparison.Ordinal));
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM response"));
        await resident.Press("Puskesmas Datuk Bandar");
        Assert.Equal(2, _bot.Database.Count("SELECT COUNT(*) FROM response"));
    }

    [Fact]
    public async Task ComingBackAfterHours_AsksToContinue_AndContinuesWhereItStopped()
    {
        var resident = await _bot.Resident(510).ToFirstElement();
        await resident.Press("3 · Sesuai");

        _bot.Clock.Advance(TimeSpan.FromHours(5));
        await resident.Text("halo");

        Assert.Contains("Lanjutkan survei?", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("Pertanyaan 2 dari 9", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Lanjutkan");
        Assert.StartsWith("Pertanyaan 2 dari 9", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM answer"));
    }

    [Fact]
    public async Task DeepLinkWhileStillChoosingTheUnit_OpensThatUnit_WithoutAskingToContinue()
    {
        var resident = _bot.Resident(515);
        await resident.Command("start");
        await resident.Press("Setuju");
        _bot.Clock.Advance(TimeSpan.FromHours(3));

        await resident.Command("start", "u_RSUD");

        Assert.StartsWith("Profil responden (1 dari 4", resident.Last.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(resident.Messages, m => m.Text.Contains("Lanjutkan survei?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartDuringSurvey_OffersToRestart_WhichDiscardsTheDraft()
    {
        var resident = await _bot.Resident(511).ToFirstElement();
        await resident.Press("3 · Sesuai");

        await resident.Command("start");
        Assert.Contains("Lanjutkan survei?", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Mulai dari awal");

        Assert.Contains("Unit layanan mana", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM answer"));
    }

    [Fact]
    public async Task CancelFromTheResumePrompt_ThenNo_ReturnsToTheQuestion_NotToThePrompt()
    {
        var resident = await _bot.Resident(514).ToFirstElement();
        await resident.Press("3 · Sesuai");
        await resident.Command("start");

        await resident.Command("batal");
        await resident.Command("batal");
        Assert.StartsWith("Batalkan survei ini?", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Tidak, lanjutkan");

        Assert.StartsWith("Pertanyaan 2 dari 9", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM answer"));
    }

    [Fact]
    public async Task Language_CanBeSwitchedToEnglish_AndBack()
    {
        var resident = await _bot.Resident(512).ToFirstElement();

        await resident.Command("language");
        await resident.Press("English");

        Assert.StartsWith("Language changed to English.\n\nQuestion 1 of 9", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains(resident.Last.Buttons, b => b.Label == "3 · Suitable");
        await resident.Command("bahasa");
        await resident.Press("Bahasa Indonesia");
        Assert.StartsWith("Bahasa diganti ke Bahasa Indonesia.\n\nPertanyaan 1 dari 9", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnglishClient_GetsEnglishBeforeConsent()
    {
        var resident = _bot.Resident(513, languageCode: "en");

        await resident.Command("start");

        Assert.Contains("Privacy notice", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains(resident.Last.Buttons, b => b.Label == "I agree");
    }
}

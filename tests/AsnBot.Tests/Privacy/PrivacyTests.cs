using AsnBot.Tests.Support;

namespace AsnBot.Tests.Privacy;

public sealed class PrivacyTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task BeforeConsent_NothingAboutThePersonIsStored_ButHelpWorks()
    {
        var resident = _bot.Resident(701);

        await resident.Command("start", "u_RSUD");
        await resident.Text("Saya mau isi survei");
        await resident.Sticker();
        await resident.Command("bahasa");
        await resident.Press("English");
        await resident.Command("bantuan");

        // The language picked before consent is not stored either: help follows the client's language.
        Assert.Contains("/bantuan — bantuan ini", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains(resident.Messages, m => m.Text.Contains("Pelindungan Data Pribadi", StringComparison.Ordinal));
        Assert.Contains(resident.Messages, m => m.Buttons.Any(b => b.Label == "I agree"));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM resident"));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM session"));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM response"));
    }

    [Fact]
    public async Task ComplaintBeforeConsent_AsksForConsentFirst()
    {
        var resident = _bot.Resident(708);

        await resident.Command("lapor");

        Assert.Contains(resident.Messages, m => m.Text.StartsWith("Sebelum mulai, mohon baca pemberitahuan privasi", StringComparison.Ordinal));
        Assert.Contains("Setuju", resident.Last.Buttons.Select(b => b.Label));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM complaint"));
    }

    [Fact]
    public async Task DecliningConsent_StoresNothing()
    {
        var resident = _bot.Resident(702);
        await resident.Command("start");

        await resident.Press("Tidak setuju");

        Assert.StartsWith("Baik. Tidak ada data Anda yang disimpan.", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM resident"));
    }

    [Fact]
    public async Task Consent_IsRecordedWithVersionTimeAndLanguageChosenBeforeIt()
    {
        var resident = _bot.Resident(703);
        await resident.Command("start");
        await resident.Command("bahasa");
        await resident.Press("English");

        await resident.Press("I agree");

        var row = _bot.Database.Rows<(string Language, string Version, string At)>("SELECT language, consent_version, consented_at FROM resident WHERE user_id = 703").Single();
        Assert.Equal("en", row.Language);
        Assert.Equal("2026-11-b", row.Version);
        Assert.StartsWith("2026-11-30 09:00:00", row.At, StringComparison.Ordinal);
        Assert.Contains("Which service unit", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyData_ShowsWhatIsStored()
    {
        var resident = _bot.Resident(704);
        await resident.CompleteSurvey("RSUD Dr. Tengku Mansyur");

        await resident.Command("datasaya");

        Assert.Contains("ID Telegram: 704", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("Survei terkirim: 1", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("RSUD Dr. Tengku Mansyur, periode Semester II 2026", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("Undangan survei: berlangganan (0 diterima)", resident.Last.Text, StringComparison.Ordinal);

        // Days as every other resident text prints them: day first.
        Assert.Matches(@"\b\d{2}-\d{2}-\d{4} \d{2}:\d{2} WIB", resident.Last.Text);
        Assert.DoesNotMatch(@"\b\d{4}-\d{2}-\d{2}\b", resident.Last.Text);

        await resident.Command("berhenti");
        Assert.Contains("tidak akan menerima undangan", resident.Last.Text, StringComparison.Ordinal);
        await resident.Command("datasaya");
        Assert.Contains("Undangan survei: berhenti", resident.Last.Text, StringComparison.Ordinal);
        await resident.Command("langganan");
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM resident WHERE user_id = 704 AND subscribed = TRUE"));
    }

    [Fact]
    public async Task MyData_ShowsEveryAnswer_ProfileAndSuggestionIncluded_AndTheRoundsName()
    {
        var resident = _bot.Resident(709);
        await resident.Command("start", "u_RSUD");
        await resident.Press("Setuju");
        await resident.Press("30–39 tahun");
        await resident.Press("Perempuan");
        await resident.Press("Lewati");
        await resident.Press("Nelayan");
        await resident.AnswerElements(4);
        await resident.Text("Antrean terlalu panjang.");
        await resident.Press("Kirim ✓");

        await resident.Command("datasaya");

        var text = resident.Last.Text;
        Assert.Contains("RSUD Dr. Tengku Mansyur, periode Semester II 2026", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestUnits.Round, text, StringComparison.Ordinal);
        Assert.Contains("Umur: 30–39 tahun", text, StringComparison.Ordinal);
        Assert.Contains("Jenis kelamin: Perempuan", text, StringComparison.Ordinal);
        Assert.Contains("Pekerjaan: Nelayan", text, StringComparison.Ordinal);
        Assert.Contains("Kecepatan pelayanan: 4 · Sangat cepat", text, StringComparison.Ordinal);
        Assert.Contains("Kritik dan saran: Antrean terlalu panjang.", text, StringComparison.Ordinal);
        string[] inSurveyOrder = ["Umur:", "Jenis kelamin:", "Pekerjaan:", "Persyaratan pelayanan:", "Sarana dan prasarana:", "Kritik dan saran:"];
        var positions = inSurveyOrder.Select(topic => text.IndexOf(topic, StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task Erase_RemovesThePersonAndDrafts_KeepsSubmittedAnswersUnlinked()
    {
        var resident = _bot.Resident(705);
        await resident.CompleteSurvey("RSUD Dr. Tengku Mansyur");
        await resident.Command("start");
        await resident.Press("Puskesmas Datuk Bandar");
        await resident.Press("Lewati");

        await resident.Command("hapus");
        Assert.Contains("Hapus data Anda?", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Ya, hapus data saya");

        Assert.StartsWith("Data Anda sudah dihapus", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM resident"));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM session"));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM response WHERE status = 'draft'"));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM response WHERE resident_id IS NOT NULL"));
        Assert.Equal(9, _bot.Database.Count("SELECT COUNT(*) FROM answer a JOIN response r ON r.id = a.response_id WHERE r.status = 'submitted'"));
        await resident.Command("datasaya");
        Assert.Equal("AsnBot tidak menyimpan data apa pun tentang Anda.", resident.Last.Text);
    }

    [Fact]
    public async Task EraseDeclined_KeepsEverything()
    {
        var resident = _bot.Resident(706);
        await resident.CompleteSurvey("RSUD Dr. Tengku Mansyur");

        await resident.Command("delete");
        await resident.Press("Tidak");

        Assert.StartsWith("Penghapusan dibatalkan", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM resident"));
    }

    [Fact]
    public async Task OldSurveyButtonAfterErasure_AsksForConsentAgain()
    {
        var resident = _bot.Resident(707);
        await resident.Command("start", "u_RSUD");
        await resident.Press("Setuju");
        var question = resident.Last;
        await resident.Command("hapus");
        await resident.Press("Ya, hapus data saya");

        await resident.PressData(question.Id, question.Buttons.First().Data);

        Assert.Contains("Setuju", resident.Last.Buttons.Select(b => b.Label));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM resident"));
    }
}

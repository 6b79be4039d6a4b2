using AsnBot.Engine;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Complaints;

public sealed class ComplaintFlowTests : IDisposable
{
    private const string Story = "Petugas loket meminta uang Rp50.000 agar KTP saya cepat selesai.";
    private const string Caption = "Ini kwitansi pungutan Rp50.000 di loket 2 kemarin pagi.";
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task FilingAComplaint_WithPhotosAndLocation_StoresItAndGivesATrackingNumberAndDeadline()
    {
        var resident = await Consented(1001);

        var number = await resident.FileComplaint(photos: 2, location: true);

        Assert.Matches("^ADU-2026-[0-9A-HJKMNP-TV-Z]{5}$", number);
        Assert.Contains("diverifikasi dalam 3 hari kerja (paling lambat 03-12-2026)", resident.Last.Text, StringComparison.Ordinal);
        var row = _bot.Database.Rows<(string Status, string Category, string Unit, string Privacy, double Lat)>(
            "SELECT status, category_code, unit_code, privacy, latitude FROM complaint").Single();
        Assert.Equal(("submitted", "PUNGLI", "DISDUK", "anonymous", 2.9667), row);
        Assert.Equal(2, _bot.Database.Count("SELECT COUNT(*) FROM complaint_photo WHERE status = 'pending'"));
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM complaint_event WHERE to_status = 'submitted' AND actor = 'resident'"));
        Assert.Contains(resident.Messages, m => m.LocationButton == "📍 Kirim lokasi");
        Assert.Contains(_bot.AdminInGroup().Messages, m => m.Text.Contains(number, StringComparison.Ordinal) && m.Buttons.Any(b => b.Label == "Verifikasi"));
    }

    [Fact]
    public async Task MainMenu_OffersTheSurveyAComplaintAndTheStatus()
    {
        var resident = await Consented(1011);
        await resident.Command("batal");
        await resident.Press("Ya, batalkan");
        await resident.Text("halo");

        await resident.Press("📣 Laporkan pengaduan");
        Assert.Contains("apa jenis masalahnya?", resident.Last.Text, StringComparison.Ordinal);
        await resident.Command("batal");
        await resident.Press("Ya, batalkan");
        await resident.Text("halo");
        await resident.Press("🔎 Status pengaduan saya");
        Assert.StartsWith("Anda belum pernah mengirim pengaduan.", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("📝 Isi survei kepuasan");
        Assert.Contains("Unit layanan mana", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescriptionOutsideTheLengthRange_IsRefusedWithTheRange()
    {
        var resident = await AtTheStory(1002);

        await resident.Text("terlalu pendek");
        Assert.Equal("Panjang cerita 14 karakter; mohon tulis antara 20 dan 2000 karakter.", resident.Last.Text);
        await resident.Text(new string('x', 2001));
        Assert.Equal("Panjang cerita 2001 karakter; mohon tulis antara 20 dan 2000 karakter.", resident.Last.Text);
        await resident.Sticker();
        Assert.Contains(resident.Messages, m => m.Text == "Mohon tulis sebagai teks (satu pesan).");
        Assert.Null(_bot.Database.Rows<string?>("SELECT description FROM complaint").Single());
    }

    [Fact]
    public async Task PhotoWithACaption_WhenTheStoryIsAsked_IsTheStoryAndItsFirstEvidence()
    {
        var resident = await AtTheStory(1016);

        await resident.Send(new AsnBot.Engine.Inbound
        {
            ChatId = 1016,
            UserId = 1016,
            Kind = AsnBot.Engine.InboundKind.Photo,
            PhotoFileId = "kwitansi",
            Text = "Ini kwitansi pungutan Rp50.000 di loket 2 kemarin pagi.",
        });

        Assert.Contains("Ada bukti?", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal("Ini kwitansi pungutan Rp50.000 di loket 2 kemarin pagi.", _bot.Database.Rows<string>("SELECT description FROM complaint").Single());
        Assert.Equal("kwitansi", _bot.Database.Rows<string>("SELECT file_id FROM complaint_photo").Single());
    }

    [Fact]
    public async Task AFourthPhoto_IsNotKept()
    {
        var resident = await Consented(1003);

        await resident.FileComplaint(photos: 4);

        Assert.Equal(3, _bot.Database.Count("SELECT COUNT(*) FROM complaint_photo"));
        Assert.Contains(resident.Messages, m => m.Text.StartsWith("Sudah 3 foto", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_AsksFirst_ThenDeletesTheDraft()
    {
        var resident = await Consented(1004);
        await resident.Command("lapor");
        await resident.Press("Pungutan liar");

        await resident.Command("batal");
        await resident.Press("Ya, batalkan");

        Assert.Equal("Pengaduan dibatalkan dan dihapus.", resident.Last.Text);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM complaint"));
        // Nothing of the survey was answered: /start simply shows the units again.
        await resident.Command("start");
        Assert.Contains("Unit layanan mana", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilingIsLimitedPerDay_WithAPoliteMessage()
    {
        var resident = await Consented(1005);
        for (var i = 0; i < 5; i++)
        {
            await resident.FileComplaint();
        }

        await resident.Command("lapor");

        Assert.StartsWith("Maaf, setiap warga dapat mengirim paling banyak 5 pengaduan dalam 24 jam.", resident.Last.Text, StringComparison.Ordinal);
        _bot.Clock.Advance(TimeSpan.FromHours(25));
        await resident.Command("lapor");
        Assert.Contains("apa jenis masalahnya?", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ListsOnlyOwnComplaints_AndAnotherResidentsNumberIsNotFound()
    {
        var alice = await Consented(1006);
        var bob = await Consented(1007);
        var aliceNumber = await alice.FileComplaint();
        var bobNumber = await bob.FileComplaint(category: "Lainnya");

        await alice.Command("status");
        Assert.Contains(aliceNumber, alice.Last.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(bobNumber, alice.Last.Text, StringComparison.Ordinal);

        await alice.Command("status", bobNumber);
        Assert.Equal("Nomor pengaduan itu tidak ditemukan di antara pengaduan Anda.", alice.Last.Text);
        await alice.Command("status", "ADU-2026-ZZZZZ");
        Assert.Equal("Nomor pengaduan itu tidak ditemukan di antara pengaduan Anda.", alice.Last.Text);

        await alice.Command("status", aliceNumber.ToLowerInvariant());
        Assert.StartsWith($"Pengaduan {aliceNumber} — Terkirim", alice.Last.Text, StringComparison.Ordinal);
        Assert.Contains("Riwayat:", alice.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LikelyDuplicate_IsFlaggedToAdmins_NotMerged()
    {
        var first = await (await Consented(1008)).FileComplaint();
        var second = await (await Consented(1009)).FileComplaint();

        var post = _bot.AdminInGroup().Post(second);
        Assert.Contains($"Kemungkinan duplikat dari {first}", post.Text, StringComparison.Ordinal);
        Assert.Equal(2, _bot.Database.Count("SELECT COUNT(*) FROM complaint WHERE status = 'submitted'"));
    }

    [Fact]
    public async Task Erasure_KeepsFiledComplaintsForHandling_WithoutTheLinkToThePerson()
    {
        var resident = await Consented(1010);
        await resident.FileComplaint();
        await resident.Command("lapor");
        await resident.Press("Pungutan liar");

        await resident.Command("hapus");
        await resident.Press("Ya, hapus data saya");

        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM complaint"));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM complaint WHERE resident_id IS NOT NULL"));
    }

    [Fact]
    public async Task ReportCommandWhileFiling_OffersToContinueAtItsStep_AndKeepsTheDraft()
    {
        var resident = await AtTheStory(1012);

        await resident.Command("lapor");

        Assert.Equal("Pengaduan yang sedang ditulis belum selesai; terakhir di langkah: cerita kejadian.\n\nLanjutkan pengaduan?", resident.Last.Text);
        Assert.Equal(("PUNGLI", "DISDUK"), _bot.Database.Rows<(string, string)>("SELECT category_code, unit_code FROM complaint").Single());
        await resident.Press("Lanjutkan pengaduan");
        Assert.StartsWith("Ceritakan apa yang terjadi", resident.Last.Text, StringComparison.Ordinal);
        await resident.Text(Story);
        Assert.Contains("Ada bukti?", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartOrTheMenuAtTheEvidenceStep_OffersToContinueThere_OrToCancel()
    {
        var resident = await AtTheEvidenceStep(1018);

        await resident.Command("start");
        Assert.Equal("Pengaduan yang sedang ditulis belum selesai; terakhir di langkah: bukti (foto, lokasi).\n\nLanjutkan pengaduan?", resident.Last.Text);
        await resident.Press("Lanjutkan pengaduan");
        Assert.StartsWith("Ada bukti?", resident.Last.Text, StringComparison.Ordinal);
        Assert.NotNull(resident.Last.LocationButton);

        // A unit button of the survey shown at consent: the complaint is offered again, not mixed with the survey.
        var units = resident.Messages.First(m => m.Text.Contains("Unit layanan mana", StringComparison.Ordinal));
        await resident.PressData(units.Id, units.Buttons.First().Data);
        Assert.EndsWith("Lanjutkan pengaduan?", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Batalkan pengaduan");
        Assert.Equal("Batalkan pengaduan ini? Yang sudah ditulis akan dihapus.", resident.Last.Text);
        await resident.Press("Ya, batalkan");
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM complaint"));
    }

    [Fact]
    public async Task NotResolvedPressedWhileFilingAnother_AsksToFinishFirst_AndKeepsBoth()
    {
        var resident = await Consented(1013);
        var number = await resident.FileComplaint();
        var admin = _bot.AdminInGroup();
        await admin.Press(number, "Verifikasi");
        await admin.Press(number, "Selesai");
        var question = resident.Messages.Last(m => m.Buttons.Any(b => b.Label == "Belum selesai"));
        await resident.Command("lapor");
        await resident.Press("Lainnya");

        await resident.PressData(question.Id, question.Buttons.First(b => b.Label == "Belum selesai").Data);

        Assert.StartsWith("Pengaduan yang sedang ditulis belum selesai; terakhir di langkah: unit layanan.", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Disdukcapil");
        Assert.Contains(resident.Messages, m => m.Text.StartsWith("Ceritakan apa yang terjadi", StringComparison.Ordinal));
        Assert.Equal("resolved", _bot.Database.Rows<string>("SELECT status FROM complaint WHERE tracking_no = @number", new { number }).Single());
    }

    [Fact]
    public async Task LaporWhileGivingAReopenReason_AsksForTheReasonAgain_AndTheReasonStillReopens()
    {
        var resident = await Consented(1027);
        var number = await resident.FileComplaint();
        var admin = _bot.AdminInGroup();
        await admin.Press(number, "Verifikasi");
        await admin.Press(number, "Selesai");
        await resident.Press("Belum selesai");

        await resident.Command("lapor");

        Assert.Equal("Mohon jelaskan mengapa masalahnya belum selesai (satu pesan).", resident.Last.Text);
        await resident.Text("Petugas belum mengembalikan uang saya.");
        Assert.Equal($"Pengaduan {number} dibuka kembali dan diteruskan ke petugas.", resident.Last.Text);
    }

    [Fact]
    public async Task LanguageChangeWhileFiling_ShowsTheComplaintStepAgain()
    {
        var resident = await Consented(1014);
        await resident.Command("lapor");

        await resident.Command("bahasa");
        await resident.Press("English");

        Assert.Equal("Language changed to English.\n\nComplaint: what kind of problem is it?", resident.Last.Text);
        Assert.Contains(resident.Last.Buttons, b => b.Label == "Illegal fees");
    }

    [Fact]
    public async Task CancelAtTheEvidenceStep_AsksWithoutAnEvidenceSummary_AndTheYesTakesTheLocationKeyboardAway()
    {
        var resident = await AtTheEvidenceStep(1015);
        var before = resident.Messages.Count;

        await resident.Command("batal");

        Assert.Equal("Batalkan pengaduan ini? Yang sudah ditulis akan dihapus.", resident.Last.Text);
        Assert.Equal(before + 1, resident.Messages.Count);
        Assert.DoesNotContain(resident.Messages, m => m.Text.StartsWith("Bukti:", StringComparison.Ordinal));
        await resident.Command("batal");
        Assert.Equal("Batalkan pengaduan ini? Yang sudah ditulis akan dihapus.", resident.Last.Text);
        await resident.Press("Tidak, lanjutkan");
        Assert.StartsWith("Ada bukti?", resident.Last.Text, StringComparison.Ordinal);
        Assert.NotNull(resident.Last.LocationButton);

        await resident.Command("batal");
        await resident.Press("Ya, batalkan");

        Assert.Equal("Pengaduan dibatalkan dan dihapus.", resident.Last.Text);
        Assert.True(resident.Last.RemovesKeyboard);
        Assert.DoesNotContain(resident.Messages, m => m.Text.StartsWith("Bukti:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PhotoWithACaptionAgainAfterBack_NeverKeepsMoreThanThreePhotos()
    {
        var resident = await AtTheStory(1017);

        for (var i = 0; i < 7; i++)
        {
            await resident.Send(new Inbound { ChatId = 1017, UserId = 1017, Kind = InboundKind.Photo, PhotoFileId = $"kwitansi-{i}", Text = Caption });
            Assert.StartsWith("Ada bukti?", resident.Last.Text, StringComparison.Ordinal);
            await resident.Command("kembali");
        }

        Assert.Equal(3, _bot.Database.Count("SELECT COUNT(*) FROM complaint_photo"));
        Assert.Equal(4, resident.Messages.Count(m => m.Text == "Sudah 3 foto; foto berikutnya tidak disimpan. Tekan \"Lanjut ›\"."));
    }

    [Fact]
    public async Task TextAtTheEvidenceStep_IsAddedToTheStory_SayingSo_WithinTheLengthLimit()
    {
        var resident = await AtTheEvidenceStep(1019);
        const string More = "Petugasnya memakai rompi biru, loket 2.";
        var story = $"{Story}\n{More}";

        await resident.Text(More);

        Assert.Equal(story, _bot.Database.Rows<string>("SELECT description FROM complaint").Single());
        Assert.StartsWith($"Teks itu ditambahkan ke cerita pengaduan (sekarang {story.Length} dari paling banyak 2000 karakter).", resident.Last.Text, StringComparison.Ordinal);

        await resident.Text(new string('x', 2000));

        Assert.StartsWith($"Teks itu tidak ditambahkan: cerita akan menjadi {story.Length + 2001} karakter, paling banyak 2000.", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(story, _bot.Database.Rows<string>("SELECT description FROM complaint").Single());

        await resident.Send(new Inbound { ChatId = 1019, UserId = 1019, Kind = InboundKind.Photo, PhotoFileId = "rompi", Text = "Foto rompinya." });
        Assert.StartsWith("Foto 1 dari 3 diterima.\nTeks itu ditambahkan ke cerita pengaduan", resident.Last.Text, StringComparison.Ordinal);
        Assert.EndsWith("\nFoto rompinya.", _bot.Database.Rows<string>("SELECT description FROM complaint").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lanjut")]
    [InlineData("Lanjut")]
    [InlineData(" LANJUT › ")]
    [InlineData("continue")]
    public async Task ContinueTyped_InAnyCase_WithOrWithoutTheArrow_LeavesTheEvidenceStep(string typed)
    {
        var resident = await AtTheEvidenceStep(1020);

        await resident.Text(typed);

        Assert.StartsWith("Bagaimana identitas", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(Story, _bot.Database.Rows<string>("SELECT description FROM complaint").Single());
    }

    [Theory]
    [InlineData("Kembali")]
    [InlineData("‹ kembali")]
    [InlineData("back")]
    public async Task BackTyped_AtTheEvidenceStep_GoesBackToTheStory_AndIsNotAddedToIt(string typed)
    {
        var resident = await AtTheEvidenceStep(1022);

        await resident.Text(typed);

        Assert.StartsWith("Ceritakan apa yang terjadi", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(Story, _bot.Database.Rows<string>("SELECT description FROM complaint").Single());
    }

    [Fact]
    public async Task EvidenceStepInEnglish_SaysContinue_AndTakesIt()
    {
        var resident = await Consented(1021);
        await resident.Command("bahasa");
        await resident.Press("English");
        await resident.Command("report");
        await resident.Press("Illegal fees");
        await resident.Press("Disdukcapil");
        await resident.Text(Story);

        Assert.Contains("Press \"Continue ›\" when done", resident.Last.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lanjut", resident.Last.Text, StringComparison.Ordinal);
        await resident.Sticker();
        Assert.Equal("Send a photo or location, or press \"Continue ›\".", resident.Last.Text);
        await resident.Text("Continue ›");
        Assert.StartsWith("How should your identity be handled?", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lengths_CountWhatAPersonSees_NotUtf16Units()
    {
        var resident = await AtTheStory(1022);

        await resident.Text(string.Concat(Enumerable.Repeat("😡", 5)));
        Assert.Equal("Panjang cerita 5 karakter; mohon tulis antara 20 dan 2000 karakter.", resident.Last.Text);
        await resident.Text(string.Concat(Enumerable.Repeat("😡", 10)));
        Assert.Equal("Panjang cerita 10 karakter; mohon tulis antara 20 dan 2000 karakter.", resident.Last.Text);
        await resident.Text(string.Concat(Enumerable.Repeat("👨‍👩‍👧", 19)));
        Assert.Equal("Panjang cerita 19 karakter; mohon tulis antara 20 dan 2000 karakter.", resident.Last.Text);
        Assert.Null(_bot.Database.Rows<string?>("SELECT description FROM complaint").Single());

        await resident.Text("Antrean " + string.Concat(Enumerable.Repeat("😡", 12)));
        Assert.StartsWith("Ada bukti?", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackingNumber_IsReadAsCrockford_ByTheResidentAndTheAdmin()
    {
        var resident = await Consented(1023);
        var filed = await resident.FileComplaint();
        using (var connection = _bot.Database.Open())
        {
            Dapper.SqlMapper.Execute(connection, "UPDATE complaint SET tracking_no = 'ADU-2026-T0MQ1' WHERE tracking_no = @filed", new { filed });
        }

        foreach (var typed in new[] { "ADU-2026-TOMQ1", "ADU-2026-T0MQI", "2026tomql", "adu 2026 t0mq1" })
        {
            await resident.Command("status", typed);
            Assert.StartsWith("Pengaduan ADU-2026-T0MQ1 — Terkirim", resident.Last.Text, StringComparison.Ordinal);
        }

        var admin = _bot.Actor(TestUnits.AdminId, TestUnits.AdminId);
        await admin.Command("aduan", "2026-tomql");
        Assert.Contains("ADU-2026-T0MQ1", admin.Last.Text, StringComparison.Ordinal);
        Assert.Contains(admin.Last.Buttons, b => b.Label == "Verifikasi");
    }

    [Fact]
    public async Task UnitOutsideTheList_IsNamedByTheResident_StoredAndShownToAdmins()
    {
        var resident = await Consented(1024);
        await resident.Command("lapor");
        await resident.Press("Pungutan liar");
        await resident.Press("Unit lain…");
        Assert.Equal("Tulis nama unit layanan itu (3–100 karakter), misalnya \"Kantor Lurah Pahang\".", resident.Last.Text);
        await resident.Text("ab");
        Assert.Equal("Nama unit 2 karakter; mohon tulis antara 3 dan 100 karakter.", resident.Last.Text);
        await resident.Text("Kantor Lurah Sei Merbau");
        Assert.StartsWith("Ceritakan apa yang terjadi", resident.Last.Text, StringComparison.Ordinal);
        await resident.Text(Story);
        await resident.Text("Lanjut ›");
        await resident.Press("Teridentifikasi");
        Assert.Contains("Unit: Kantor Lurah Sei Merbau (unit lain)", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Kirim ✓");
        var number = System.Text.RegularExpressions.Regex.Match(resident.Last.Text, "ADU-[0-9]{4}-[0-9A-Z]{5}").Value;

        Assert.Equal(("LAIN", "Kantor Lurah Sei Merbau"), _bot.Database.Rows<(string, string)>("SELECT unit_code, unit_name FROM complaint").Single());
        Assert.Contains("Kantor Lurah Sei Merbau (unit lain)", _bot.AdminInGroup().Post(number).Text, StringComparison.Ordinal);
        await resident.Command("status", number);
        Assert.Contains("Unit: Kantor Lurah Sei Merbau (unit lain)", resident.Last.Text, StringComparison.Ordinal);

        // Another unit outside the list is not a duplicate of this one; the same unit named again is.
        var other = await (await Consented(1025)).FileComplaint(otherUnit: "Kantor Camat Datuk Bandar");
        var same = await (await Consented(1026)).FileComplaint(otherUnit: "kantor lurah sei merbau");
        Assert.DoesNotContain("Kemungkinan duplikat", _bot.AdminInGroup().Post(other).Text, StringComparison.Ordinal);
        Assert.Contains($"Kemungkinan duplikat dari {number}", _bot.AdminInGroup().Post(same).Text, StringComparison.Ordinal);
    }

    private Task<TestResident> Consented(long userId) => _bot.Resident(userId).Consent();

    /// <summary>Consented, /lapor, Pungutan liar, Disdukcapil: the story is asked for.</summary>
    private async Task<TestResident> AtTheStory(long userId)
    {
        var resident = await Consented(userId);
        await resident.Command("lapor");
        await resident.Press("Pungutan liar");
        await resident.Press("Disdukcapil");
        return resident;
    }

    private async Task<TestResident> AtTheEvidenceStep(long userId)
    {
        var resident = await AtTheStory(userId);
        await resident.Text(Story);
        Assert.StartsWith("Ada bukti?", resident.Last.Text, StringComparison.Ordinal);
        return resident;
    }
}

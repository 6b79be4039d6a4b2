using AsnBot.Tests.Support;

namespace AsnBot.Tests.Complaints;

public sealed class ComplaintFlowTests : IDisposable
{
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
        var resident = await Consented(1002);
        await resident.Command("lapor");
        await resident.Press("Pungutan liar");
        await resident.Press("Disdukcapil");

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
        var resident = await Consented(1016);
        await resident.Command("lapor");
        await resident.Press("Pungutan liar");
        await resident.Press("Disdukcapil");

        await resident.Send(new AsnBot.Conversations.Inbound
        {
            ChatId = 1016,
            UserId = 1016,
            Kind = AsnBot.Conversations.InboundKind.Photo,
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
    public async Task ReportCommandWhileFiling_KeepsTheDraft()
    {
        var resident = await Consented(1012);
        await resident.Command("lapor");
        await resident.Press("Pungutan liar");
        await resident.Press("Disdukcapil");

        await resident.Command("lapor");

        Assert.StartsWith("Anda sedang menulis pengaduan", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(("PUNGLI", "DISDUK"), _bot.Database.Rows<(string, string)>("SELECT category_code, unit_code FROM complaint").Single());
        await resident.Text("Petugas loket meminta uang Rp50.000 agar KTP saya cepat selesai.");
        Assert.Contains("Ada bukti?", resident.Last.Text, StringComparison.Ordinal);
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

        Assert.StartsWith("Anda sedang menulis pengaduan", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Disdukcapil");
        Assert.Contains(resident.Messages, m => m.Text.StartsWith("Ceritakan apa yang terjadi", StringComparison.Ordinal));
        Assert.Equal("resolved", _bot.Database.Rows<string>("SELECT status FROM complaint WHERE tracking_no = @number", new { number }).Single());
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
    public async Task LeavingTheEvidenceStepByCancel_TakesTheLocationKeyboardAway()
    {
        var resident = await Consented(1015);
        await resident.Command("lapor");
        await resident.Press("Pungutan liar");
        await resident.Press("Disdukcapil");
        await resident.Text("Petugas loket meminta uang Rp50.000 agar KTP saya cepat selesai.");

        await resident.Command("batal");

        Assert.Contains(resident.Messages, m => m.RemovesKeyboard);
        Assert.Equal("Batalkan pengaduan ini? Yang sudah ditulis akan dihapus.", resident.Last.Text);
        await resident.Command("batal");
        Assert.Equal("Batalkan pengaduan ini? Yang sudah ditulis akan dihapus.", resident.Last.Text);
    }

    private Task<TestResident> Consented(long userId) => _bot.Resident(userId).Consent();
}

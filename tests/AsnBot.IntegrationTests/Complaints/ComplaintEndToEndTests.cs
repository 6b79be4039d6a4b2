using System.Text.RegularExpressions;
using AsnBot.IntegrationTests.Support;
using Dapper;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Complaints;

/// <summary>A resident files a complaint with a photo and a location; admins handle it in their group, over the real wire.</summary>
public sealed partial class ComplaintEndToEndTests
{
    private const long AdminId = 70_001;
    private const long StrangerId = 70_002;
    private const long AdminGroup = -100_700;
    private const long ReporterId = 7_123_456_789;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ResidentFilesWithEvidence_AdminsTriageInTheGroup_AndTheReporterHearsEveryStep()
    {
        await using var emulator = await Emulator.StartAsync();
        var evidence = Directory.CreateTempSubdirectory("asnbot-evidence-").FullName;
        await using var bot = await BotUnderTest.StartAsync(emulator, new Dictionary<string, string?>
        {
            ["Admin:UserIds:0"] = AdminId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Admin:GroupChatId"] = AdminGroup.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Complaints:EvidenceFolder"] = evidence,
        });
        var resident = emulator.Resident(ReporterId);
        var admin = emulator.Member(AdminId, AdminGroup);
        var stranger = emulator.Member(StrangerId, AdminGroup, "Orang lain");

        await SurveyScript.ConsentAsync(resident);
        await resident.WaitForText("Unit layanan mana");
        await resident.SendText("/lapor");
        await resident.WaitForText("apa jenis masalahnya?");
        await resident.Press("Pungutan liar");
        await resident.WaitForText("Di unit layanan mana");
        await resident.Press("Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)");
        await resident.WaitForText("Ceritakan apa yang terjadi");
        await resident.SendText("Di loket 2 saya diminta membayar Rp100.000 untuk mempercepat akta kelahiran.");
        await resident.WaitForText("Ada bukti?");
        Assert.NotNull(resident.LastMessage.ReplyKeyboard);
        await resident.SendPhoto("loket");
        await resident.WaitForText("Foto 1 dari 3 diterima.");
        await resident.SendLocation(2.9667, 99.8);
        await resident.WaitForText("Lokasi diterima.");
        await resident.SendText("Lanjut ›");
        await resident.WaitForText("Bagaimana identitas Anda ditangani?");
        await resident.Press("Anonim");
        await resident.WaitForText("Periksa pengaduan Anda");
        await resident.Press("Kirim ✓");
        var receipt = await resident.WaitForText("Nomor pelacakan");
        var number = TrackingNumber().Match(receipt.Text).Value;

        var post = await admin.WaitForText($"Pengaduan {number}");
        Assert.Contains("Pelapor: disembunyikan (anonim)", post.Text, StringComparison.Ordinal);
        await stranger.Press("Verifikasi");
        await stranger.WaitForCallbackAnswer();
        Assert.Equal("Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah.", stranger.CallbackAnswers[^1].Text);

        await admin.Press("Verifikasi");
        await resident.WaitForText("status sekarang Terverifikasi");

        // The post is edited to the new status and buttons; an admin presses what they see.
        await admin.WaitForText($"Pengaduan {number} — Terverifikasi");
        await bot.RecordedAsync(post.ChatId, post.MessageId);
        await admin.SendReply("Terima kasih, petugas loket 2 sedang kami periksa.", post.MessageId);
        await resident.WaitForText("petugas loket 2 sedang kami periksa");
        await admin.WaitForText($"Tanggapan untuk {number} diteruskan ke pelapor.");
        await admin.Press("Selesai");
        await resident.WaitForText("Apakah masalah Anda sudah selesai?");
        await resident.Press("Ya, sudah selesai");
        await resident.WaitForText($"Pengaduan {number} ditutup.");

        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM complaint_photo WHERE status = 'stored'") == 1);
        using (var connection = bot.Database.Open())
        {
            var path = connection.ExecuteScalar<string>("SELECT path FROM complaint_photo");
            Assert.True(File.Exists(path));
            Assert.StartsWith(evidence, path, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            Assert.Equal("closed", connection.ExecuteScalar<string>("SELECT status FROM complaint"));
        }

        var reporter = ReporterId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(admin.Messages, m => m.Text.Contains(reporter, StringComparison.Ordinal));
        Assert.DoesNotContain(emulator.Calls.Where(c => c.ChatId == AdminGroup), c => c.Body.ToJsonString().Contains(reporter, StringComparison.Ordinal));
        Directory.Delete(evidence, recursive: true);
    }

    [Fact]
    public async Task UnfinishedComplaint_IsOfferedToContinue_TextAtTheEvidenceStepJoinsTheStory_AndStatusReadsTheNumberLoosely()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(ReporterId + 2);
        await SurveyScript.ConsentAsync(resident);
        await ComplaintScript.OpenAsync(resident);
        await ComplaintScript.DescribeAsync(resident);

        await resident.SendText("/start");
        await resident.WaitForText("terakhir di langkah: bukti (foto, lokasi).");
        await resident.Press("Lanjutkan pengaduan");
        var evidence = await resident.WaitForText("Ada bukti?");
        Assert.NotNull(evidence.ReplyKeyboard);
        await resident.SendText("Petugasnya memakai rompi biru.");
        await resident.WaitForText("Teks itu ditambahkan ke cerita pengaduan");
        await resident.SendText("lanjut");
        await resident.WaitForText("Bagaimana identitas");
        await resident.Press("Teridentifikasi");
        var review = await resident.WaitForText("Periksa pengaduan");
        Assert.Contains("akta kelahiran.\nPetugasnya memakai rompi biru.", review.Text, StringComparison.Ordinal);
        await resident.Press("Kirim ✓");
        var number = TrackingNumber().Match((await resident.WaitForText("Nomor pelacakan")).Text).Value;

        // Typed loosely: lower case, no prefix or dashes, every 0 as the letter O and every 1 as the letter l.
        var typed = number["ADU-".Length..].Replace("-", string.Empty, StringComparison.Ordinal).Replace('0', 'O').Replace('1', 'l').ToLowerInvariant();
        await resident.SendText($"/status {typed}");
        await resident.WaitForText($"Pengaduan {number} — Terkirim");
    }

    [Fact]
    public async Task PhotoOverTheSizeLimit_IsRecordedAsTooLarge_AndNotKept()
    {
        await using var emulator = await Emulator.StartAsync();
        var evidence = Directory.CreateTempSubdirectory("asnbot-evidence-").FullName;
        await using var bot = await BotUnderTest.StartAsync(emulator, new Dictionary<string, string?>
        {
            ["Complaints:EvidenceFolder"] = evidence,
            ["Complaints:MaxPhotoBytes"] = "1000",
        });
        var resident = emulator.Resident(ReporterId + 1);
        await SurveyScript.ConsentAsync(resident);
        await resident.SendText("/lapor");
        await resident.WaitForText("apa jenis masalahnya?");
        await resident.Press("Sarana dan prasarana");
        await resident.WaitForText("Di unit layanan mana");
        await resident.Press("RSUD Dr. Tengku Mansyur");
        await resident.WaitForText("Ceritakan apa yang terjadi");
        await resident.SendText("Atap ruang tunggu rawat jalan bocor setiap hujan.");
        await resident.WaitForText("Ada bukti?");
        await resident.SendPhoto();
        await resident.WaitForText("Foto 1 dari 3 diterima.");
        await resident.SendText("Lanjut ›");
        await resident.WaitForText("Bagaimana identitas Anda ditangani?");
        await resident.Press("Teridentifikasi");
        await resident.WaitForText("Periksa pengaduan Anda");
        await resident.Press("Kirim ✓");
        await resident.WaitForText("Nomor pelacakan");

        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM complaint_photo WHERE status = 'too_large'") == 1);
        Assert.Empty(Directory.EnumerateFiles(evidence, "*", SearchOption.AllDirectories));
        Directory.Delete(evidence, recursive: true);
    }

    [Fact]
    public async Task LihatBukti_OnAduanNomor_SendsTheStoredPhotosToTheAdminsPrivateChat_NeverToTheGroup()
    {
        await using var emulator = await Emulator.StartAsync();
        using var evidence = new TempFolder();
        await using var bot = await Reliability.AdminScopeAndAnonymityTests.StartAsync(emulator, evidence);
        var group = emulator.Member(Reliability.AdminScopeAndAnonymityTests.AdminId, Reliability.AdminScopeAndAnonymityTests.AdminGroup);
        var alone = emulator.Resident(Reliability.AdminScopeAndAnonymityTests.AdminId);
        var (_, number) = await ComplaintScript.ConsentAndFileAsync(emulator, ReporterId + 2, "Anonim");
        var post = await group.WaitForText($"Pengaduan {number}");
        Assert.DoesNotContain(post.Buttons, b => b.Text.Contains("Lihat bukti", StringComparison.Ordinal));
        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM complaint_photo WHERE status = 'stored'") == 1);

        await alone.SendText($"/aduan {number}");
        await alone.WaitForText($"Pengaduan {number}");
        await alone.Press("🖼 Lihat bukti (1 foto)");
        await alone.WaitFor(ms => ms.Any(m => m.IsPhoto));

        var photo = alone.Messages.Single(m => m.IsPhoto);
        Assert.Equal($"Bukti {number}, foto 1 dari 1", photo.Text);
        using (var connection = bot.Database.Open())
        {
            Assert.Equal(await File.ReadAllBytesAsync(connection.ExecuteScalar<string>("SELECT path FROM complaint_photo")!), alone.DocumentBytes(photo.MessageId));
        }

        Assert.True(File.Exists(Directory.EnumerateFiles(evidence.Path, "*", SearchOption.AllDirectories).Single()), "The evidence stays on disk after it was shown.");
        Assert.Equal(0, emulator.CallsToChat(Reliability.AdminScopeAndAnonymityTests.AdminGroup, "sendPhoto"));
    }

    [Fact]
    public async Task AfterTheOneReopen_ASecondSelesai_DoesNotOfferBelumSelesai()
    {
        await using var emulator = await Emulator.StartAsync();
        using var evidence = new TempFolder();
        await using var bot = await Reliability.AdminScopeAndAnonymityTests.StartAsync(emulator, evidence);
        var group = emulator.Member(Reliability.AdminScopeAndAnonymityTests.AdminId, Reliability.AdminScopeAndAnonymityTests.AdminGroup);
        var (resident, number) = await ComplaintScript.ConsentAndFileAsync(emulator, ReporterId + 3, "Teridentifikasi");
        await group.WaitForText($"Pengaduan {number}");
        await group.Press("Verifikasi");
        await group.WaitForText($"Pengaduan {number} — Terverifikasi");
        await group.Press("Selesai");
        var first = await resident.WaitForText("Apakah masalah Anda sudah selesai?");
        Assert.Equal(["Ya, sudah selesai", "Belum selesai"], first.Buttons.Select(b => b.Text));
        await resident.Press("Belum selesai");
        await resident.WaitForText("Mohon jelaskan");
        await resident.SendText("Uangnya belum dikembalikan.");
        await resident.WaitForText("dibuka kembali dan diteruskan");
        await group.WaitForText($"Pengaduan {number} dibuka kembali oleh pelapor");

        await group.Press("Selesai");
        var second = await resident.WaitForText("sudah pernah dibuka kembali sekali");

        Assert.Equal(["Ya, sudah selesai"], second.Buttons.Select(b => b.Text));
        await resident.Press("Ya, sudah selesai");
        await resident.WaitForText($"Pengaduan {number} ditutup.");
    }

    [GeneratedRegex("ADU-[0-9]{4}-[0-9A-Z]{5}")]
    private static partial Regex TrackingNumber();
}

using AsnBot.Tests.Support;

namespace AsnBot.Tests.Complaints;

public sealed class AdminDeskTests : IDisposable
{
    /// <summary>A reporter id that cannot appear by accident in any other text.</summary>
    private const long Reporter = 987_654_321;

    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Lifecycle_VerifyProcessResolve_ReachesTheReporter_WhoClosesIt()
    {
        var (resident, number) = await Filed();
        var admin = _bot.AdminInGroup();

        await admin.Press(number, "Verifikasi");
        Assert.Equal($"Pengaduan {number}: status sekarang Terverifikasi.", resident.Last.Text);
        await admin.Press(number, "Proses");
        Assert.Equal($"Pengaduan {number}: status sekarang Diproses.", resident.Last.Text);
        await admin.Press(number, "Selesai");
        Assert.Contains("Apakah masalah Anda sudah selesai?", resident.Last.Text, StringComparison.Ordinal);

        await resident.Press("Ya, sudah selesai");

        Assert.Equal($"Terima kasih. Pengaduan {number} ditutup.", resident.Last.Text);
        var trail = _bot.Database.Rows<(string Actor, string? From, string To)>("SELECT actor, from_status, to_status FROM complaint_event ORDER BY id");
        Assert.Equal(
            [("resident", "draft", "submitted"), ($"admin:{TestUnits.AdminId}", "submitted", "verified"), ($"admin:{TestUnits.AdminId}", "verified", "in_progress"),
             ($"admin:{TestUnits.AdminId}", "in_progress", "resolved"), ("resident", "resolved", "closed")],
            trail);
        Assert.StartsWith($"📣 Pengaduan {number} — Selesai", admin.Post(number).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotResolved_ReopensOnceWithAReason_ThenNoMore()
    {
        var (resident, number) = await Filed();
        var admin = _bot.AdminInGroup();
        await admin.Press(number, "Verifikasi");
        await admin.Press(number, "Selesai");

        await resident.Press("Belum selesai");
        Assert.StartsWith("Mohon jelaskan mengapa", resident.Last.Text, StringComparison.Ordinal);
        await resident.Text("Uangnya belum dikembalikan.");

        Assert.Equal($"Pengaduan {number} dibuka kembali dan diteruskan ke petugas.", resident.Last.Text);
        Assert.Contains(admin.Messages, m => m.Text == $"🔁 Pengaduan {number} dibuka kembali oleh pelapor: Uangnya belum dikembalikan.");
        await admin.Press(number, "Selesai");
        Assert.Contains("sudah pernah dibuka kembali sekali", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(["Ya, sudah selesai"], resident.Last.Buttons.Select(b => b.Label));
    }

    [Fact]
    public async Task ReplyToThePost_AndTheAnswerButton_AreRelayedToTheReporter()
    {
        var (resident, number) = await Filed();
        var admin = _bot.AdminInGroup();

        await admin.Reply(admin.Post(number).Id, "Kami sedang memeriksa loket 3.");
        Assert.Equal($"Tanggapan petugas untuk pengaduan {number}:\nKami sedang memeriksa loket 3.", resident.Last.Text);

        await admin.Press(number, "Balas");
        var prompt = admin.Last;
        Assert.True(prompt.ForceReply);
        await admin.Reply(prompt.Id, "Petugasnya sudah ditegur.");
        Assert.Equal($"Tanggapan petugas untuk pengaduan {number}:\nPetugasnya sudah ditegur.", resident.Last.Text);
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM complaint WHERE first_response_at IS NOT NULL"));
    }

    [Fact]
    public async Task Reject_AsksForTheReason_AndTellsTheReporter()
    {
        var (resident, number) = await Filed();
        var admin = _bot.AdminInGroup();

        await admin.Press(number, "Tolak");
        await admin.Reply(admin.Last.Id, "Bukan pungutan: itu biaya resmi PNBP.");

        Assert.Equal($"Pengaduan {number}: status sekarang Ditolak.\nCatatan petugas: Bukan pungutan: itu biaya resmi PNBP.", resident.Last.Text);
        Assert.Equal("Bukan pungutan: itu biaya resmi PNBP.", _bot.Database.Rows<string>("SELECT note FROM complaint_event WHERE to_status = 'rejected'").Single());
    }

    [Fact]
    public async Task ActionNotAllowedFromTheStatus_IsRefused_AndAnOldButtonIsStale()
    {
        var (_, number) = await Filed();
        var admin = _bot.AdminInGroup();
        var firstPost = admin.Post(number);
        await admin.Press(number, "Selesai");
        Assert.Contains(_bot.Transcript.Answers, a => a.Text == "Tidak bisa dari status Terkirim.");

        await admin.Press(number, "Verifikasi");
        await admin.PressData(firstPost.Id, firstPost.Buttons.First(b => b.Label == "Bukan wewenang").Data);

        Assert.Contains(_bot.Transcript.Answers, a => a.Text == "Status pengaduan sudah berubah; tampilan terbaru dikirim.");
        Assert.Equal("verified", _bot.Database.Rows<string>("SELECT status FROM complaint").Single());
    }

    [Fact]
    public async Task AduanCommand_ListsOpenComplaintsWithDeadlineState_AndShowsOne()
    {
        var (_, number) = await Filed();
        var admin = _bot.Actor(TestUnits.AdminId, TestUnits.AdminId);

        await admin.Command("aduan");
        Assert.Contains($"{number} · Pungutan liar · Disdukcapil · Terkirim · 03-12-2026 (tepat waktu)", admin.Last.Text, StringComparison.Ordinal);
        _bot.Clock.Advance(TimeSpan.FromDays(2));
        await admin.Command("aduan");
        Assert.Contains("(segera jatuh tempo)", admin.Last.Text, StringComparison.Ordinal);
        _bot.Clock.Advance(TimeSpan.FromDays(2));
        await admin.Command("aduan");
        Assert.Contains("(terlambat)", admin.Last.Text, StringComparison.Ordinal);

        await admin.Command("aduan", number);
        Assert.Contains(admin.Last.Buttons, b => b.Label == "Verifikasi");
    }

    [Fact]
    public async Task NonAdmin_TryingEveryAdminCommandAndButton_GetsTheUnknownCommandAnswer_AndIsLogged()
    {
        var (_, number) = await Filed();
        var post = _bot.AdminInGroup().Post(number);
        var strangerInGroup = _bot.Actor(555, TestUnits.AdminGroup);
        var strangerAlone = _bot.Actor(556, 556);

        await strangerAlone.Command("aduan");
        Assert.Equal("Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah.", strangerAlone.Last.Text);
        var groupMessages = _bot.AdminInGroup().Messages.Count;
        await strangerInGroup.Command("aduan", number);

        // In the group it is refused without a word, as every command there: the group's messages are for posts.
        Assert.Equal(groupMessages, _bot.AdminInGroup().Messages.Count);
        foreach (var button in post.Buttons)
        {
            await strangerInGroup.PressData(post.Id, button.Data);
        }

        await strangerInGroup.Reply(post.Id, "Saya bukan admin tapi mau membalas.");

        Assert.Equal(post.Buttons.Count(), _bot.Transcript.Answers.Count(a => a.ButtonId.StartsWith("admin-555-", StringComparison.Ordinal) && a.Text == "Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah."));
        Assert.Equal("submitted", _bot.Database.Rows<string>("SELECT status FROM complaint").Single());
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM complaint_event"));
        Assert.DoesNotContain(_bot.Transcript.Messages(Reporter), m => m.Text.Contains("bukan admin", StringComparison.Ordinal));
        Assert.Equal(2 + post.Buttons.Count(), _bot.Logs.Lines.Count(l => l.Contains("is not an admin", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnonymousReporter_IsNeverShownOnAnyAdminPath()
    {
        var (resident, number) = await Filed(privacy: "Anonim");
        var group = _bot.AdminInGroup();
        var privateAdmin = _bot.Actor(TestUnits.AdminId, TestUnits.AdminId);
        await group.Reply(group.Post(number).Id, "Mohon tunggu.");
        await group.Press(number, "Balas");
        await group.Reply(group.Last.Id, "Sudah kami cek.");
        await group.Press(number, "Verifikasi");
        await group.Press(number, "Selesai");
        await resident.Press("Belum selesai");
        await resident.Text("Belum ada perubahan.");
        await privateAdmin.Command("aduan");
        await privateAdmin.Command("aduan", number);
        _bot.Clock.Advance(TimeSpan.FromDays(30));
        _bot.Processor.Run(new AsnBot.Complaints.OverdueAnnouncer(_bot.Desk, _bot.Complaints, _bot.Texts).Run);
        await _bot.Sender.DrainAsync(CancellationToken.None);

        var adminFacing = _bot.Transcript.AllMessages().Where(m => m.ChatId != Reporter).Select(m => m.Message.Text).ToList();
        Assert.Contains(adminFacing, t => t.StartsWith("⏰ Pengaduan terlambat", StringComparison.Ordinal));
        Assert.Contains(adminFacing, t => t.Contains("Pelapor: disembunyikan (anonim)", StringComparison.Ordinal));
        Assert.DoesNotContain(adminFacing, t => t.Contains(Reporter.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.DoesNotContain(_bot.Transcript.Answers.Where(a => a.ChatId != Reporter), a => a.Text?.Contains("987654321", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task IdentifiedReporter_IsShownToAdminsByTelegramId()
    {
        var (_, number) = await Filed(privacy: "Teridentifikasi");

        Assert.Contains("Pelapor: ID Telegram 987654321", _bot.AdminInGroup().Post(number).Text, StringComparison.Ordinal);
    }

    private async Task<(TestResident Resident, string Number)> Filed(string privacy = "Anonim")
    {
        var resident = await _bot.Resident(Reporter).Consent();
        var number = await resident.FileComplaint(privacy: privacy, photos: 1, location: true);
        return (resident, number);
    }
}

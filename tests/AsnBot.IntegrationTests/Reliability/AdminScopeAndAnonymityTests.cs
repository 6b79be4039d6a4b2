using System.Globalization;
using AsnBot.BotApiEmulator;
using AsnBot.Complaints;
using AsnBot.Delivery;
using AsnBot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// Issue #12 items 2–5: where admin answers go, what the admin group (whose members need not be admins) sees of
/// anonymous and confidential complaints, what /hapus changes in posts already delivered, and limits that must not
/// reset or be bypassed.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class AdminScopeAndAnonymityTests
{
    internal const long AdminId = 93_000_001;
    internal const long AdminGroup = -100_930_001;
    private const string ExactLocation = "2.9667, 99.8";
    private const string CoarseLocation = "sekitar 2.97, 99.80 (dibulatkan ±1 km)";

    [Fact]
    public async Task ReplyToTheBroadcastProgressMessage_IsNotRelayedToAReporter_AndAShortBroadcastSaysSeconds()
    {
        using var evidence = new TempFolder();
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await StartAsync(emulator, evidence);
        var group = emulator.Member(AdminId, AdminGroup);

        // Complaint 1 (anonymous) and broadcast 1: the progress message's tag carries the same number.
        var (reporter, number) = await ComplaintScript.ConsentAndFileAsync(emulator, 93_100_001, "Anonim");
        await group.WaitForText($"Pengaduan {number}");
        BroadcastScript.Seed(emulator, bot.Database, 93_100_100, 3);
        await BroadcastScript.StartAsync(group);
        var summary = await group.WaitForText("Siaran selesai", TimeSpan.FromSeconds(60));
        var progress = group.Messages.Single(m => m.Text.StartsWith("Undangan «", StringComparison.Ordinal));
        await bot.RecordedAsync(progress.ChatId, progress.MessageId);
        var reporterSeen = reporter.Messages.Count;

        await group.SendReply("Bagus, siarannya sudah jalan.", progress.MessageId);
        await SettledAsync(bot, emulator);

        Assert.Equal(reporterSeen, reporter.Messages.Count);
        Assert.DoesNotContain(reporter.Messages, m => m.Text.Contains("siarannya", StringComparison.Ordinal));
        Assert.Equal(1, bot.Database.Count("SELECT COUNT(*) FROM complaint_event"));
        Assert.Equal(0, bot.Database.Count("SELECT COUNT(*) FROM complaint WHERE first_response_at IS NOT NULL"));

        // Issue #13 item 13: a broadcast of a few seconds does not say "1 menit".
        Assert.Matches(@"waktu [0-9]{1,2} detik\.", summary.Text);
    }

    [Fact]
    public async Task AdminCommands_WorkOnlyPrivatelyOrInTheAdminGroup_AndFullViewsAndFilesGoOnlyToAPrivateChat()
    {
        using var evidence = new TempFolder();
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await StartAsync(emulator, evidence);
        var group = emulator.Member(AdminId, AdminGroup);
        var elsewhere = emulator.Member(AdminId, -100_930_999);
        var alone = emulator.Resident(AdminId);
        var (_, number) = await ComplaintScript.ConsentAndFileAsync(emulator, 93_200_001, "Rahasia");
        await group.WaitForText($"Pengaduan {number}");
        var groupSeen = group.Messages.Count;

        // In an unrelated group an admin is a member like any other: no answer, no file queued.
        foreach (var command in new[] { "/aduan", $"/aduan {number}", "/ekspor", "/ekspor pengaduan csv", "/laporan", "/putaran" })
        {
            await elsewhere.SendText(command);
        }

        // In the admin group, one complaint in full and files are refused with a pointer to the private chat.
        await group.SendText($"/aduan {number}");
        await group.WaitForText("hanya dikirim di chat pribadi dengan bot");
        await group.SendText("/ekspor pengaduan csv");
        await group.WaitFor(ms => ms.Count(m => m.Text.Contains("hanya dikirim di chat pribadi dengan bot", StringComparison.Ordinal)) == 2);
        await SettledAsync(bot, emulator);
        Assert.Empty(elsewhere.Messages);
        Assert.Equal(0, bot.Database.Count("SELECT COUNT(*) FROM document_job"));
        Assert.DoesNotContain(group.Messages.Skip(groupSeen), m => m.Text.Contains(number, StringComparison.Ordinal) || m.DocumentFileName is not null);

        // Privately the same admin gets the complaint with its buttons, and the export.
        await alone.SendText($"/aduan {number}");
        var view = await alone.WaitForText($"Pengaduan {number}");
        Assert.Contains(view.Buttons, b => b.Text == "Verifikasi");
        await alone.SendText("/ekspor pengaduan csv");
        await alone.WaitFor(ms => ms.Any(m => m.DocumentFileName == "pengaduan.csv"), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ConfidentialComplaint_AfterItsFirstPost_IsShownOnlyInAdminsPrivateChats_AndOnlyIdentifiedPostsShowTheExactLocation()
    {
        using var evidence = new TempFolder();
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await StartAsync(emulator, evidence);
        var group = emulator.Member(AdminId, AdminGroup);
        var alone = emulator.Resident(AdminId);

        // Three complaints about the same unit and category: each later one is a likely duplicate of the one before.
        var (reporter, confidential) = await ComplaintScript.ConsentAndFileAsync(emulator, 93_300_001, "Rahasia");
        var firstPost = await group.WaitForText($"Pengaduan {confidential}");
        var (_, identified) = await ComplaintScript.ConsentAndFileAsync(emulator, 93_300_002, "Teridentifikasi");
        var identifiedPost = await group.WaitForText($"Pengaduan {identified}");
        var (_, anonymous) = await ComplaintScript.ConsentAndFileAsync(emulator, 93_300_003, "Anonim");
        var anonymousPost = await group.WaitForText($"Pengaduan {anonymous}");

        Assert.Contains("Pelapor: hanya terlihat di chat pribadi admin (rahasia)", firstPost.Text, StringComparison.Ordinal);

        // The promise made when choosing says what that first post does show: the story and the rough location.
        var asked = emulator.Resident(93_300_004);
        await SurveyScript.ConsentAsync(asked);
        await ComplaintScript.OpenAsync(asked);
        await ComplaintScript.DescribeAsync(asked);
        await asked.SendText("Lanjut ›");
        var promise = (await asked.WaitForText("• Rahasia:")).Text;
        Assert.Contains("pemberitahuan pertamanya (isi pengaduan dan lokasi kira-kira, tanpa ID Anda)", promise, StringComparison.Ordinal);
        Assert.Contains("Di loket 2 saya diminta membayar", firstPost.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("93300001", firstPost.Text, StringComparison.Ordinal);
        Assert.Contains(CoarseLocation, firstPost.Text, StringComparison.Ordinal);
        Assert.Contains(CoarseLocation, anonymousPost.Text, StringComparison.Ordinal);
        Assert.Contains($"lokasi {ExactLocation}", identifiedPost.Text, StringComparison.Ordinal);
        Assert.Contains("Kemungkinan duplikat dari sebuah pengaduan rahasia", identifiedPost.Text, StringComparison.Ordinal);
        Assert.Contains($"Kemungkinan duplikat dari {identified}", anonymousPost.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(group.Messages, m => m.Text.Contains("2.9667", StringComparison.Ordinal) && !m.Text.Contains(identified, StringComparison.Ordinal));

        // /aduan: the group sees the confidential complaint only as a number; an admin's private chat lists it.
        await group.SendText("/aduan");
        var groupList = await group.WaitForText("Pengaduan terbuka: 3");
        Assert.Contains(identified, groupList.Text, StringComparison.Ordinal);
        Assert.Contains(anonymous, groupList.Text, StringComparison.Ordinal);
        Assert.Contains("+ 1 pengaduan rahasia", groupList.Text, StringComparison.Ordinal);
        await alone.SendText("/aduan");
        var privateList = await alone.WaitForText("Pengaduan terbuka: 3");
        Assert.Contains(confidential, privateList.Text, StringComparison.Ordinal);
        await alone.SendText($"/aduan {confidential}");
        var privateView = await alone.WaitForText($"Pengaduan {confidential}");
        Assert.Contains("Pelapor: ID Telegram 93300001", privateView.Text, StringComparison.Ordinal);
        Assert.Contains(CoarseLocation, privateView.Text, StringComparison.Ordinal);

        // The daily overdue notice, a month later on a working day: the group gets a count, admins the number.
        var later = AMorningAMonthAhead(bot);
        var announcer = bot.Services.GetRequiredService<OverdueAnnouncer>();
        bot.Services.GetRequiredService<InboundProcessor>().Run((work, _) => announcer.Run(work, later));
        var groupNotice = await group.WaitForText("⏰ Pengaduan terlambat (2)");
        Assert.Contains("+ 1 pengaduan rahasia terlambat", groupNotice.Text, StringComparison.Ordinal);
        var privateNotice = await alone.WaitForText("⏰ Pengaduan terlambat (1)");
        Assert.Contains(confidential, privateNotice.Text, StringComparison.Ordinal);

        // Handled from its first post: status changes edit that post; prompts, answers, a press on an outdated
        // button and the reporter reopening it all reach admins in private, not the group.
        await group.PressRaw(firstPost.MessageId, Data(firstPost, "Verifikasi"));
        await reporter.WaitForText("status sekarang Terverifikasi");
        await group.WaitForText($"Pengaduan {confidential} — Terverifikasi");
        var groupCount = group.Messages.Count;
        await group.PressRaw(firstPost.MessageId, Data(Current(group, firstPost), "Balas"));
        Assert.Equal("Pengaduan rahasia: permintaan balasan dikirim ke chat pribadi Anda dengan bot.", (await group.WaitForCallbackAnswer(2)).Text);
        var prompt = await alone.WaitForText($"Balas pesan ini dengan tanggapan untuk pelapor {confidential}");
        await bot.RecordedAsync(prompt.ChatId, prompt.MessageId);
        await alone.SendReply("Petugas loket sudah kami panggil.", prompt.MessageId);
        await reporter.WaitForText("Petugas loket sudah kami panggil.");
        await alone.WaitForText($"Tanggapan untuk {confidential} diteruskan ke pelapor.");
        await bot.RecordedAsync(firstPost.ChatId, firstPost.MessageId);
        await group.SendReply("Berkasnya sedang kami periksa.", firstPost.MessageId);
        await reporter.WaitForText("Berkasnya sedang kami periksa.");
        await group.WaitForText("Tanggapan diteruskan ke pelapor.");
        groupCount++;
        await group.PressRaw(firstPost.MessageId, Data(Current(group, firstPost), "Selesai"));
        await reporter.WaitForText("Apakah masalah Anda sudah selesai?");
        await reporter.Press("Belum selesai");
        await reporter.WaitForText("Mohon jelaskan");
        await reporter.SendText("Uangnya belum dikembalikan.");
        await alone.WaitForText($"Pengaduan {confidential} dibuka kembali oleh pelapor");
        await group.PressRaw(firstPost.MessageId, Data(firstPost, "Proses"));
        Assert.Equal("Status pengaduan sudah berubah; tampilan terbaru dikirim.", (await group.WaitForCallbackAnswer(4)).Text);
        await group.WaitForText($"Pengaduan {confidential} — Dibuka kembali");
        Assert.Equal(groupCount, group.Messages.Count);

        await SettledAsync(bot, emulator);
        var laterGroupMessages = group.Messages.Where(m => m.MessageId != firstPost.MessageId).ToList();
        Assert.DoesNotContain(laterGroupMessages, m => m.Text.Contains(confidential, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasure_EditsEveryAdminPostThatShowedTheReportersTelegramId()
    {
        const long reporterId = 7_391_846_999;
        var id = reporterId.ToString(CultureInfo.InvariantCulture);
        using var evidence = new TempFolder();
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await StartAsync(emulator, evidence);
        var group = emulator.Member(AdminId, AdminGroup);
        var alone = emulator.Resident(AdminId);
        var (reporter, number) = await ComplaintScript.ConsentAndFileAsync(emulator, reporterId, "Teridentifikasi");
        var post = await group.WaitForText($"Pengaduan {number}");
        Assert.Contains($"ID Telegram {id}", post.Text, StringComparison.Ordinal);
        await alone.SendText($"/aduan {number}");
        var view = await alone.WaitForText($"ID Telegram {id}");
        await bot.RecordedAsync(post.ChatId, post.MessageId);
        await bot.RecordedAsync(view.ChatId, view.MessageId);

        await SurveyScript.EraseAsync(reporter);

        var edited = await group.WaitForText("Pelapor: dihapus atas permintaan pelapor (/hapus)");
        Assert.Equal(post.MessageId, edited.MessageId);
        Assert.Contains(edited.Buttons, b => b.Text == "Verifikasi");
        var editedView = await alone.WaitForText("Pelapor: dihapus atas permintaan pelapor (/hapus)");
        Assert.Equal(view.MessageId, editedView.MessageId);
        Assert.Contains(editedView.Buttons, b => b.Text == "🖼 Lihat bukti (1 foto)");
        await SettledAsync(bot, emulator);
        Assert.DoesNotContain(group.Messages.Concat(alone.Messages), m => m.Text.Contains(id, StringComparison.Ordinal));
        Assert.Empty(DatabaseScan.Find(bot.Database, id));
    }

    [Fact]
    public async Task ErasureThenConsentingAgain_DoesNotResetTheComplaintsADayLimit()
    {
        using var evidence = new TempFolder();
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await StartAsync(emulator, evidence, ("Complaints:MaxPerDay", "1"));
        const long residentId = 93_500_001;
        var (resident, _) = await ComplaintScript.ConsentAndFileAsync(emulator, residentId, "Anonim");

        await SurveyScript.EraseAsync(resident);
        await SurveyScript.ConsentAsync(resident);
        await resident.WaitForText("Unit layanan mana");
        await resident.SendText("/lapor");

        await resident.WaitForText("paling banyak 1 pengaduan dalam 24 jam");
        Assert.Equal(1, bot.Database.Count("SELECT COUNT(*) FROM complaint_quota"));
        Assert.DoesNotContain(DatabaseScan.Find(bot.Database, residentId.ToString(CultureInfo.InvariantCulture)), hit => hit.StartsWith("complaint_quota.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PhotoWhoseSizeTelegramDoesNotGive_IsCappedByTheBytesRead_AndNotKept()
    {
        using var evidence = new TempFolder();
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await StartAsync(emulator, evidence, ("Complaints:MaxPhotoBytes", "1000"));
        var resident = emulator.Resident(93_600_001);
        await SurveyScript.ConsentAsync(resident);
        await resident.WaitForText("Unit layanan mana");
        await ComplaintScript.FileAsync(resident, "Anonim", async r =>
        {
            await r.SendPhotoOfUnknownSize(50_000);
            await r.WaitForText("Foto 1 dari 3 diterima.");
        });

        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM complaint_photo WHERE status = 'too_large' AND path IS NULL") == 1);
        Assert.Empty(Directory.EnumerateFiles(evidence.Path, "*", SearchOption.AllDirectories));
    }

    /// <summary>The bot with admin <see cref="AdminId"/> and admin group <see cref="AdminGroup"/>, and any further settings.</summary>
    internal static Task<BotUnderTest> StartAsync(Emulator emulator, TempFolder evidence, params (string Key, string Value)[] more)
    {
        var settings = AuthorisationAndPrivacyTests.Settings(evidence.Path, AdminId, AdminGroup);
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return BotUnderTest.StartAsync(emulator, settings);
    }

    /// <summary>The callback data of a button on a message as it was when <paramref name="message"/> was read.</summary>
    private static string Data(BotMessage message, string label) => message.Buttons.Single(b => b.Text == label).CallbackData!;

    /// <summary>The message as it looks now (after edits).</summary>
    private static BotMessage Current(Resident chat, BotMessage message) => chat.Messages.Single(m => m.MessageId == message.MessageId);

    /// <summary>10:00 WIB on the first working day at least 30 days from now: every open complaint is overdue then.</summary>
    private static DateTimeOffset AMorningAMonthAhead(BotUnderTest bot)
    {
        var days = bot.Services.GetRequiredService<ComplaintDeadlines>().Days;
        var day = WorkingDays.LocalDate(DateTimeOffset.UtcNow).AddDays(30);
        while (!days.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return WorkingDays.StartOfDay(day).AddHours(10);
    }

    /// <summary>Every update handled and every reply delivered.</summary>
    private static Task SettledAsync(BotUnderTest bot, Emulator emulator) =>
        Eventually.True(() => bot.Database.Count("SELECT next_update_id FROM bot_state") >= emulator.NextUpdateId
            && bot.Database.Count("SELECT COUNT(*) FROM outbox") == 0);
}

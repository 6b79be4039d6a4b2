using System.Globalization;
using AsnBot.Admin;
using AsnBot.BotApiEmulator;
using AsnBot.IntegrationTests.Support;
using Dapper;
using Xunit.Abstractions;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// Issue #7 part 5: admin and analyst commands and buttons tried by people who are not admins, and erasure with
/// /hapus checked over every column of every table of the SQLite file.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class AuthorisationAndPrivacyTests(ITestOutputHelper output)
{
    private const long AdminId = 92_000_001;
    private const long AdminGroup = -100_920_001;
    private const string UnknownCommand = "Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah.";

    [Fact]
    public async Task EveryAdminCommandAndButton_FromANonAdmin_GetsTheUnknownCommandAnswer_AndChangesNothing()
    {
        await using var emulator = await Emulator.StartAsync();
        using var evidence = new TempFolder();
        var settings = Settings(evidence.Path);

        await using var bot = await BotUnderTest.StartAsync(emulator, settings);
        var admin = emulator.Member(AdminId, AdminGroup);
        var member = emulator.Member(92_000_002, AdminGroup, "Bukan admin");
        var resident = emulator.Resident(92_000_003);
        var stranger = emulator.Resident(92_000_004);
        var reporter = emulator.Resident(92_000_005);

        // Real admin screens in the group: a complaint post, the broadcast and round wizards, a Balas prompt.
        await SurveyScript.ConsentAsync(reporter);
        await reporter.WaitForText("Unit layanan mana");
        var number = await ComplaintScript.FileAsync(reporter, "Teridentifikasi");
        var post = await admin.WaitForText($"Pengaduan {number}");
        await admin.SendText("/siaran");
        await admin.WaitFor(ms => ms[^1].Buttons.Any());
        await admin.SendText("/putaran_baru");
        await admin.WaitForText("Nama putaran?");
        await admin.SendText("Putaran keamanan");
        await admin.WaitForText("Tanggal dibuka?");
        await admin.SendText("hari ini");
        await admin.WaitForText("Tanggal ditutup");
        await admin.SendText("31-12-2099");
        await admin.WaitForText("Unit yang disurvei pada putaran ini?");
        await admin.Press("Balas");
        var prompt = await admin.WaitForText($"Balas pesan ini dengan tanggapan untuk pelapor {number}");
        await SurveyScript.ConsentAsync(resident);
        await resident.WaitForText("Unit layanan mana");
        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM outbox") == 0);
        var before = Snapshot(bot);
        var reporterMessages = reporter.Messages.Count;
        var adminButtons = admin.Messages.SelectMany(m => m.Buttons.Where(b => b.CallbackData is not null).Select(b => (m.MessageId, Data: b.CallbackData!))).ToList();
        Assert.Contains(adminButtons, b => b.Data.StartsWith("A:", StringComparison.Ordinal));
        Assert.Contains(adminButtons, b => b.Data.StartsWith("B:", StringComparison.Ordinal));
        Assert.Contains(adminButtons, b => b.Data.StartsWith("RW:", StringComparison.Ordinal));

        // Every admin command, bare, with arguments, addressed to the bot by name, in capitals.
        var commands = AdminDesk.Commands.Order(StringComparer.Ordinal)
            .SelectMany(c => new[] { $"/{c}", $"/{c} csv 2026-IT PKMDATUKBANDAR", $"/{c} {number}", $"/{c}@asnbot_test_bot", $"/{c.ToUpperInvariant()}" })
            .Append("/ekspor pengaduan json")
            .ToList();
        var attempts = 0;
        var groupSeen = member.Messages.Count;

        // In the admin group a non-admin's command gets no reply, as any command there: the group's 20
        // messages a minute are for complaint posts.
        await member.SendText("/zzqx");
        foreach (var command in commands)
        {
            await member.SendText(command);
        }

        await Eventually.True(() => bot.Database.Count("SELECT next_update_id FROM bot_state") >= emulator.NextUpdateId && bot.Database.Count("SELECT COUNT(*) FROM outbox") == 0);
        Assert.Equal(groupSeen, member.Messages.Count);
        attempts += commands.Count;
        foreach (var person in new[] { resident, stranger })
        {
            var unknown = await ReplyTo(person, "/zzqx");
            Assert.Equal(UnknownCommand, unknown);
            var count = person.Messages.Count;
            foreach (var command in commands)
            {
                await person.SendText(command);
            }

            await person.WaitFor(ms => ms.Count >= count + commands.Count, TimeSpan.FromSeconds(30));
            var replies = person.Messages.Skip(count).Select(m => m.Text).ToList();
            Assert.Equal(Enumerable.Repeat(unknown, commands.Count), replies);
            attempts += commands.Count;
        }

        // Every admin button: pressed on the real screens by the group member, forged in private chats by the others.
        var answers = member.CallbackAnswers.Count;
        var residentAnswers = resident.CallbackAnswers.Count;
        var strangerAnswers = stranger.CallbackAnswers.Count;
        foreach (var (messageId, data) in adminButtons)
        {
            await member.PressRaw(messageId, data);
            await resident.PressRaw(1, data);
            await stranger.PressRaw(1, data);
        }

        attempts += adminButtons.Count * 3;
        await member.WaitForCallbackAnswer(answers + adminButtons.Count, TimeSpan.FromSeconds(30));
        await resident.WaitForCallbackAnswer(residentAnswers + adminButtons.Count, TimeSpan.FromSeconds(30));
        await stranger.WaitForCallbackAnswer(strangerAnswers + adminButtons.Count, TimeSpan.FromSeconds(30));
        foreach (var person in new[] { member, resident, stranger })
        {
            Assert.All(person.CallbackAnswers.TakeLast(adminButtons.Count), a => Assert.Equal(UnknownCommand, a.Text));
        }

        // Replies to the complaint post and to the admin's Balas prompt are relayed only when an admin writes them.
        await bot.RecordedAsync(post.ChatId, post.MessageId);
        await bot.RecordedAsync(prompt.ChatId, prompt.MessageId);
        await member.SendReply("Sudah kami tangani, kasus ditutup.", post.MessageId);
        await member.SendReply("Bohong semua.", prompt.MessageId);
        await member.SendText("/zzqx");
        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM outbox") == 0 && bot.Database.Count("SELECT next_update_id FROM bot_state") >= emulator.NextUpdateId);

        // No effect anywhere: same complaint, no event, no document, no broadcast or round, nothing for the reporter.
        Assert.Equal(before, Snapshot(bot));
        Assert.Equal(reporterMessages, reporter.Messages.Count);
        var seenByNonAdmins = member.Messages.Skip(groupSeen).Concat(resident.Messages).Concat(stranger.Messages).ToList();
        Assert.DoesNotContain(seenByNonAdmins, m => m.DocumentFileName is not null || m.Text.Contains(number, StringComparison.Ordinal));
        Assert.Empty(DatabaseScan.Find(bot.Database, stranger.UserId.ToString(CultureInfo.InvariantCulture)));
        // Every attempt is logged; in the admin group so is any other command of a non-admin (/zzqx twice).
        Assert.Equal(attempts + 2, bot.Logs.Lines.Count(l => l.Contains("is not an admin and tried", StringComparison.Ordinal)));
        output.WriteLine($"Refused: {commands.Count} admin command forms × 3 non-admins, {adminButtons.Count} admin buttons × 3 non-admins ({attempts} attempts, each logged); 2 replies to admin messages ignored");
    }

    [Fact]
    public async Task AdminCommandInAnotherGroup_GetsNoReply_AsAnUnknownCommandDoes()
    {
        await using var emulator = await Emulator.StartAsync();
        using var evidence = new TempFolder();
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings(evidence.Path));
        var member = emulator.Member(92_100_001, -100_921_999);
        var resident = emulator.Resident(92_100_002);

        await member.SendText("/zzqx");
        foreach (var command in AdminDesk.Commands)
        {
            await member.SendText("/" + command);
        }

        await resident.SendText("/start");
        await resident.WaitForText("Apakah Anda setuju?");
        await Eventually.True(() => bot.Database.Count("SELECT next_update_id FROM bot_state") >= emulator.NextUpdateId);
        Assert.Empty(member.Messages);
    }

    [Fact]
    public async Task Erasure_LeavesNoRowWithTheResidentsId_OnlyTheAnonymisedAnswersAndComplaint()
    {
        const long residentId = 7_391_846_205;
        var id = residentId.ToString(CultureInfo.InvariantCulture);
        using var evidence = new TempFolder();
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings(evidence.Path));
        var admin = emulator.Member(AdminId, AdminGroup);
        var resident = emulator.Resident(residentId);

        // A submitted survey, a filed complaint an admin answered, an unfinished survey and a complaint draft.
        await SurveyScript.CompleteAsync(resident, [4, 4, 3, 3, 4, 4, 3, 3, 4], "Antrean perlu diperbaiki.");
        var number = await ComplaintScript.FileAsync(resident, "Teridentifikasi");
        await admin.WaitForText($"Pengaduan {number}");
        await admin.Press("Verifikasi");
        await resident.WaitForText("status sekarang Terverifikasi");
        await admin.WaitForText($"Pengaduan {number} — Terverifikasi");
        await admin.Press("Balas");
        var prompt = await admin.WaitForText("Balas pesan ini dengan tanggapan");
        await bot.RecordedAsync(prompt.ChatId, prompt.MessageId);
        await admin.SendReply("Petugas loket sudah kami panggil.", prompt.MessageId);
        await resident.WaitForText("Petugas loket sudah kami panggil.");
        await resident.SendText("/start");
        await resident.WaitForText("Unit layanan mana");
        await resident.Press("Puskesmas Teluk Nibung");
        await resident.WaitForText("Profil responden (1 dari 4");
        await ComplaintScript.OpenAsync(resident);
        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM complaint_photo WHERE status = 'stored'") == 1
            && bot.Database.Count("SELECT COUNT(*) FROM outbox") == 0);
        var before = DatabaseScan.RowCounts(bot.Database);
        var kept = Kept(bot);
        var draftAnswers = bot.Database.Count("SELECT COUNT(*) FROM answer JOIN response ON response.id = answer.response_id WHERE response.status = 'draft'");
        var foundBefore = DatabaseScan.Find(bot.Database, id);
        Assert.Contains(foundBefore, hit => hit.StartsWith("resident.", StringComparison.Ordinal));

        await SurveyScript.EraseAsync(resident);
        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM outbox") == 0);

        // Not one row, in any column of any table, still holds the id.
        var foundAfter = DatabaseScan.Find(bot.Database, id);
        Assert.True(foundAfter.Count == 0, "Still there: " + string.Join("; ", foundAfter));

        // Exactly this is kept: the submitted answers and the filed complaint with its trail and photo, unlinked.
        Assert.Equal(kept, Kept(bot));
        Assert.Equal(1, bot.Database.Count("SELECT COUNT(*) FROM response WHERE status = 'submitted' AND resident_id IS NULL"));
        Assert.Equal(1, bot.Database.Count("SELECT COUNT(*) FROM complaint WHERE status <> 'draft' AND resident_id IS NULL"));
        var after = DatabaseScan.RowCounts(bot.Database);
        var removed = before.Keys.Where(t => after[t] != before[t]).ToDictionary(t => t, t => before[t] - after[t], StringComparer.Ordinal);
        Assert.Equal(
            new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["resident"] = 1,
                ["session"] = 1,
                ["response"] = 1,
                ["complaint"] = 1,
                ["answer"] = draftAnswers,
            }.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal),
            removed.Where(p => p.Key != "bot_state").OrderBy(p => p.Key, StringComparer.Ordinal));
        var photo = Directory.EnumerateFiles(evidence.Path, "*", SearchOption.AllDirectories).Single();
        Assert.DoesNotContain(id, photo, StringComparison.Ordinal);
        output.WriteLine($"Before /hapus the id was in: {string.Join("; ", foundBefore)}");
        output.WriteLine($"Removed: {string.Join(", ", removed.Select(p => $"{p.Key} {p.Value}"))}; kept, unlinked: {kept}");
    }

    [Fact]
    public async Task TheToken_NeverAppearsInLogsExceptionsExportsOrTheDatabase()
    {
        await using var emulator = await Emulator.StartAsync(new EmulatorOptions { Token = "987654321:AAH-Reliability_secret_TOKEN_0123456789" });
        var secret = emulator.Token.Split(':')[1];
        using var evidence = new TempFolder();
        var settings = Settings(evidence.Path);
        settings["Delivery:GroupPerMinute"] = "100";

        // The admin group exists: posts Telegram refuses for a group it does not know stay queued for it.
        emulator.Member(AdminId, AdminGroup);
        await using var bot = await BotUnderTest.StartAsync(emulator, settings);

        // Exports and reports are sent only in an admin's private chat.
        var admin = emulator.Resident(AdminId);
        var resident = emulator.Resident(92_300_001);
        await SurveyScript.CompleteAsync(resident, [3, 3, 3, 3, 3, 3, 3, 3, 3], "Bagus.");
        await ComplaintScript.FileAsync(resident, "Teridentifikasi");

        // Telegram failing every way it can: 5xx, a dropped connection, a revoked token, a refusal, a failing poll.
        emulator.FailNext(1, 500);
        emulator.FailNext(1, 401, "Unauthorized");
        emulator.FailNext(1, 400, "Bad Request: chat not found");
        emulator.DropNext(1);
        emulator.FailNextGetUpdates(1, 502);
        await resident.SendText("/datasaya");
        await resident.SendText("/bantuan");

        // Every export and report the admins can ask for, sent as documents.
        foreach (var command in new[] { "/ekspor csv", "/ekspor json", "/ekspor xlsx", "/ekspor pengaduan csv", "/ekspor pengaduan xlsx", "/laporan" })
        {
            await admin.SendText(command);
        }

        await admin.WaitFor(ms => ms.Count(m => m.DocumentFileName is not null) >= 7, TimeSpan.FromSeconds(60));
        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM outbox") == 0);
        var files = admin.Messages.Where(m => m.DocumentFileName is not null).Select(m => (Name: m.DocumentFileName!, Bytes: admin.DocumentBytes(m.MessageId)!)).ToList();

        // The same exports through the CLI verbs, as a separate process with the token in its environment.
        using var cli = new TempFolder();
        var folder = cli.Path;
        foreach (var (name, args) in new[]
        {
            ("responses.xlsx", new[] { "export", "responses", "--round", RoundSeed.Code, "--format", "xlsx", "--labels", "--include-partial" }),
            ("responses.json", ["export", "responses", "--round", RoundSeed.Code, "--format", "json"]),
            ("complaints.csv", ["export", "complaints", "--format", "csv", "--events"]),
            ("complaints.xlsx", ["export", "complaints", "--format", "xlsx"]),
            ("ikm.csv", ["report", "ikm", "--round", RoundSeed.Code, "--format", "csv"]),
        })
        {
            var (exit, console) = await RunCliAsync(emulator.Token, bot, [.. args, "--out", Path.Combine(folder, name)]);
            Assert.True(exit == 0, console);
            files.Add((name, await File.ReadAllBytesAsync(Path.Combine(folder, name))));
            files.Add((name + " console", System.Text.Encoding.UTF8.GetBytes(console)));
        }

        await bot.StopAsync();
        Assert.Contains(emulator.Calls, c => c.StatusCode == 401);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("failed", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        foreach (var (name, bytes) in files)
        {
            Assert.False(Contains(bytes, secret), $"The token is in {name}.");
        }

        Assert.Empty(DatabaseScan.Find(bot.Database, secret));
        output.WriteLine($"Scanned {bot.Logs.Lines.Count} log lines (exceptions included), {files.Count} exports, reports and CLI outputs ({files.Sum(f => f.Bytes.Length)} bytes, XLSX unzipped) and every table: no token");
    }

    /// <summary>Looks in the bytes and, for XLSX (a zip), in every part unzipped.</summary>
    private static bool Contains(byte[] bytes, string secret)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(secret);
        if (bytes.AsSpan().IndexOf(needle) >= 0)
        {
            return true;
        }

        if (bytes is not [(byte)'P', (byte)'K', ..])
        {
            return false;
        }

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<(int Exit, string Console)> RunCliAsync(string token, BotUnderTest bot, string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "asnbot.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = bot.Folder,
        };
        start.Environment["Telegram__Token"] = token;
        foreach (var (key, value) in bot.StorageVariables)
        {
            start.Environment[key] = value;
        }

        start.Environment["Exports__PseudonymKey"] = "LmxAyjKQwP48baS9pB7YaZ86Zc6OeL9w";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Kept(BotUnderTest bot)
    {
        using var connection = bot.Database.Open();
        return string.Join(
            "; ",
            "submitted responses " + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM response WHERE status = 'submitted'"),
            "their answers " + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM answer JOIN response ON response.id = answer.response_id WHERE response.status = 'submitted'"),
            "tally " + connection.ExecuteScalar<long>("SELECT SUM(count) FROM score_tally"),
            "complaints " + connection.ExecuteScalar<string>("SELECT group_concat(tracking_no || ' ' || status, ', ') FROM complaint WHERE status <> 'draft'"),
            "events " + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM complaint_event"),
            "photos " + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM complaint_photo"));
    }

    private static async Task<string> ReplyTo(Resident person, string text)
    {
        var count = person.Messages.Count;
        await person.SendText(text);
        await person.WaitFor(ms => ms.Count > count);
        return person.Messages[count].Text;
    }

    private static string Snapshot(BotUnderTest bot)
    {
        using var connection = bot.Database.Open();
        return string.Join(
            "; ",
            connection.ExecuteScalar<string>("SELECT group_concat(tracking_no || ' ' || status || ' v' || version, ', ') FROM complaint"),
            "events " + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM complaint_event"),
            "jobs " + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM document_job"),
            "broadcasts " + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM broadcast"),
            "rounds " + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM survey_round"),
            "admin sessions " + connection.ExecuteScalar<string>("SELECT group_concat(user_id || ' ' || state || ' ' || step || ' ' || draft, ', ') FROM admin_session"),
            "tagged " + connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sent_message"));
    }

    internal static Dictionary<string, string?> Settings(string evidence, long admin = AdminId, long group = AdminGroup) => new()
    {
        ["Admin:UserIds:0"] = admin.ToString(CultureInfo.InvariantCulture),
        ["Admin:GroupChatId"] = group.ToString(CultureInfo.InvariantCulture),
        ["Exports:PseudonymKey"] = "LmxAyjKQwP48baS9pB7YaZ86Zc6OeL9w",
        ["Complaints:EvidenceFolder"] = evidence,
    };
}

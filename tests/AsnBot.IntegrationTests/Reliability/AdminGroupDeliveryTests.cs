using System.Globalization;
using AsnBot.BotApiEmulator;
using AsnBot.IntegrationTests.Support;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>What reaches the admin group, over the real wire: a complaint post never vanishes, and only a post's newest state matters.</summary>
[Trait("Category", "Reliability")]
public sealed class AdminGroupDeliveryTests
{
    private const long AdminId = 67_000_001;
    private const long Group = -100_670_000;

    [Fact]
    public async Task AWrongAdminGroup_IsNamedAtStart_ItsPostsStayQueued_TheAdminsAreToldOnce_AndGetThemOnceItIsFixed()
    {
        await using var emulator = await Emulator.StartAsync(new EmulatorOptions { WaitTimeout = TimeSpan.FromSeconds(30) });
        var admin = emulator.Resident(AdminId);

        // The group does not exist for the bot yet (a wrong id, or the bot not added): Telegram says "chat not found".
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings(("Delivery:MaxBackoff", "00:00:02")));
        await Eventually.True(() => bot.Logs.Lines.Any(l => l.Contains($"Admin group {Group} cannot be reached (Bad Request: chat not found)", StringComparison.Ordinal)));

        var numbers = new List<string>();
        foreach (var id in new long[] { 67_100_001, 67_100_002 })
        {
            var resident = emulator.Resident(id);
            await SurveyScript.ConsentAsync(resident);
            await resident.WaitForText("Unit layanan mana");
            numbers.Add(await ComplaintScript.FileAsync(resident, "Teridentifikasi"));
        }

        // Both posts wait for the group; the admins heard of it once, in private, not once per post.
        await admin.WaitForText("grup admin tidak dapat dikirim");
        await Eventually.True(() => bot.Database.Count($"SELECT COUNT(*) FROM outbox WHERE chat_id = {Group}") == 2);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(admin.Messages, m => m.Text.Contains("grup admin tidak dapat dikirim", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Contains("refused and dropped", StringComparison.Ordinal));

        // The bot is added to the group: the posts arrive, in the order they were filed.
        var member = emulator.Member(AdminId, Group);
        await member.WaitFor(messages => messages.Count(m => m.Text.Contains("Pengaduan ADU-", StringComparison.Ordinal)) == 2, TimeSpan.FromSeconds(30));
        var posts = member.Messages.Where(m => m.Text.Contains("Pengaduan ADU-", StringComparison.Ordinal)).ToList();
        Assert.Contains(numbers[0], posts[0].Text, StringComparison.Ordinal);
        Assert.Contains(numbers[1], posts[1].Text, StringComparison.Ordinal);
        await Eventually.True(() => bot.Database.Count($"SELECT COUNT(*) FROM outbox WHERE chat_id = {Group}") == 0);
    }

    /// <summary>
    /// Two presses while the group waits (a 429 holds it): the post is edited once, to the newest status, before the
    /// notices queued for the group earlier. Before, both edits went out, after the notices.
    /// </summary>
    [Fact]
    public async Task EditsOfAPostQueuedWhileTheGroupWaits_OnlyTheNewestGoes_AheadOfNotices()
    {
        await using var emulator = await Emulator.StartAsync(new EmulatorOptions { RetryAfterSeconds = 4, WaitTimeout = TimeSpan.FromSeconds(30) });
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings());
        var admin = emulator.Member(AdminId, Group);
        var resident = emulator.Resident(67_200_001);
        await SurveyScript.ConsentAsync(resident);
        await resident.WaitForText("Unit layanan mana");
        var number = await ComplaintScript.FileAsync(resident, "Teridentifikasi");
        var post = await admin.WaitForText($"Pengaduan {number}");
        await bot.RecordedAsync(post.ChatId, post.MessageId);

        // The group's next message is refused with retry_after 4 s: notices and edits queue up meanwhile.
        emulator.FailNextFor(Group, 1, 429, "Too Many Requests: retry after 4");
        await admin.SendReply("Sedang kami periksa.", post.MessageId);
        await Eventually.True(() => emulator.TooManyRequestsCount == 1);
        await admin.SendReply("Petugas loket sudah ditegur.", post.MessageId);
        await Eventually.True(() => bot.Database.Count($"SELECT COUNT(*) FROM outbox WHERE chat_id = {Group}") == 2);

        // Each press is answered at once with the new status, though the post cannot be edited yet.
        await admin.Press("Verifikasi");
        Assert.Equal("Status sekarang: Terverifikasi", (await admin.WaitForCallbackAnswer(1)).Text);
        var process = post.Buttons.Single(b => b.Text == "Proses").CallbackData!.Split(':');
        await admin.PressRaw(post.MessageId, $"{process[0]}:{int.Parse(process[1], CultureInfo.InvariantCulture) + 1}:{process[2]}");
        Assert.Equal("Status sekarang: Diproses", (await admin.WaitForCallbackAnswer(2)).Text);

        await admin.WaitFor(messages => messages.Count(m => m.Text.Contains($"Tanggapan untuk {number}", StringComparison.Ordinal)) == 2, TimeSpan.FromSeconds(30));
        var refused = emulator.Calls.Single(c => c.StatusCode == 429);
        var after = emulator.Calls.Where(c => c.ChatId == Group && c.StatusCode == 200 && c.At > refused.At && c.Method is "sendMessage" or "editMessageText").ToList();
        Assert.Equal(["editMessageText", "sendMessage", "sendMessage"], after.Select(c => c.Method));
        Assert.Contains("Diproses", admin.Messages.Single(m => m.MessageId == post.MessageId).Text, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Admin:UserIds:0"] = AdminId.ToString(CultureInfo.InvariantCulture),
            ["Admin:GroupChatId"] = Group.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }
}

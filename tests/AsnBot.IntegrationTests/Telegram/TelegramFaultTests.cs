using AsnBot.BotApiEmulator;
using AsnBot.IntegrationTests.Support;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Telegram;

/// <summary>Telegram misbehaving: replies are delayed, never lost, and limits are honoured.</summary>
public sealed class TelegramFaultTests
{
    [Fact]
    public async Task ServerErrorsAndDroppedConnections_DelayRepliesButLoseNone()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(50_001);
        await SurveyScript.ToFirstElementAsync(resident);

        emulator.FailNext(2, 500);
        emulator.DropNext(1);
        await resident.Press(SurveyScript.Label(SurveyScript.Elements.First(), 3));

        await resident.WaitForText("Pertanyaan 2 dari 9", TimeSpan.FromSeconds(20));
        Assert.Equal(1, bot.Database.Count("SELECT COUNT(*) FROM answer"));
        Assert.Contains(emulator.Calls, c => c.StatusCode == 500);
        Assert.Contains(emulator.Calls, c => c.StatusCode == 0);
    }

    [Fact]
    public async Task GetUpdatesFailing_IsRetriedWithBackoff_AndNothingIsMissed()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        emulator.FailNextGetUpdates(3, 502);
        var resident = emulator.Resident(50_002);

        // Ends the long poll now parked, so the next three polls meet the failures.
        await resident.SendText("/bantuan");
        await Eventually.True(() => emulator.Calls.Count(c => c.Method == "getUpdates" && c.StatusCode == 502) == 3);
        await resident.SendText("/start");

        await resident.WaitForText("Apakah Anda setuju?", TimeSpan.FromSeconds(20));
        var failed = emulator.Calls.Where(c => c.Method == "getUpdates" && c.StatusCode == 502).ToList();

        // Back-off, not a busy loop: 1 s, then 2 s between the failures.
        Assert.True(failed[1].At - failed[0].At >= TimeSpan.FromSeconds(0.9), $"{failed[1].At - failed[0].At}");
        Assert.True(failed[2].At - failed[1].At >= TimeSpan.FromSeconds(1.9), $"{failed[2].At - failed[1].At}");
    }

    [Fact]
    public async Task TooManyRequests_WaitsExactlyRetryAfter_AndRepliesArriveInOrder()
    {
        await using var emulator = await Emulator.StartAsync(new EmulatorOptions { PerChatRatePerSecond = 2, RetryAfterSeconds = 1 });
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(50_003);
        await SurveyScript.ToFirstElementAsync(resident);

        // Sticker: the notice and the question again in one message; six stickers make six messages at once.
        for (var i = 0; i < 6; i++)
        {
            await resident.SendSticker();
        }

        await resident.WaitFor(messages => messages.Count(m => m.Text.StartsWith("Maaf, AsnBot", StringComparison.Ordinal)) == 6, TimeSpan.FromSeconds(30));

        Assert.True(emulator.TooManyRequestsCount > 0);
        var calls = emulator.Calls.Where(c => c.ChatId == resident.ChatId && c.Method is "sendMessage" or "editMessageText").ToList();
        foreach (var (refused, index) in calls.Select((c, i) => (c, i)).Where(p => p.c.StatusCode == 429))
        {
            var next = calls.Skip(index + 1).FirstOrDefault();
            Assert.NotNull(next);
            Assert.True(next.At - refused.At >= TimeSpan.FromSeconds(0.95), $"Sent again {next.At - refused.At} after a 429 with retry_after 1 s.");
        }

        var texts = resident.Messages.Select(m => m.Text).ToList();
        Assert.All(texts.Skip(texts.Count - 6), t => Assert.Matches("^Maaf, AsnBot[^\\n]*\\n\\nPertanyaan 1 dari 9", t));
    }

    [Fact]
    public async Task ResidentWhoBlockedTheBot_IsMarked_AndNothingMoreIsQueuedForThem()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(50_004);
        await SurveyScript.ToFirstElementAsync(resident);

        emulator.Block(resident.UserId);
        await resident.SendText("/datasaya");

        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM resident WHERE blocked_at IS NOT NULL") == 1);
        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM outbox") == 0);
        Assert.Contains(emulator.Calls, c => c.StatusCode == 403);

        emulator.Unblock(resident.UserId);
        await resident.SendText("/datasaya");
        await resident.WaitForText("Data Anda yang tersimpan");
        Assert.Equal(0, bot.Database.Count("SELECT COUNT(*) FROM resident WHERE blocked_at IS NOT NULL"));
    }

    [Fact]
    public async Task TheTokenNeverAppearsInTheLogs()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(50_005);
        emulator.FailNext(1, 500);
        emulator.DropNext(1);
        emulator.FailNextGetUpdates(1, 502);
        await SurveyScript.ToFirstElementAsync(resident);
        await bot.StopAsync();

        var secret = emulator.Token.Split(':')[1];
        Assert.NotEmpty(bot.Logs.Lines);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("failed", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
    }
}

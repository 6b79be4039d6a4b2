using AsnBot.BotApiEmulator;
using AsnBot.Delivery;
using AsnBot.IntegrationTests.Reliability;
using AsnBot.IntegrationTests.Support;
using AsnBot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Telegram;

/// <summary>
/// Webhook mode over the wire: the emulator posts updates to the bot's own Kestrel server as Telegram does
/// (concurrently, again after a non-200 answer), and the real bot answers 200 only after an update committed.
/// </summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task WebhookMode_RegistersItsUrlAndSecret_AndResidentsCompleteTheSurvey()
    {
        await using var emulator = await Emulator.StartAsync();
        var webhook = WebhookSettings.OnFreePort();
        await using var bot = await BotUnderTest.StartAsync(emulator, webhook.Configuration(maxConnections: 7));
        var plans = Enumerable.Range(0, 4).Select(i => (UserId: 90_000L + i, Scores: Enumerable.Range(0, 9).Select(e => ((i + e) % 4) + 1).ToArray())).ToList();

        await Task.WhenAll(plans.Select(p => SurveyScript.CompleteAsync(emulator.Resident(p.UserId), p.Scores, suggestion: null)));

        Assert.Equal(new WebhookRegistration(webhook.Url, webhook.Secret, 7), emulator.Webhook);
        var set = Assert.Single(emulator.Calls, c => c.Method == "setWebhook");
        Assert.Equal("""["message","callback_query"]""", set.Body["allowed_updates"]!.ToJsonString());
        Assert.DoesNotContain(emulator.Calls, c => c.Method == "getUpdates");
        Assert.All(emulator.WebhookDeliveries, d => Assert.Equal(200, d.StatusCode));
        using var connection = bot.Database.Open();
        foreach (var (userId, scores) in plans)
        {
            var stored = connection.Query<string>(
                "SELECT a.answer_code FROM answer a JOIN response r ON r.id = a.response_id WHERE r.resident_id = @userId AND r.status = 'submitted' ORDER BY a.question_code",
                new { userId });
            Assert.Equal(scores.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), stored);
        }

        Assert.DoesNotContain(bot.Logs.Lines, l => l.Contains(webhook.Secret, StringComparison.Ordinal) || l.Contains(emulator.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongOrMissingSecret_Gets401_ChangesNothing_AndIsLoggedOnce()
    {
        await using var emulator = await Emulator.StartAsync();
        var webhook = WebhookSettings.OnFreePort();
        await using var bot = await BotUnderTest.StartAsync(emulator, webhook.Configuration());
        var resident = emulator.Resident(91_000);
        emulator.HoldWebhookDeliveries();
        var start = await resident.SendText("/start");
        var before = Snapshot(bot);

        // The right length with one character off, a prefix, another secret, and none at all.
        string?[] wrong = [webhook.Secret[..^1] + "X", webhook.Secret[..5], "another-secret", null];
        foreach (var secret in wrong)
        {
            Assert.Equal(401, await emulator.PostToWebhookWithSecretAsync(start, secret));
        }

        Assert.Equal(before, Snapshot(bot));
        Assert.Empty(resident.Messages);
        Assert.Single(bot.Logs.Lines, l => l.Contains("without the right secret token", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Contains(webhook.Secret, StringComparison.Ordinal));

        // The same update with the right secret is applied: only the secret was missing.
        emulator.ResumeWebhookDeliveries();
        await resident.WaitForText("Apakah Anda setuju?");
    }

    [Fact]
    [Trait("Storage", "sqlite")]
    public async Task StorageFailure_Answers500_AndTheUpdateIsDeliveredAgainAndAppliedOnce()
    {
        await using var emulator = await Emulator.StartAsync();
        var webhook = WebhookSettings.OnFreePort();
        await using var bot = await BotUnderTest.StartAsync(emulator, webhook.Configuration());
        var resident = emulator.Resident(92_000);
        await SurveyScript.ToFirstElementAsync(resident);
        string[] files = [bot.Sqlite.Path, bot.Sqlite.Path + "-wal"];

        long press;
        try
        {
            ReadOnlyFiles.Set(files, readOnly: true);
            press = await resident.SendText("4");
            await Eventually.True(() => emulator.WebhookDeliveries.Count(d => d.UpdateId == press && d.StatusCode == 500) >= 2);
            Assert.Equal(0, bot.Database.Count("SELECT COUNT(*) FROM answer"));
        }
        finally
        {
            ReadOnlyFiles.Set(files, readOnly: false);
        }

        await resident.WaitForText("Pertanyaan 2 dari 9");
        Assert.Equal(1, bot.Database.Count("SELECT COUNT(*) FROM answer WHERE question_code = 'U1' AND answer_code = '4'"));
        await Eventually.True(() => emulator.WebhookDeliveries.Last(d => d.UpdateId == press).StatusCode == 200);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("answered 500", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Storage", "sqlite")]
    public async Task KilledBeforeCommit_TheUpdateIsDeliveredAgainToTheRestartedBot_AndAppliedOnce()
    {
        await using var emulator = await Emulator.StartAsync();
        var folder = Directory.CreateTempSubdirectory("asnbot-wh-").FullName;
        using var storage = TestStorage.In(folder);
        var database = storage.Sqlite;
        var path = database.Path;
        var webhook = WebhookSettings.OnFreePort();
        try
        {
            var resident = emulator.Resident(93_000);
            long press;
            using (var bot = await BotProcess.StartAsync(emulator, storage, webhook.Environment()))
            {
                await SurveyScript.ToFirstElementAsync(resident);
                await using (await WriteLockHolder.TakeAsync(path))
                {
                    // The bot has the update and waits for the lock when it dies: nothing of it was committed.
                    press = await resident.SendText("3");
                    await Eventually.True(() => emulator.IsDelivering(press));
                    bot.Kill();
                }

                Assert.Equal(0, database.Count("SELECT COUNT(*) FROM answer"));
            }

            using var restarted = await BotProcess.StartAsync(emulator, storage, webhook.Environment());
            await resident.WaitForText("Pertanyaan 2 dari 9", TimeSpan.FromSeconds(30));
            Assert.Equal(1, database.Count("SELECT COUNT(*) FROM answer WHERE question_code = 'U1' AND answer_code = '3'"));
            Assert.Contains(emulator.WebhookDeliveries, d => d.UpdateId == press && d.StatusCode != 200);
            await Eventually.True(() => emulator.WebhookDeliveries.Last(d => d.UpdateId == press).StatusCode == 200);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SameUpdateDeliveredFourTimesAtOnce_IsAppliedOnce()
    {
        await using var emulator = await Emulator.StartAsync();
        var webhook = WebhookSettings.OnFreePort();
        await using var bot = await BotUnderTest.StartAsync(emulator, webhook.Configuration());
        var resident = emulator.Resident(94_000);
        await SurveyScript.ToFirstElementAsync(resident);
        emulator.HoldWebhookDeliveries();

        // A typed "4" answers whichever question is showing: applied four times, it would answer U1 to U4.
        var typed = await resident.SendText("4");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => emulator.PostToWebhookAsync(typed)));
        emulator.ResumeWebhookDeliveries();

        Assert.All(statuses, s => Assert.Equal(200, s));
        await resident.WaitForText("Pertanyaan 2 dari 9");
        await Eventually.True(() => emulator.WebhookDeliveries.Count(d => d.UpdateId == typed) == 5);
        Assert.Equal(["U1"], Answered(bot));
        Assert.Equal(1, bot.Database.Count($"SELECT COUNT(*) FROM handled_update WHERE update_id = {typed}"));
    }

    [Fact]
    [Trait("Storage", "sqlite")] // SQLite's write lock holds the first update up; the per-chat queue is the same on both providers.
    public async Task OneChatsUpdatesArrivingOutOfOrder_AreAppliedInUpdateIdOrder()
    {
        await using var emulator = await Emulator.StartAsync();
        var webhook = WebhookSettings.OnFreePort();
        await using var bot = await BotUnderTest.StartAsync(emulator, webhook.Configuration());
        var queues = bot.Services.GetRequiredService<ChatQueues>();
        var resident = emulator.Resident(95_000);
        await SurveyScript.ToFirstElementAsync(resident);
        emulator.HoldWebhookDeliveries();
        var typed = new List<long>();
        foreach (var answer in new[] { "1", "2", "3", "4" })
        {
            typed.Add(await resident.SendText(answer));
        }

        // The first is held up by the write lock; the other three arrive meanwhile, newest first.
        var posts = new List<Task<int>>();
        await using (await WriteLockHolder.TakeAsync(bot.Sqlite.Path))
        {
            foreach (var (update, waiting) in new[] { (typed[0], 1), (typed[3], 2), (typed[2], 3), (typed[1], 4) })
            {
                posts.Add(emulator.PostToWebhookAsync(update));
                await Eventually.True(() => queues.Count(resident.ChatId) == waiting);
            }
        }

        Assert.All(await Task.WhenAll(posts), s => Assert.Equal(200, s));
        emulator.ResumeWebhookDeliveries();
        await resident.WaitForText("Pertanyaan 5 dari 9");
        using var connection = bot.Database.Open();
        var answers = connection.Query<(string Code, string Answer)>("SELECT question_code, answer_code FROM answer ORDER BY question_code").ToList();
        Assert.Equal([("U1", "1"), ("U2", "2"), ("U3", "3"), ("U4", "4")], answers);
    }

    [Fact]
    public async Task UpdatesOverTheInboundLimit_Get200AndAreDropped_AsPollingConfirmsAndDropsThem()
    {
        await using var emulator = await Emulator.StartAsync();
        var webhook = WebhookSettings.OnFreePort();
        var settings = webhook.Configuration();
        settings["Delivery:InboundBurst"] = "3";
        settings["Delivery:InboundPerSecond"] = "0.1";
        await using var bot = await BotUnderTest.StartAsync(emulator, settings);
        var flooder = emulator.Resident(97_000);

        var stickers = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            stickers.Add(await flooder.SendSticker());
        }

        await Eventually.True(() => stickers.All(id => emulator.WebhookDeliveries.Any(d => d.UpdateId == id)));
        Assert.All(emulator.WebhookDeliveries, d => Assert.Equal(200, d.StatusCode));
        Assert.Equal(12, bot.Database.Count("SELECT COUNT(*) FROM handled_update"));
        await flooder.WaitForText("Pelan-pelan, ya");
        Assert.Single(flooder.Messages, m => m.Text.StartsWith("Pelan-pelan, ya", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandledIdsOlderThanTelegramRedelivers_AreForgottenWhenTheBotStarts()
    {
        await using var emulator = await Emulator.StartAsync();
        var webhook = WebhookSettings.OnFreePort();
        await using var bot = await BotUnderTest.StartAsync(emulator, webhook.Configuration());
        await bot.StopAsync();
        var now = DateTimeOffset.UtcNow;
        using (var work = bot.Database.Begin())
        {
            work.Updates.MarkHandled(1, now.AddHours(-27));
            work.Updates.MarkHandled(2, now.AddHours(-25));
            work.Commit();
        }

        await bot.StartAgainAsync();

        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM handled_update WHERE update_id = 1") == 0);
        Assert.Equal(1, bot.Database.Count("SELECT COUNT(*) FROM handled_update WHERE update_id = 2"));
    }

    [Fact]
    public async Task ABodyOverOneMegabyte_IsRefusedWith413_AndChangesNothing()
    {
        await using var emulator = await Emulator.StartAsync();
        var webhook = WebhookSettings.OnFreePort();
        await using var bot = await BotUnderTest.StartAsync(emulator, webhook.Configuration());
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent("{\"update_id\":1,\"message\":{\"text\":\"" + new string('a', 2 << 20) + "\"}}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(Emulator.SecretHeader, webhook.Secret);

        using var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal((0L, 0L, 0L, 0L), Snapshot(bot));
    }

    [Fact]
    public async Task PollingMode_DeletesAWebhookLeftOver_AndPolls()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.SetWebhookAsLeftOver("https://bot.example.go.id/telegram/updates", "old-secret");

        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(96_000);
        await resident.SendText("/start");

        await resident.WaitForText("Apakah Anda setuju?");
        Assert.Null(emulator.Webhook);
        Assert.Single(emulator.Calls, c => c.Method == "deleteWebhook");
        Assert.Contains(bot.Logs.Lines, l => l.Contains("A webhook was set for this bot", StringComparison.Ordinal));
    }

    private static (long Residents, long Sessions, long Handled, long Outbox) Snapshot(BotUnderTest bot) => (
        bot.Database.Count("SELECT COUNT(*) FROM resident"),
        bot.Database.Count("SELECT COUNT(*) FROM session"),
        bot.Database.Count("SELECT COUNT(*) FROM handled_update"),
        bot.Database.Count("SELECT COUNT(*) FROM outbox"));

    private static List<string> Answered(BotUnderTest bot)
    {
        using var connection = bot.Database.Open();
        return [.. connection.Query<string>("SELECT question_code FROM answer ORDER BY question_code")];
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AsnBot.BotApiEmulator;
using AsnBot.IntegrationTests.Support;
using AsnBot.Tests.Support;
using Xunit.Abstractions;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// Three bot instances behind one webhook URL on one PostgreSQL database, as a province would run them: the emulator
/// delivers updates to them round-robin and concurrently, and redelivers what was not answered 200, while one instance
/// after another is SIGKILLed and restarted every few seconds. Every answer is stored once, every reply arrives, no
/// chat's replies come out of order, a reply goes out twice only where it was on the wire at a kill, and the emulator
/// never sees more than the bot's global limit in a second: one instance at a time sends.
/// </summary>
[Trait("Storage", "postgres")]
[Trait("Category", "Reliability")]
[Collection(KillStorms.Name)]
public sealed partial class ClusterKillTests(ITestOutputHelper output)
{
    private const int Instances = 3;
    private const int SurveyResidents = 200;
    private const int ComplaintResidents = 30;
    private const int MinimumKills = 6;

    /// <summary>Messages a second the emulator allows overall, answering 429 above it (Telegram's is 30).</summary>
    private const int GlobalLimit = 60;

    /// <summary>
    /// The bot's own global pace: two thirds of the emulator's limit, room for requests that a loaded machine delays
    /// and then delivers together (at 50 a second one run in three saw one 429 at load average 12–18), while two
    /// instances sending at once (twice the pace) would exceed it at once.
    /// </summary>
    private const int BotPace = 40;

    private const long FirstSurveyResident = 40_000_000;
    private const long FirstComplaintResident = 41_000_000;
    private const int Seed = 20261208;

    [Fact]
    public async Task ThreeInstances_OneKilledEveryFewSeconds_LoseNothing_CountNothingTwice_KeepOrderAndTheGlobalLimit()
    {
        await using var emulator = await Emulator.StartAsync(new EmulatorOptions
        {
            WaitTimeout = TimeSpan.FromSeconds(90),
            GlobalRatePerSecond = GlobalLimit,
        });
        var folder = Directory.CreateTempSubdirectory("asnbot-cluster-").FullName;
        var storage = TestStorage.In(folder);
        Assert.True(TestStorage.OnPostgres, $"instances share a PostgreSQL database: set {TestStorage.Variable}");
        var secret = "cluster-Secret_0123456789";
        var webhooks = Enumerable.Range(0, Instances).Select(_ => WebhookSettings.OnFreePort(secret)).ToList();
        var bots = new BotProcess?[Instances];
        try
        {
            // Every instance registers the same public URL and secret; the emulator, as the load balancer, spreads the
            // deliveries over the instances' own listeners.
            for (var i = 0; i < Instances; i++)
            {
                bots[i] = await BotProcess.StartAsync(emulator, storage, Settings(webhooks[0], webhooks[i]));
            }

            emulator.UseWebhookBackends([.. webhooks.Select(w => w.Listen + WebhookSettings.Path)]);
            var clock = Stopwatch.StartNew();
            var random = new Random(Seed);
            var load = ResidentLoad.Start(emulator, random, (SurveyResidents, FirstSurveyResident), (ComplaintResidents, FirstComplaintResident));
            var work = load.Work;

            // One instance after another is killed without warning and started again on its port.
            var kills = 0;
            while (kills < MinimumKills || !work.IsCompleted)
            {
                var uptime = Task.Delay(random.Next(2000, 4000));
                await (work.IsCompleted ? uptime : Task.WhenAny(work, uptime));
                if (work.IsFaulted || kills >= 60)
                {
                    break;
                }

                var victim = kills % Instances;
                bots[victim]!.Kill();
                bots[victim]!.Dispose();
                bots[victim] = null;
                kills++;
                bots[victim] = await BotProcess.StartAsync(emulator, storage, Settings(webhooks[0], webhooks[victim]));
            }

            await work;
            var database = storage.Database;
            await Eventually.True(() => database.Count("SELECT COUNT(*) FROM outbox") == 0, seconds: 60);
            var took = clock.Elapsed;

            CrashSafetyTests.AssertSurveysStoredOnce(database, load.Plans, FirstSurveyResident);
            Assert.Equal(ComplaintResidents, database.Count("SELECT COUNT(*) FROM complaint WHERE status <> 'draft' AND tracking_no IS NOT NULL"));
            Assert.Equal(0, database.Count("SELECT COUNT(*) FROM complaint WHERE status = 'draft'"));

            // One sender at a time: Telegram (the emulator) never refused a message, where two senders would have gone
            // at twice the pace.
            Assert.Equal(0, emulator.TooManyRequestsCount);

            // Each resident's questions arrived in order (sent or edited into place, as the emulator received them); a
            // text repeated at once is a reply that was on the wire at a kill and went out again.
            var duplicates = 0;
            var calls = emulator.Calls.Where(c => c.StatusCode == 200 && c.Method is "sendMessage" or "editMessageText" && c.ChatId is not null)
                .ToLookup(c => c.ChatId!.Value, c => c.Body["text"]?.GetValue<string>() ?? "");
            for (var i = 0; i < SurveyResidents; i++)
            {
                var texts = calls[FirstSurveyResident + i].ToList();
                var questions = texts.Select(t => QuestionNumber().Match(t)).Where(m => m.Success)
                    .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(questions.Order(), questions);
                Assert.Equal(Enumerable.Range(1, 9), questions.Distinct());
                duplicates += texts.Zip(texts.Skip(1)).Count(pair => pair.First == pair.Second);
            }

            // A kill cuts off at most the sends the killed instance had on the wire (Delivery:MaxConcurrency, 16).
            Assert.InRange(duplicates, 0, 16 * kills);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Instances} instances, {kills} SIGKILLs in {took.TotalSeconds:F0} s; {SurveyResidents} surveys and {ComplaintResidents} complaints complete, each answer stored once; {duplicates} replies repeated (on the wire at a kill); 0 × 429 at {GlobalLimit}/s"));
        }
        finally
        {
            foreach (var bot in bots)
            {
                bot?.Dispose();
            }

            storage.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The instance's environment: the shared public URL and secret, its own listener, the pace.</summary>
    private static Dictionary<string, string?> Settings(WebhookSettings shared, WebhookSettings own)
    {
        var settings = (shared with { Listen = own.Listen }).Environment();
        settings["Delivery__GlobalPerSecond"] = BotPace.ToString(CultureInfo.InvariantCulture);
        return settings;
    }

    [GeneratedRegex(@"Pertanyaan (\d) dari 9")]
    private static partial Regex QuestionNumber();
}

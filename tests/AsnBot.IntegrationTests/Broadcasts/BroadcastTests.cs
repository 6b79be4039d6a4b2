using System.Diagnostics;
using AsnBot.BotApiEmulator;
using AsnBot.Data;
using AsnBot.IntegrationTests.Support;
using AsnBot.Tests.Support;
using Xunit.Abstractions;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Broadcasts;

/// <summary>
/// Invitations to thousands of residents over real HTTP against the emulator enforcing Telegram's limits
/// (scaled up tenfold so a test takes seconds): one each, whatever Telegram or the bot's process does.
/// </summary>
public sealed class BroadcastTests(ITestOutputHelper output)
{
    private const long AdminId = 7_000_001;
    private const string Invitation = BroadcastScript.Invitation;
    private const int Residents = 2_000;
    private const long FirstResident = 8_000_000;

    /// <summary>The bot sends at most 300/s, the emulator answers 429 above 330/s (Telegram's limit is not exact either).</summary>
    private static readonly Dictionary<string, string?> Scaled = new()
    {
        ["Delivery:GlobalPerSecond"] = "300",
        ["Broadcasts:Tick"] = "00:00:00.200",
        ["Broadcasts:ProgressEvery"] = "00:00:01",
        ["Admin:UserIds:0"] = AdminId.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static EmulatorOptions Limits => new() { GlobalRatePerSecond = 330, PerChatRatePerSecond = 50 };

    [Fact]
    public async Task AHealthyBroadcast_ReachesEveryoneOnce_WithoutA429_AndResidentsInASurveyAreNotKeptWaiting()
    {
        await using var emulator = await Emulator.StartAsync(Limits);
        await using var bot = await BotUnderTest.StartAsync(emulator, Scaled);
        BroadcastScript.Seed(emulator, bot.Database, FirstResident, Residents);
        var busy = emulator.Resident(9_000_001);
        await SurveyScript.ToFirstElementAsync(busy);
        var admin = emulator.Resident(AdminId);

        var clock = Stopwatch.StartNew();
        await BroadcastScript.StartAsync(admin, Residents + 1);

        // A resident answering while the broadcast runs: every reply comes while invitations are still pending.
        var answered = await AnswerElementsTimed(busy);
        var pendingWhenDone = bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'pending'");
        await admin.WaitForText("Siaran selesai", TimeSpan.FromSeconds(90));
        var took = clock.Elapsed;

        AssertEachReachedOnce(emulator, Residents);
        Assert.Equal(0, emulator.TooManyRequestsCount);
        Assert.True(pendingWhenDone > 0, "The survey should have finished before the broadcast did.");
        Assert.Equal(Residents + 1, bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'sent'"));
        var progress = admin.Messages.Single(m => m.Text.StartsWith("Undangan «", StringComparison.Ordinal));
        Assert.True(progress.EditCount > 0);
        Assert.Contains("Terkirim 2\u00a0001 / 2\u00a0001 · 100 %", progress.Text, StringComparison.Ordinal);
        output.WriteLine($"{Residents} invitations in {took.TotalSeconds:F1} s ({Residents / took.TotalSeconds:F0}/s, bot limit 300/s); slowest survey reply during it {answered.TotalMilliseconds:F0} ms; 429s: {emulator.TooManyRequestsCount}");
    }

    [Fact]
    public async Task With429sAnd5xxInjected_StillEveryoneOnce_AndBlockedResidentsAreMarked()
    {
        await using var emulator = await Emulator.StartAsync(Limits);
        await using var bot = await BotUnderTest.StartAsync(emulator, Scaled);
        BroadcastScript.Seed(emulator, bot.Database, FirstResident, Residents);
        var blocked = Enumerable.Range(0, 25).Select(i => FirstResident + (i * 40)).ToList();
        blocked.ForEach(emulator.Block);
        var admin = emulator.Resident(AdminId);
        await BroadcastScript.StartAsync(admin, Residents);

        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'sent'") > 200, seconds: 30);
        emulator.FailNext(40, 500, "Internal Server Error");
        emulator.FailNext(10, 429, "Too Many Requests: retry after 1");
        emulator.FailNext(20, 502, "Bad Gateway");
        await admin.WaitForText("Siaran selesai", TimeSpan.FromSeconds(120));

        AssertEachReachedOnce(emulator, Residents, except: blocked);
        Assert.Equal(blocked.Count, bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'blocked'"));
        Assert.Equal(blocked.Count, bot.Database.Count("SELECT COUNT(*) FROM resident WHERE blocked_at IS NOT NULL"));
        Assert.Equal(Residents - blocked.Count, bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'sent'"));
        Assert.Contains("diblokir 25", admin.Messages[^1].Text, StringComparison.Ordinal);
        AssertRetryAfterHonoured(emulator);
    }

    [Fact]
    public async Task ARestartMidBroadcast_ResumesWhereItStopped_WithoutDuplicates()
    {
        await using var emulator = await Emulator.StartAsync(Limits);
        await using var bot = await BotUnderTest.StartAsync(emulator, Scaled);
        BroadcastScript.Seed(emulator, bot.Database, FirstResident, Residents);
        var admin = emulator.Resident(AdminId);
        await BroadcastScript.StartAsync(admin, Residents);

        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'sent'") > 300, seconds: 30);
        await bot.StopAsync();
        var sentAtStop = bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'sent'");
        Assert.InRange(sentAtStop, 301, Residents - 1);
        await bot.StartAgainAsync();
        await admin.WaitForText("Siaran selesai", TimeSpan.FromSeconds(90));

        AssertEachReachedOnce(emulator, Residents);
        output.WriteLine($"stopped after {sentAtStop} of {Residents}; resumed and finished with one invitation each");
    }

    [Fact]
    public async Task TheBotProcessKilledMidBroadcast_ResumesAfterRestart_DuplicatingAtMostTheSendsInFlight()
    {
        await using var emulator = await Emulator.StartAsync(Limits);
        var folder = Directory.CreateTempSubdirectory("asnbot-kill-").FullName;
        var storage = TestStorage.In(folder);
        try
        {
            RoundSeed.Ensure(storage.Settings);
            var database = storage.Database;
            BroadcastScript.Seed(emulator, database, FirstResident, Residents);
            var admin = emulator.Resident(AdminId);
            var settings = Scaled.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);
            using (var first = await BotProcess.StartAsync(emulator, storage, settings))
            {
                await BroadcastScript.StartAsync(admin, Residents);
                await Eventually.True(() => database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'sent'") > 400, seconds: 30);
                first.Kill();
            }

            using (await BotProcess.StartAsync(emulator, storage, settings))
            {
                await admin.WaitForText("Siaran selesai", TimeSpan.FromSeconds(90));
            }

            var counts = BroadcastScript.Received(emulator, FirstResident, Residents);
            var duplicates = counts.Count(c => c > 1);
            Assert.All(counts, c => Assert.InRange(c, 1, 2));

            // At most the sends on the wire when the process died: Telegram had taken them, the record had not committed.
            Assert.InRange(duplicates, 0, 16);
            output.WriteLine($"killed mid-broadcast: {Residents} reached, {duplicates} received it twice (sends in flight at the kill)");
        }
        finally
        {
            storage.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<TimeSpan> AnswerElementsTimed(Resident resident)
    {
        var slowest = TimeSpan.Zero;
        var elements = SurveyScript.Elements.ToList();
        for (var i = 0; i < elements.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            await resident.Press(SurveyScript.Label(elements[i], 3));
            await resident.WaitForText(i + 1 < elements.Count ? $"Pertanyaan {i + 2} dari 9" : "Langkah terakhir", TimeSpan.FromSeconds(20));
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
        }

        return slowest;
    }

    private static void AssertEachReachedOnce(Emulator emulator, int count, IReadOnlyCollection<long>? except = null)
    {
        for (var i = 0; i < count; i++)
        {
            var id = FirstResident + i;
            var received = emulator.Resident(id).Messages.Count(m => m.Text.Contains(Invitation, StringComparison.Ordinal));
            Assert.True(received == (except?.Contains(id) == true ? 0 : 1), $"resident {id} got {received} invitations");
        }
    }

    /// <summary>After a 429 with retry_after 1, no broadcast message went out for a second.</summary>
    private static void AssertRetryAfterHonoured(Emulator emulator)
    {
        var calls = emulator.Calls.Where(c => c.Method == "sendMessage").OrderBy(c => c.At).ToList();
        foreach (var limited in calls.Where(c => c.StatusCode == 429))
        {
            var early = calls.Count(c => c.At > limited.At + TimeSpan.FromMilliseconds(50) && c.At < limited.At + TimeSpan.FromSeconds(0.95) && c.StatusCode == 200 && c.ChatId > FirstResident);
            Assert.True(early == 0, $"{early} broadcast messages sent within retry_after of a 429 at {limited.At:HH:mm:ss.fff}");
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using AsnBot.BotApiEmulator;
using AsnBot.Data;
using AsnBot.IntegrationTests.Support;
using AsnBot.Tests.Support;
using Dapper;
using Xunit.Abstractions;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// The bot process SIGKILLed again and again at random moments while hundreds of residents answer the
/// survey, others file complaints and an invitation goes out to thousands: afterwards every answer is
/// stored exactly once, every resident finished, every reply arrived, and an invitation went out twice only
/// where it was on the wire at a kill.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(KillStorms.Name)]
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int MinimumKills = 20;
    private const int SurveyResidents = 200;
    private const int ComplaintResidents = 50;
    private const int Invited = 2_000;
    private const long FirstSurveyResident = 30_000_000;
    private const long FirstComplaintResident = 31_000_000;
    private const long FirstInvited = 32_000_000;
    private const long AdminId = 33_000_001;
    private const int Seed = 20261130;

    [Fact]
    public async Task KilledTwentyTimesUnderLoad_LosesNothing_CountsNothingTwice()
    {
        // Every wait spans restarts: the bot is down for a second or so at each of the kills.
        await using var emulator = await Emulator.StartAsync(new EmulatorOptions { WaitTimeout = TimeSpan.FromSeconds(90) });
        var folder = Directory.CreateTempSubdirectory("asnbot-kills-").FullName;
        var storage = TestStorage.In(folder);
        var settings = new Dictionary<string, string?>
        {
            ["Admin__UserIds__0"] = AdminId.ToString(CultureInfo.InvariantCulture),
            ["Delivery__GlobalPerSecond"] = "150",
            ["Broadcasts__Tick"] = "00:00:00.250",
        };
        try
        {
            RoundSeed.Ensure(storage.Settings);
            var database = storage.Database;
            BroadcastScript.Seed(emulator, database, FirstInvited, Invited);
            var clock = Stopwatch.StartNew();
            var bot = await BotProcess.StartAsync(emulator, storage, settings);
            var admin = emulator.Resident(AdminId);
            await BroadcastScript.StartAsync(admin, Invited);

            var random = new Random(Seed);
            var load = ResidentLoad.Start(emulator, random, (SurveyResidents, FirstSurveyResident), (ComplaintResidents, FirstComplaintResident));
            var work = load.Work;

            // Kill at random moments until the residents are done, the broadcast is over and there were enough kills.
            var kills = 0;
            while (kills < MinimumKills || !work.IsCompleted || !BroadcastOver(database))
            {
                var uptime = Task.Delay(random.Next(300, 2500));
                await (work.IsCompleted ? uptime : Task.WhenAny(work, uptime));
                if (work.IsFaulted || kills >= 60)
                {
                    break;
                }

                bot.Kill();
                bot.Dispose();
                kills++;
                bot = await BotProcess.StartAsync(emulator, storage, settings);
            }

            await work;
            await Eventually.True(() => database.Count("SELECT COUNT(*) FROM outbox") == 0, seconds: 60);
            bot.Dispose();
            var took = clock.Elapsed;

            AssertSurveysStoredOnce(database, load.Plans);
            Assert.Equal(ComplaintResidents, database.Count("SELECT COUNT(*) FROM complaint WHERE status <> 'draft' AND tracking_no IS NOT NULL"));
            Assert.Equal(0, database.Count("SELECT COUNT(*) FROM complaint WHERE status = 'draft'"));

            // The broadcast: everyone reached; twice only where a send was on the wire at a kill (Delivery:MaxBroadcastInFlight, 6).
            var received = BroadcastScript.Received(emulator, FirstInvited, Invited);
            Assert.All(received, count => Assert.True(count >= 1));
            var duplicates = received.Sum(count => count - 1);
            Assert.InRange(duplicates, 0, 6 * kills);
            Assert.Equal(0, database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'pending'"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kills} SIGKILLs in {took.TotalSeconds:F0} s; {SurveyResidents} surveys and {ComplaintResidents} complaints complete, each answer stored once; invitation to {Invited + SurveyResidents + ComplaintResidents}: {duplicates} duplicates (sends on the wire at a kill), none lost"));
        }
        finally
        {
            storage.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool BroadcastOver(SqlDatabase database) =>
        database.Count("SELECT COUNT(*) FROM broadcast WHERE status = 'running'") == 0;

    /// <summary>Every planned survey submitted once with exactly its answers (residents from <paramref name="firstResident"/> on), and the tallies agree.</summary>
    internal static void AssertSurveysStoredOnce(SqlDatabase database, List<int[]> plans, long firstResident = FirstSurveyResident)
    {
        using var connection = database.Open();
        var stored = connection.Query<(long Resident, string Question, string Answer)>(
            "SELECT r.resident_id, a.question_code, a.answer_code FROM response r JOIN answer a ON a.response_id = r.id WHERE r.status = 'submitted' AND a.question_code LIKE 'U%'")
            .ToLookup(a => a.Resident);
        Assert.Equal(plans.Count, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM response WHERE status = 'submitted'"));
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM response WHERE status = 'draft'"));
        for (var i = 0; i < plans.Count; i++)
        {
            var answers = stored[firstResident + i].OrderBy(a => int.Parse(a.Question[1..], CultureInfo.InvariantCulture)).Select(a => a.Answer);
            Assert.Equal(plans[i].Select(s => s.ToString(CultureInfo.InvariantCulture)), answers);
        }

        // The running counts the IKM report reads agree with a recount of the stored answers.
        var tally = connection.ExecuteScalar<long>("SELECT SUM(count) FROM score_tally");
        Assert.Equal(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM answer a JOIN response r ON r.id = a.response_id WHERE r.status = 'submitted' AND a.answer_code IS NOT NULL"), tally);
    }
}

using System.Globalization;
using AsnBot.BotApiEmulator;
using AsnBot.Bench.Support;
using AsnBot.Data;
using Dapper;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.Bench.Scenarios;

/// <summary>
/// Scenario 2: an invitation to 10 000 residents, confirmed by an admin through the emulator, which answers
/// 429 above its (scaled-up) limit, counted by its own clock after delaying every request by a random 0–50 ms
/// (requests that leave the bot evenly spaced reach Telegram bunched). Achieved rate = invitations ÷ (first → last
/// accepted invitation), against the rate the emulator allows; the bot is configured with that same rate, and
/// with nobody else talking it keeps no permit back for replies.
/// </summary>
public sealed class BroadcastScenario : IScenario
{
    private const int AllowedPerSecond = 300;
    private const long AdminId = 7_000_001;
    private const long FirstResident = 8_000_000;
    private const int DefaultResidents = 10_000;

    /// <summary>Sends in flight, scaled with the rate: 6 sustain Telegram's 30/s, 60 the emulator's 300/s at up to 50 ms a request.</summary>
    private const int InFlight = 60;
    private static readonly TimeSpan Jitter = TimeSpan.FromMilliseconds(50);

    public string Name => "broadcast";

    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"invitation to N residents; emulator delays each request 0–{Jitter.TotalMilliseconds} ms and allows {AllowedPerSecond}/s overall (429 above), bot Delivery:GlobalPerSecond={AllowedPerSecond}, MaxBroadcastInFlight={InFlight}");

    public string? Unavailable => null;

    public async Task<IReadOnlyList<Measurement>> RunOnceAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var residents = settings.Residents is [var first, ..] ? first : DefaultResidents;
        var botSettings = new Dictionary<string, string?>
        {
            ["Delivery:GlobalPerSecond"] = AllowedPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Admin:UserIds:0"] = AdminId.ToString(CultureInfo.InvariantCulture),
            ["Broadcasts:Tick"] = "00:00:00.200",
            ["Delivery:MaxBroadcastInFlight"] = InFlight.ToString(CultureInfo.InvariantCulture),
            ["Delivery:MaxConcurrency"] = "64",
        };
        await using var bot = await BotOnEmulator.StartAsync(
            botSettings, settings.InProcess, new EmulatorOptions { GlobalRatePerSecond = AllowedPerSecond }, (emulator, path) => Seed(emulator, path, residents));
        bot.Emulator.InjectRandomFaults(new RandomFaults { Jitter = Jitter });
        var admin = bot.Emulator.Resident(AdminId);
        await admin.SendText("/siaran");
        var audience = await admin.WaitForText("Kirim kepada siapa?", TimeSpan.FromSeconds(30));
        await admin.PressRaw(audience.MessageId, audience.InlineKeyboard[0][0].CallbackData!);
        var preview = await admin.WaitForText("Pratinjau undangan", TimeSpan.FromSeconds(30));
        await admin.PressRaw(preview.MessageId, preview.InlineKeyboard[0][0].CallbackData!);
        await admin.WaitForText("Siaran selesai", TimeSpan.FromSeconds(residents / 10.0 + 60));

        var accepted = bot.Emulator.Calls
            .Where(c => c is { Method: "sendMessage", StatusCode: 200, ChatId: >= FirstResident })
            .Select(c => c.At)
            .Order()
            .ToList();
        if (accepted.Count != residents)
        {
            throw new InvalidOperationException($"{accepted.Count} invitations accepted for {residents} residents");
        }

        var achieved = (accepted.Count - 1) / (accepted[^1] - accepted[0]).TotalSeconds;
        return
        [
            new("achieved ÷ allowed rate", achieved / AllowedPerSecond, "", Target.Min(0.95)),
            new("invitations per second", achieved, "msg/s"),
            new("429 answers", bot.Emulator.TooManyRequestsCount, "", Target.Max(0)),
            new("sends inside a retry_after", SendsInsideRetryAfter(bot.Emulator.Calls), "", Target.Max(0)),
        ];
    }

    /// <summary>Messages that arrived after a 429 and before its retry_after was up (200 ms allowed for those already on their way).</summary>
    private static int SendsInsideRetryAfter(IReadOnlyList<ApiCall> calls) =>
        calls.Where(c => c is { StatusCode: 429, RetryAfter: int })
            .Sum(refused => calls.Count(c => c.Method == "sendMessage"
                && c.ReceivedAt > refused.At.AddMilliseconds(200)
                && c.ReceivedAt < refused.At.AddSeconds(refused.RetryAfter!.Value)));

    /// <summary>Residents who consented earlier, as the bot stores them, each with a private chat in the emulator.</summary>
    private static void Seed(Emulator emulator, string path, int residents)
    {
        var ids = Enumerable.Range(0, residents).Select(i => FirstResident + i).ToList();
        ids.ForEach(id => emulator.Resident(id));
        var database = new Database(path);
        using var work = database.Begin();
        work.Connection.Execute(
            "INSERT INTO resident (user_id, chat_id, language, consent_version, consented_at) VALUES (@id, @id, 'id', '2026-11-b', '2026-11-01 00:00:00+00:00')",
            ids.Select(id => new { id }), work.Transaction);
        work.Commit();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using AsnBot.Bench.Support;

namespace AsnBot.Bench.Scenarios;

/// <summary>
/// Scenario 1b, latency at a fixed offered load (open loop): residents press on a schedule, not as fast as
/// the bot answers. 500 updates/s offered by 500 residents who each act once a second, like people do,
/// under Telegram's per-chat rate (1/s). Resident r acts at t0 + step·1 s + r/500 s, so the
/// load is evenly spread. Latency is from the action to the emulator receiving the bot's reply screen.
/// </summary>
public sealed class SurveyOfferedLoadScenario : IScenario
{
    private const double OfferedPerSecond = 500;
    private static readonly TimeSpan ThinkTime = TimeSpan.FromSeconds(1);

    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        // Telegram's global 30/s cap is lifted (the emulator has none); the per-chat rate stays Telegram's 1/s. The burst
        // is 20 instead of 3 only so the unmeasured warm-up can press at machine speed: at one press a second with one
        // message per press the bucket never empties, so the burst size does not touch the measured phase.
        ["Delivery:GlobalPerSecond"] = "1000",
        ["Delivery:PerChatBurst"] = "20",
    };

    public string Name => "survey-latency";

    public string Description =>
        "500 updates/s offered (open loop): 500 residents, 1 press/s each, full survey; Delivery: GlobalPerSecond=1000, PerChatPerSecond=1 (default), PerChatBurst=20 (for the warm-up)";

    public string? Unavailable => null;

    public async Task<IReadOnlyList<Measurement>> RunOnceAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var residents = (int)(OfferedPerSecond * ThinkTime.TotalSeconds);
        await using var bot = await BotOnEmulator.StartAsync(new Dictionary<string, string?>(Settings), settings.InProcess);
        await WarmUp.RunAsync(bot, cancellationToken);
        var latencies = new ConcurrentBag<double>();
        var perStep = new ConcurrentBag<(int Step, double Ms)>();
        var lags = new ConcurrentBag<double>();
        var slow = new ConcurrentBag<double>();
        await using var heartbeat = new Heartbeat();
        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;
        var lastReply = DateTimeOffset.MinValue;
        var gate = new Lock();

        await Task.WhenAll(Enumerable.Range(0, residents).Select(i => Task.Run(
            async () =>
            {
                var resident = bot.Emulator.Resident(600_000 + i);
                var steps = SurveyWalk.Steps(i);
                for (var s = 0; s < steps.Count; s++)
                {
                    var due = (ThinkTime * s) + TimeSpan.FromSeconds(i / OfferedPerSecond);
                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken);
                    }

                    lags.Add((clock.Elapsed - due).TotalMilliseconds);
                    var (acted, replied) = await SurveyWalk.RunAsync(resident, steps[s], TimeSpan.FromSeconds(60));
                    latencies.Add((replied - acted).TotalMilliseconds);
                    perStep.Add((s, (replied - acted).TotalMilliseconds));
                    if (settings.Detail && (replied - acted).TotalMilliseconds > 50)
                    {
                        slow.Add((acted - start).TotalSeconds);
                    }
                    lock (gate)
                    {
                        lastReply = replied > lastReply ? replied : lastReply;
                    }
                }
            },
            cancellationToken)));

        SurveyThroughputScenario.EnsureAllSubmitted(bot, residents + WarmUp.Residents);
        if (settings.Detail)
        {
            StepReport.Write(perStep, bot.Emulator);
            await Console.Error.WriteLineAsync(heartbeat.Summary());
            await Console.Error.WriteLineAsync(FormattableString.Invariant(
                $"    replies > 50 ms: {slow.Count}, acted between {(slow.IsEmpty ? 0 : slow.Min()):0.00} and {(slow.IsEmpty ? 0 : slow.Max()):0.00} s"));
        }

        var all = latencies.ToArray();
        return
        [
            new("achieved load", all.Length / (lastReply - start).TotalSeconds, "updates/s"),
            new("update→reply p50", Percentiles.Of(all, 50), "ms"),
            new("update→reply p99", Percentiles.Of(all, 99), "ms", Target.Max(50)),
            new("update→reply max", all.Max(), "ms"),
            new("schedule lag p99", Percentiles.Of(lags.ToArray(), 99), "ms"),
            new("bot warnings/errors", bot.Logs.Count, "lines"),
        ];
    }
}

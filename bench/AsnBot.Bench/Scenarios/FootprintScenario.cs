using System.Diagnostics;
using AsnBot.Bench.Support;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.Bench.Scenarios;

/// <summary>
/// Scenario 5: the built bot (src/AsnBot/bin/&lt;configuration&gt;/net10.0/asnbot.dll) started as its own
/// process with <c>dotnet</c> against the emulator and a fresh database: time to its first API call and
/// to its first parked getUpdates long poll, then its working set after a few idle seconds.
/// </summary>
public sealed class FootprintScenario : IScenario
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(4);

    public string Name => "footprint";

    public string Description => "asnbot.dll as a process (default appsettings, fresh database), idle " + Idle.TotalSeconds + " s after its first long poll";

    public string? Unavailable => File.Exists(RepoPaths.BotDll) ? null : "not built: " + RepoPaths.BotDll;

    public async Task<IReadOnlyList<Measurement>> RunOnceAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        await using var emulator = await Emulator.StartAsync();
        var folder = Directory.CreateTempSubdirectory("asnbot-bench-fp-").FullName;
        var botSettings = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = emulator.Token,
            ["Telegram:ApiBaseUrl"] = emulator.BaseUrl,
            ["Storage:Path"] = Path.Combine(folder, "asnbot.db"),
        };
        try
        {
            var startedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            using var process = BotOnEmulator.StartProcess(botSettings, folder);
            try
            {
                await emulator.WaitForBotPolling(TimeSpan.FromSeconds(60));
                var toPoll = clock.Elapsed;
                var toFirstCall = emulator.Calls[0].At - startedAt;
                await Task.Delay(Idle, cancellationToken);
                process.Refresh();
                return
                [
                    new("start → first API call", toFirstCall.TotalMilliseconds, "ms"),
                    new("start → first getUpdates", toPoll.TotalMilliseconds, "ms"),
                    new("idle working set", process.WorkingSet64 / 1048576.0, "MB"),
                    new("idle private memory", process.PrivateMemorySize64 / 1048576.0, "MB"),
                ];
            }
            finally
            {
                // Only the process started here, by its handle.
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

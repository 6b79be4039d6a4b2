using System.Globalization;
using System.Diagnostics;
using AsnBot.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.Bench.Support;

/// <summary>
/// The real bot (poller, outbox sender, Telegram.Bot over HTTP, SQLite in a temp folder) against a fresh
/// emulator on loopback: either the built asnbot.dll as its own process (default: its heap and GC are its own,
/// as in production) or the host built with <see cref="AppHost.BuildBot"/> inside this process (--in-process).
/// Warnings and errors the bot logs are counted, not printed.
/// </summary>
public sealed class BotOnEmulator : IAsyncDisposable
{
    private IHost? _host;
    private Process? _process;

    /// <summary>The round benchmark residents answer in.</summary>
    public const string Round = "2026-BENCH";

    private BotOnEmulator(Emulator emulator, string folder)
    {
        Emulator = emulator;
        Folder = folder;
    }

    public Emulator Emulator { get; }

    public string Folder { get; }

    public LogCounter Logs { get; } = new();

    /// <summary>Process id of the bot (this process when in-process).</summary>
    public int ProcessId => _process?.Id ?? Environment.ProcessId;

    /// <param name="settings">Configuration overrides on top of the benchmark defaults (emulator URL, temp database).</param>
    /// <param name="inProcess">Build the host in this process instead of starting asnbot.dll.</param>
    /// <param name="limits">The emulator's own settings (Telegram's rate limits); none when null.</param>
    /// <param name="seed">Runs on the database before the bot starts (residents who consented earlier).</param>
    public static async Task<BotOnEmulator> StartAsync(
        IDictionary<string, string?> settings, bool inProcess, AsnBot.BotApiEmulator.EmulatorOptions? limits = null, Action<Emulator, string>? seed = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var emulator = await Emulator.StartAsync(limits);
        var folder = Directory.CreateTempSubdirectory("asnbot-bench-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = emulator.Token,
            ["Telegram:ApiBaseUrl"] = emulator.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "25",
            ["Storage:Path"] = Path.Combine(folder, "asnbot.db"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        // The survey needs an open round; made as an operator makes it, with the CLI.
        var today = DateTime.UtcNow.AddHours(7);
        await BotCommand.RunAsync(
            ["round", "create", "--code", Round, "--name", "Benchmark", "--opens", Day(today.AddDays(-1)), "--closes", Day(today.AddDays(30))],
            all, folder, CancellationToken.None);

        seed?.Invoke(emulator, Path.Combine(folder, "asnbot.db"));
        var bot = new BotOnEmulator(emulator, folder);
        if (inProcess)
        {
            bot._host = AppHost.BuildBot(all, services => services.AddLogging(b => b.ClearProviders().AddProvider(bot.Logs).SetMinimumLevel(LogLevel.Warning)));
            await bot._host.StartAsync();
        }
        else
        {
            bot._process = StartProcess(all, folder, bot.Logs);
        }

        await emulator.WaitForBotPolling(TimeSpan.FromSeconds(60));
        return bot;
    }

    /// <summary>Starts <see cref="RepoPaths.BotDll"/> with <c>dotnet</c>, settings as environment variables.</summary>
    public static Process StartProcess(IDictionary<string, string?> settings, string workingDirectory, LogCounter? logs = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepoPaths.BotDll },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start " + RepoPaths.BotDll);
        // The console logger writes "warn: …" / "fail: …" / "crit: …" as the first line of an entry.
        process.OutputDataReceived += (_, e) => logs?.AddConsoleLine(e.Data);
        process.ErrorDataReceived += (_, e) => logs?.AddConsoleLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        if (_process is not null)
        {
            // Only the process started here, by its handle.
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
            _process.Dispose();
        }

        await Emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

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
/// A <see cref="Deployment"/> may put the data on PostgreSQL and run several processes in webhook mode instead.
/// Warnings and errors the bot logs are counted, not printed.
/// </summary>
public sealed class BotOnEmulator : IAsyncDisposable
{
    private readonly Lock _probeGate = new();
    private readonly List<Process> _instances = [];
    private IHost? _host;
    private Process? _process;
    private string? _postgres;
    private TaskCompletionSource<string>? _probeReply;

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

    /// <summary>When the bot's first getUpdates reached the emulator (in webhook mode: when a webhook was set).</summary>
    public DateTimeOffset PollingSince { get; private set; }

    /// <summary>The PostgreSQL database's connection string; null on SQLite.</summary>
    public string? PostgresConnectionString { get; private set; }

    /// <param name="settings">Configuration overrides on top of the benchmark defaults (emulator URL, temp database).</param>
    /// <param name="inProcess">Build the host in this process instead of starting asnbot.dll.</param>
    /// <param name="limits">The emulator's own settings (Telegram's rate limits); none when null.</param>
    /// <param name="seed">Runs on the database before the bot starts (residents who consented earlier).</param>
    /// <param name="deployment">PostgreSQL and several instances in webhook mode; one SQLite bot polling when null.</param>
    public static async Task<BotOnEmulator> StartAsync(
        IDictionary<string, string?> settings,
        bool inProcess,
        AsnBot.BotApiEmulator.EmulatorOptions? limits = null,
        Action<Emulator, string>? seed = null,
        Deployment? deployment = null)
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

        string? postgres = null;
        if (deployment?.Postgres == true)
        {
            (postgres, var connectionString) = Deployment.CreatePostgres();
            all["Storage:Provider"] = "postgres";
            all["Storage:ConnectionString"] = connectionString;
        }

        // The survey needs an open round; made as an operator makes it, with the CLI.
        var today = DateTime.UtcNow.AddHours(7);
        await BotCommand.RunAsync(
            ["round", "create", "--code", Round, "--name", "Benchmark", "--opens", Day(today.AddDays(-1)), "--closes", Day(today.AddDays(30))],
            all, folder, CancellationToken.None);

        seed?.Invoke(emulator, Path.Combine(folder, "asnbot.db"));
        var bot = new BotOnEmulator(emulator, folder) { _postgres = postgres, PostgresConnectionString = postgres is null ? null : all["Storage:ConnectionString"] };
        if (deployment?.Webhook == true)
        {
            var urls = new List<string>();
            for (var i = 0; i < deployment.Processes; i++)
            {
                var (instance, url) = Deployment.WebhookInstance();
                foreach (var (key, value) in all)
                {
                    instance.TryAdd(key, value);
                }

                // One instance is measured as the polling bot is, allocations included; CPU is summed over several.
                bot._instances.Add(StartProcess(instance, folder, bot.Logs, deployment.Processes == 1 ? bot.OnProbeReply : null));
                urls.Add(url);
            }

            emulator.UseWebhookBackends(urls);
            await emulator.WaitForWebhook(TimeSpan.FromSeconds(60));
            bot._process = deployment.Processes == 1 ? bot._instances[0] : null;
            bot.PollingSince = DateTimeOffset.UtcNow;
            return bot;
        }

        if (inProcess)
        {
            bot._host = AppHost.BuildBot(all, services => services.AddLogging(b => b.ClearProviders().AddProvider(bot.Logs).SetMinimumLevel(LogLevel.Warning)));
            await bot._host.StartAsync();
        }
        else
        {
            bot._process = StartProcess(all, folder, bot.Logs, bot.OnProbeReply);
        }

        await emulator.WaitForBotPolling(TimeSpan.FromSeconds(60));
        bot.PollingSince = DateTimeOffset.UtcNow;
        return bot;
    }

    /// <summary>
    /// CPU time and bytes allocated so far by the bot. As its own process: utime+stime from /proc/&lt;pid&gt;/stat
    /// (what <see cref="Process.TotalProcessorTime"/> reads on Linux) and <see cref="GC.GetTotalAllocatedBytes(bool)"/>
    /// answered by the <c>StartupHook</c> probe inside it. In-process the same two figures of this process,
    /// which also count the emulator and the simulated residents. Several instances: their CPU summed, no allocations.
    /// </summary>
    public async Task<ProcessUsage> UsageAsync()
    {
        if (_instances.Count > 1)
        {
            var summed = TimeSpan.Zero;
            foreach (var instance in _instances)
            {
                instance.Refresh();
                summed += instance.TotalProcessorTime;
            }

            return new ProcessUsage(summed, null);
        }

        if (_process is null)
        {
            using var self = Process.GetCurrentProcess();
            return new ProcessUsage(self.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
        }

        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_probeGate)
        {
            _probeReply = reply;
        }

        _process.Refresh();
        var cpu = _process.TotalProcessorTime;
        await _process.StandardInput.WriteLineAsync(StartupHook.Request);
        await _process.StandardInput.FlushAsync();
        var parts = (await reply.Task.WaitAsync(TimeSpan.FromSeconds(30))).Split(' ');
        return new ProcessUsage(cpu, long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Starts <see cref="RepoPaths.BotDll"/> with <c>dotnet</c>, settings as environment variables.</summary>
    /// <param name="settings">Configuration, passed as environment variables.</param>
    /// <param name="workingDirectory">The bot's working directory.</param>
    /// <param name="logs">Counts the warnings and errors the bot writes.</param>
    /// <param name="probeReply">When set, the <c>StartupHook</c> probe is loaded into the bot and its answers are passed here.</param>
    public static Process StartProcess(
        IDictionary<string, string?> settings, string workingDirectory, LogCounter? logs = null, Action<string>? probeReply = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepoPaths.BotDll },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = probeReply is not null,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        if (probeReply is not null)
        {
            start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start " + RepoPaths.BotDll);
        // The console logger writes "warn: …" / "fail: …" / "crit: …" as the first line of an entry.
        process.OutputDataReceived += (_, e) => logs?.AddConsoleLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (probeReply is not null && e.Data is { } line && line.StartsWith(StartupHook.ReplyPrefix, StringComparison.Ordinal))
            {
                probeReply(line[StartupHook.ReplyPrefix.Length..]);
            }
            else
            {
                logs?.AddConsoleLine(e.Data);
            }
        };
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

        foreach (var process in _process is null ? _instances : [.. _instances.Where(p => p != _process), _process])
        {
            // Only the processes started here, by their handles.
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
            process.Dispose();
        }

        await Emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        if (_postgres is not null)
        {
            Deployment.DropPostgres(_postgres);
        }
    }

    /// <summary>With --detail: starts the probe's allocation sampling by type, or has it print what it counted.</summary>
    public async Task SampleAllocationsAsync(bool report)
    {
        if (_process is not null)
        {
            await _process.StandardInput.WriteLineAsync(report ? StartupHook.SampleReportRequest : StartupHook.SampleRequest);
            await _process.StandardInput.FlushAsync();
        }
    }

    private void OnProbeReply(string reply)
    {
        if (reply.StartsWith(StartupHook.AllocationLine, StringComparison.Ordinal))
        {
            Console.Error.WriteLine("  " + reply);
            return;
        }

        lock (_probeGate)
        {
            _probeReply?.TrySetResult(reply);
        }
    }

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <param name="Cpu">User plus system CPU time so far.</param>
/// <param name="AllocatedBytes">Bytes allocated on the managed heap so far; null when not measured (several processes).</param>
public sealed record ProcessUsage(TimeSpan Cpu, long? AllocatedBytes);

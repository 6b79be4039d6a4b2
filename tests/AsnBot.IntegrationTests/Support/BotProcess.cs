using System.Diagnostics;
using AsnBot.Tests.Support;

namespace AsnBot.IntegrationTests.Support;

/// <summary>The built bot as its own process (as `dotnet run` starts it), so a test can kill it without warning.</summary>
public sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _stderr = new();

    private BotProcess(Process process) => _process = process;

    /// <summary>What the process wrote on stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <param name="emulator">The Bot API the process talks to.</param>
    /// <param name="storage">Its database (the process runs in its folder).</param>
    /// <param name="environment">Further settings as environment variables (Section__Key).</param>
    public static async Task<BotProcess> StartAsync(BotApiEmulator.BotApiEmulator emulator, TestStorage storage, IDictionary<string, string?>? environment = null)
    {
        RoundSeed.Ensure(storage.Settings);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "asnbot.dll"), "run"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = storage.Folder,
        };
        start.Environment["Telegram__Token"] = emulator.Token;
        start.Environment["Telegram__ApiBaseUrl"] = emulator.BaseUrl;
        start.Environment["Telegram__PollTimeoutSeconds"] = "2";
        foreach (var (key, value) in storage.Variables)
        {
            start.Environment[key] = value;
        }

        start.Environment["Delivery__PerChatPerSecond"] = "50";
        start.Environment["Delivery__PerChatBurst"] = "10";
        start.Environment["Delivery__InboundBurst"] = "100000";
        start.Environment["Delivery__MaxQueuedPerChat"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }
        var started = DateTimeOffset.UtcNow;
        var process = Process.Start(start)!;
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (bot._stderr)
            {
                bot._stderr.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (environment is not null && environment.TryGetValue("Telegram__Mode", out var mode) && mode == "webhook")
            {
                await emulator.WaitForWebhook(TimeSpan.FromSeconds(30));
            }
            else
            {
                await emulator.WaitForBotPollingSince(started, TimeSpan.FromSeconds(30));
            }
        }
        catch (TimeoutException ex)
        {
            // What the process said (a configuration or database error) is the reason it did not poll. The process
            // is stopped: left running it would load the machine and the database for the tests after this one.
            var exited = process.HasExited;
            bot.Dispose();
            throw new TimeoutException($"{ex.Message} Exited: {exited}. Its stderr: {bot.Stderr}", ex);
        }

        return bot;
    }

    /// <summary>SIGTERM, as systemd and `docker stop` send it (Process.Kill sends SIGKILL); returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as a power cut or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Globalization;

namespace AsnBot.Bench.Support;

/// <summary>
/// Runs one CLI verb of the built bot (<c>dotnet asnbot.dll export …</c>, <c>report …</c>) as its own
/// process, timed from start to exit, with its peak working set sampled from outside: WorkingSet64 every
/// 20 ms, and on Linux the kernel's own high-water mark (VmHWM in /proc/&lt;pid&gt;/status) read at the
/// same time, so a spike between two samples is not missed. The peak is the larger of the two.
/// </summary>
public static class BotCommand
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(20);

    public static async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, IDictionary<string, string?> settings, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepoPaths.BotDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start " + RepoPaths.BotDll);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        long polled = 0, highWater = 0;
        var exited = process.WaitForExitAsync(cancellationToken);
        while (!exited.IsCompleted)
        {
            try
            {
                process.Refresh();
                polled = Math.Max(polled, process.WorkingSet64);
                highWater = Math.Max(highWater, HighWaterMark(process.Id));
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the read.
            }

            await Task.WhenAny(exited, Task.Delay(SampleEvery, cancellationToken));
        }

        await exited;
        var wall = clock.Elapsed;
        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"asnbot {string.Join(' ', arguments)} exited {process.ExitCode}: {errors.Trim()} {output.Trim()}"));
        }

        return new CommandResult(wall, Math.Max(polled, highWater), polled, highWater, output);
    }

    // VmHWM: peak resident set size so far, in kB; 0 where /proc is missing or the process is gone.
    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}

/// <param name="Wall">Process start to exit.</param>
/// <param name="PeakBytes">Larger of <paramref name="PolledBytes"/> and <paramref name="HighWaterBytes"/>.</param>
/// <param name="PolledBytes">Largest WorkingSet64 seen by 20 ms polling.</param>
/// <param name="HighWaterBytes">Last VmHWM read (0 when not on Linux).</param>
/// <param name="Output">Standard output.</param>
public sealed record CommandResult(TimeSpan Wall, long PeakBytes, long PolledBytes, long HighWaterBytes, string Output)
{
    public double PeakMegabytes => PeakBytes / 1048576.0;
}

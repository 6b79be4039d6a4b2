using System.Globalization;
using AsnBot.Bench.Support;

namespace AsnBot.Bench.Scenarios;

/// <summary>
/// Scenario 3: <c>asnbot export responses --round R --format csv|xlsx --out FILE</c>, each export its own
/// process (the built asnbot.dll) over a database of ≈100 k and ≈1 M answer rows (11 111 and 111 111
/// responses, generated once per benchmark process). Time is process start to exit, so it includes the
/// runtime and host start, shown on its own as the export of an empty round; rows/s = answer rows ÷ that time.
/// Peak working set is sampled from outside (see <see cref="BotCommand"/>).
/// </summary>
public sealed class ExportScenario : IScenario
{
    private static readonly (string Format, Target Time)[] Formats = [("csv", Target.Max(3)), ("xlsx", Target.Max(10))];

    public string Name => "export";

    public string Description => "asnbot export responses as a process, csv and xlsx, ≈100 k and ≈1 M answer rows (9 per response); time = process start → exit";

    public string? Unavailable => File.Exists(RepoPaths.BotDll) ? null : "not built: " + RepoPaths.BotDll;

    public async Task<IReadOnlyList<Measurement>> RunOnceAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        DataSet[] sizes = [ReportData.Get(ReportData.Small), ReportData.Get(ReportData.Large)];
        var folder = Directory.CreateTempSubdirectory("asnbot-bench-export-").FullName;
        try
        {
            var measurements = new List<Measurement>();
            var empty = await ExportAsync(sizes[0], "2026-EMPTY", "csv", folder, settings, cancellationToken);
            measurements.Add(new("empty round, csv (process overhead)", empty.Wall.TotalSeconds, "s"));
            foreach (var data in sizes)
            {
                var large = data.AnswerRows >= 500_000;
                foreach (var (format, time) in Formats)
                {
                    var result = await ExportAsync(data, ReportData.Round, format, folder, settings, cancellationToken);
                    measurements.Add(new($"{format} {data.Label} rows: time", result.Wall.TotalSeconds, "s", large ? time : null));
                    measurements.Add(new($"{format} {data.Label} rows: rows/s", data.AnswerRows / result.Wall.TotalSeconds, "rows/s"));
                    measurements.Add(new($"{format} {data.Label} rows: peak working set", result.PeakMegabytes, "MB", Target.Max(200)));
                }
            }

            return measurements;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<CommandResult> ExportAsync(DataSet data, string round, string format, string folder, BenchSettings settings, CancellationToken cancellationToken)
    {
        var file = Path.Combine(folder, "export." + format);
        var result = await BotCommand.RunAsync(
            ["export", "responses", "--round", round, "--format", format, "--out", file],
            ReportData.Settings(data),
            folder,
            cancellationToken);
        if (settings.Detail)
        {
            await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"    {format} {round} {data.Label}: {result.Wall.TotalSeconds:0.00} s, {new FileInfo(file).Length / 1048576.0:0.0} MB file, peak {result.PeakMegabytes:0} MB (polled {result.PolledBytes / 1048576.0:0}, VmHWM {result.HighWaterBytes / 1048576.0:0}); {result.Output.Trim()}"));
        }

        File.Delete(file);
        return result;
    }
}

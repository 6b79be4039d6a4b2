using System.Diagnostics;
using AsnBot.Bench.Support;
using AsnBot.Hosting;
using AsnBot.Reports;
using AsnBot.Reports.Ikm;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.Bench.Scenarios;

/// <summary>
/// Scenario 4: the IKM report over the export scenario's ≈1 M answer rows. Twice: <c>asnbot report ikm
/// --round R</c> as its own process (start → exit, text to stdout; includes the runtime and host start),
/// and <see cref="IkmReportBuilder.BuildAsync(string, string?, CancellationToken)"/> inside the benchmark on
/// a freshly built host (first call: new connection, queries, calculation), then again on the same host.
/// The 0.5 s target is checked against the in-process first call: the report's own work.
/// </summary>
public sealed class IkmScenario : IScenario
{
    public string Name => "ikm";

    public string Description => "IKM report, ≈1 M answer rows: asnbot report ikm as a process (start → exit) and IkmReportBuilder.BuildAsync in process (target applies to this)";

    public string? Unavailable => File.Exists(RepoPaths.BotDll) ? null : "not built: " + RepoPaths.BotDll;

    public async Task<IReadOnlyList<Measurement>> RunOnceAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var data = ReportData.Get(ReportData.Large);
        var folder = Directory.CreateTempSubdirectory("asnbot-bench-ikm-").FullName;
        try
        {
            var process = await BotCommand.RunAsync(["report", "ikm", "--round", ReportData.Round], ReportData.Settings(data), folder, cancellationToken);
            if (!process.Output.Contains("IKM", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("report ikm printed no IKM: " + process.Output);
            }

            SqliteConnection.ClearAllPools();
            var builder = AppHost.CreateBuilder(ReportData.Settings(data));
            builder.Services.AddReports();
            using var host = builder.Build();
            var ikm = host.Services.GetRequiredService<IkmReportBuilder>();
            var clock = Stopwatch.StartNew();
            var report = await ikm.BuildAsync(ReportData.Round, null, cancellationToken);
            var first = clock.Elapsed;
            clock.Restart();
            await ikm.BuildAsync(ReportData.Round, null, cancellationToken);
            var second = clock.Elapsed;
            var respondents = report.City?.Respondents ?? 0;
            if (respondents != data.Responses)
            {
                throw new InvalidOperationException($"IKM counted {respondents} respondents, expected {data.Responses}");
            }

            return
            [
                new("report ikm process, 1M rows (start → exit)", process.Wall.TotalSeconds, "s"),
                new("report ikm process: peak working set", process.PeakMegabytes, "MB"),
                new("BuildAsync in process, 1M rows (fresh host)", first.TotalSeconds, "s", Target.Max(0.5)),
                new("BuildAsync in process, again (same host)", second.TotalSeconds, "s"),
            ];
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

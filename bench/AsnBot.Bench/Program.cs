using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AsnBot.Bench;
using AsnBot.Bench.Reporting;
using AsnBot.Bench.Scenarios;
using AsnBot.Bench.Support;

// dotnet run -c Release --project bench/AsnBot.Bench [--runs N] [--scenario name[,name]] [--residents N[,N]]
var runs = 5;
int[]? residents = null;
string[]? only = null;
var detail = false;
var inProcess = false;
var provider = "sqlite";
int? instances = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--runs" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0:
            runs = n;
            i++;
            break;
        case "--residents" when ResidentCounts(value) is { } counts:
            residents = counts;
            i++;
            break;
        case "--in-process":
            inProcess = true;
            break;
        case "--provider" when value is "sqlite" or "postgres":
            provider = value;
            i++;
            break;
        case "--instances" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0:
            instances = n;
            i++;
            break;
        case "--detail":
            detail = true;
            break;
        case "--scenario" when value is not null:
            only = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync(
                "usage: AsnBot.Bench [--runs N (5)] [--scenario name[,name]] [--residents N[,N] (survey-throughput: " + string.Join(",", SurveyThroughputScenario.DefaultResidents) + ")] [--in-process] [--detail] [--provider sqlite|postgres] [--instances N (webhook mode)]\nscenarios: "
                + string.Join(", ", Scenarios.All.Select(s => s.Name)));
            return 2;
    }
}

var selected = Scenarios.All.Where(s => only is null || only.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToList();
if (selected.Count == 0)
{
    await Console.Error.WriteLineAsync("no scenario named " + string.Join(", ", only ?? []));
    return 2;
}

if (inProcess && (provider != "sqlite" || instances is not null))
{
    await Console.Error.WriteLineAsync("--in-process runs one SQLite bot; it does not combine with --provider or --instances");
    return 2;
}

var settings = new BenchSettings(runs, residents, detail, inProcess, new Deployment(provider, instances));
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"AsnBot benchmarks · {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · {RuntimeInformation.OSDescription} · {RuntimeInformation.FrameworkDescription} · {RepoPaths.Configuration} · {runs} run(s)"));
if (File.Exists("/proc/loadavg"))
{
    // Other work on the machine skews every figure; the load average at the start says whether there was any.
    Console.WriteLine("load average at start: " + File.ReadAllText("/proc/loadavg").Trim());
}

if (RepoPaths.Configuration != "Release")
{
    Console.WriteLine("warning: not a Release build; figures are not comparable (use -c Release)");
}

var table = new ResultTable();
var total = Stopwatch.StartNew();
foreach (var scenario in selected)
{
    Console.WriteLine($"{scenario.Name}: {scenario.Description}");
    if (scenario.Unavailable is { } reason)
    {
        table.AddUnavailable(scenario, reason);
        continue;
    }

    var results = new List<IReadOnlyList<Measurement>>();
    try
    {
        for (var run = 1; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var measurements = await scenario.RunOnceAsync(settings, CancellationToken.None);
            results.Add(measurements);
            await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"  run {run}/{runs} ({clock.Elapsed.TotalSeconds:0.0} s): {string.Join(", ", measurements.Select(m => $"{m.Metric} {m.Value:0.##} {m.Unit}"))}"));
        }

        table.Add(scenario, results);
    }
    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or System.Net.Http.HttpRequestException)
    {
        await Console.Error.WriteLineAsync($"  {scenario.Name} failed: {ex}");
        table.AddFailed(scenario, ex);
    }
}

Console.WriteLine();
Console.Write(table);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {total.Elapsed.TotalSeconds:0} s"));
return 0;

static int[]? ResidentCounts(string? value)
{
    var counts = (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(part => int.TryParse(part, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0)
        .ToArray();
    return counts.Length > 0 && counts.All(n => n > 0) ? counts : null;
}

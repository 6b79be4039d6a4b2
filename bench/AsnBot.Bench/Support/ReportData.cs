using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AsnBot.Data;
using AsnBot.Hosting;
using AsnBot.Survey;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsnBot.Bench.Support;

/// <summary>
/// Databases of submitted responses for the export and IKM scenarios, generated once per benchmark
/// process with <see cref="SyntheticResponses"/> (U1–U9 only: 9 answer rows per response, spread over the
/// units of the bot's appsettings.json) and shared by every run and scenario; deleted when the process exits.
/// </summary>
public static class ReportData
{
    public const string Round = "2026-BENCH";

    /// <summary>Responses for ≈100 k answer rows (11 111 × 9 = 99 999).</summary>
    public const int Small = 11_111;

    /// <summary>Responses for ≈1 M answer rows (111 111 × 9 = 999 999).</summary>
    public const int Large = 111_111;

    private static readonly ConcurrentDictionary<int, Lazy<DataSet>> Sets = new();
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("asnbot-bench-reports-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        };
        return folder;
    });

    /// <summary>The database with <paramref name="responses"/> submitted responses in <see cref="Round"/>, made on first use.</summary>
    public static DataSet Get(int responses) => Sets.GetOrAdd(responses, n => new Lazy<DataSet>(() => Create(n))).Value;

    /// <summary>Configuration for the bot (in process or as environment variables) reading <paramref name="data"/>.</summary>
    public static Dictionary<string, string?> Settings(DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new Dictionary<string, string?>
        {
            ["Storage:Path"] = data.Path,
            ["Exports:PseudonymKey"] = "iOKNrHovUnBmSz8UVJaEl1GUDGLM7S4p",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    private static DataSet Create(int responses)
    {
        var path = System.IO.Path.Combine(Folder.Value, string.Create(CultureInfo.InvariantCulture, $"responses-{responses}.db"));
        var clock = Stopwatch.StartNew();
        using var host = AppHost.CreateBuilder(new Dictionary<string, string?> { ["Storage:Path"] = path }).Build();
        var units = host.Services.GetRequiredService<IOptions<SurveyOptions>>().Value.Units.Select(u => u.Code).ToList();
        var rows = SyntheticResponses.Insert((Database)host.Services.GetRequiredService<SqlDatabase>(), responses, Round, units, withProfile: false);

        // Closing the last connection checkpoints the WAL into the file, so the measured processes read one file.
        SqliteConnection.ClearAllPools();
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  generated {responses} responses, {rows} answer rows over {units.Count} units in {clock.Elapsed.TotalSeconds:0.0} s ({new FileInfo(path).Length / 1048576.0:0} MB)"));
        return new DataSet(path, responses, rows);
    }
}

/// <param name="Path">The SQLite file.</param>
/// <param name="Responses">Submitted responses in <see cref="ReportData.Round"/>.</param>
/// <param name="AnswerRows">Rows in the answer table.</param>
public sealed record DataSet(string Path, int Responses, long AnswerRows)
{
    /// <summary>"100k" or "1M": the answer rows, rounded, for metric names.</summary>
    public string Label => AnswerRows >= 500_000
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(AnswerRows / 1e6):0}M")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(AnswerRows / 1e3):0}k");
}

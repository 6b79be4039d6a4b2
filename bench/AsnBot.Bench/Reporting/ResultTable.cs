using System.Globalization;
using System.Text;

namespace AsnBot.Bench.Reporting;

/// <summary>Collects every run's measurements and prints median and spread (min–max) per metric.</summary>
public sealed class ResultTable
{
    private readonly List<Row> _rows = [];

    public void Add(IScenario scenario, IReadOnlyList<IReadOnlyList<Measurement>> runs)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var metric in runs.SelectMany(r => r).Select(m => m.Metric).Distinct())
        {
            var values = runs.SelectMany(r => r).Where(m => m.Metric == metric).ToList();
            var sorted = values.Select(v => v.Value).Order().ToArray();
            var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
            var target = values[0].Target;
            _rows.Add(new Row(
                scenario.Name,
                metric,
                Format(median) + " " + values[0].Unit,
                sorted.Length > 1 ? Format(sorted[0]) + "–" + Format(sorted[^1]) : string.Empty,
                target is null ? string.Empty : target + " " + values[0].Unit,
                target is null ? string.Empty : target.IsMet(median) ? "yes" : "NO"));
        }
    }

    public void AddUnavailable(IScenario scenario, string reason)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _rows.Add(new Row(scenario.Name, reason, string.Empty, string.Empty, string.Empty, string.Empty));
    }

    public void AddFailed(IScenario scenario, Exception error)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(error);
        _rows.Add(new Row(scenario.Name, "FAILED: " + error.GetType().Name + ": " + error.Message.Split('\n')[0], string.Empty, string.Empty, string.Empty, string.Empty));
    }

    public override string ToString()
    {
        var header = new Row("scenario", "metric", "median", "min–max", "target", "met");
        var all = _rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, 6).Select(c => all.Max(r => r.Cells[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var (row, index) in all.Select((r, i) => (r, i)))
        {
            text.Append("| ").AppendJoin(" | ", row.Cells.Select((cell, c) => c is 2 or 3 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).AppendLine(" |");
            if (index == 0)
            {
                text.Append('|').AppendJoin('|', widths.Select((w, c) => c is 2 or 3 ? new string('-', w + 1) + ":" : new string('-', w + 2))).AppendLine("|");
            }
        }

        return text.ToString();
    }

    private static string Format(double value) => Math.Abs(value) switch
    {
        _ when value == Math.Floor(value) => value.ToString("0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private sealed record Row(string Scenario, string Metric, string Median, string Spread, string Target, string Met)
    {
        public string[] Cells => [Scenario, Metric, Median, Spread, Target, Met];
    }
}

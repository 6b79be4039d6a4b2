using AsnBot.Reports.Ikm;
using ScottPlot;

namespace AsnBot.Reports.Trend;

/// <summary>IKM per round, a line per unit (and the city, thick): PNG for the CLI, SVG for the dashboard.</summary>
public static class TrendChart
{
    public static byte[] Png(TrendReport report, int width = 900, int height = 500)
    {
        using var plot = Build(report);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>An inline &lt;svg&gt; element, drawn on the server: the page needs no script and no network.</summary>
    public static string Svg(TrendReport report, int width = 900, int height = 420)
    {
        using var plot = Build(report);
        return plot.GetSvgHtml(width, height);
    }

    internal static Plot Build(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        var lines = report.City is { } city ? report.Units.Append(city) : report.Units;
        foreach (var unit in lines)
        {
            var points = unit.PerRound.Select((r, i) => (X: (double)i, Y: r.Score?.Ikm)).Where(p => p.Y is not null).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => (double)p.Y!.Value).ToArray());
            line.LegendText = unit.Code;
            line.MarkerSize = 6;
            line.LineWidth = unit.Code == IkmReport.CityCode ? 4 : 1.5f;
        }

        plot.Axes.Bottom.SetTicks([.. report.Rounds.Select((_, i) => (double)i)], [.. report.Rounds.Select(r => r.Code)]);
        plot.Axes.SetLimits(-0.3, Math.Max(1, report.Rounds.Count - 1) + 0.3, 25, 100);
        plot.YLabel("IKM (25-100)");
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = ReportNumbers.Tick };
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}

using ScottPlot;

namespace AsnBot.Reports.Ikm;

/// <summary>A PNG bar chart of NRR per element over the A/B/C/D bands, for the city or the single unit reported.</summary>
internal static class IkmChartRenderer
{
    private static readonly Dictionary<string, Color> BandColors = new(StringComparer.Ordinal)
    {
        ["A"] = Colors.Green.WithAlpha(0.15),
        ["B"] = Colors.Blue.WithAlpha(0.12),
        ["C"] = Colors.Orange.WithAlpha(0.15),
        ["D"] = Colors.Red.WithAlpha(0.15),
    };

    public static byte[] Render(IkmReport report, int width = 900, int height = 500)
    {
        using var plot = Build(report);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>The chart before rendering (tests read its title, limits and legend).</summary>
    internal static Plot Build(IkmReport report)
    {
        var subject = report.City ?? report.Units[0];
        var plot = new Plot();
        foreach (var (mutu, from, to) in Mutu.NrrBands)
        {
            var band = plot.Add.VerticalSpan(from, to, BandColors[mutu.Grade]);
            band.LegendText = $"{mutu.Grade} ({mutu.Kinerja})";
        }

        var bars = subject.Elements.Select((e, i) => new Bar
        {
            Position = i + 1,
            Value = (double)(e.Nrr ?? 0),
            ValueBase = 0,
            FillColor = Colors.SteelBlue,
            Label = ReportNumbers.Fixed(e.Nrr, 2),
        }).ToList();
        plot.Add.Bars(bars);

        plot.Axes.Bottom.SetTicks([.. subject.Elements.Select((_, i) => i + 1.0)], [.. subject.Elements.Select(e => e.Code)]);

        // From 0, so a bar of 1,00 (every answer the lowest) is seen; room above 4 for the label of a full bar; the legend
        // sits outside the bars, right of the plot.
        plot.Axes.SetLimits(0.4, subject.Elements.Count + 0.6, 0, 4.35);
        var ikm = subject.Score is { } s
            ? $"IKM {ReportNumbers.Fixed(s.Ikm, 2)}, mutu {s.Mutu.Grade}"
            : "IKM tidak dapat dihitung";
        var warning = ReportNumbers.BelowMinimum(subject, report.MinimumRespondents);
        plot.Title(warning.Length > 0 ? $"NRR per unsur, {report.RoundName}\n{warning}" : $"NRR per unsur, {report.RoundName}");
        // The unit and its figure on lines of their own: a long unit name on one line with the figure ran off the image.
        plot.XLabel($"{ReportNumbers.UnitLabel(subject)}\n{ikm} (bobot 1/9 persis)");
        plot.YLabel("NRR (1-4)");
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = ReportNumbers.Tick };
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}

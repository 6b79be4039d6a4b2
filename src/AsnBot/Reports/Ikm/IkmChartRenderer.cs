using System.Globalization;
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
        var subject = report.City ?? report.Units[0];
        using var plot = new Plot();
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
            Label = e.Nrr is { } nrr ? nrr.ToString("F2", CultureInfo.InvariantCulture) : "-",
        }).ToList();
        plot.Add.Bars(bars);

        plot.Axes.Bottom.SetTicks([.. subject.Elements.Select((_, i) => i + 1.0)], [.. subject.Elements.Select(e => e.Code)]);
        plot.Axes.SetLimits(0.4, subject.Elements.Count + 0.6, 1, 4.1);
        var ikm = subject.Score is { } s
            ? $"IKM {IkmCalculator.Display(s.Ikm).ToString("F2", CultureInfo.InvariantCulture)}, mutu {s.Mutu.Grade}"
            : "IKM tidak dapat dihitung";
        plot.Title($"NRR per unsur: {subject.Code}, {report.Round}");
        plot.XLabel($"{subject.Name}: {ikm} (bobot 1/9 persis)");
        plot.YLabel("NRR (1-4)");
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}

namespace AsnBot.Bench.Support;

public static class Percentiles
{
    /// <summary>Nearest-rank percentile (0–100) of unsorted values; NaN when empty.</summary>
    public static double Of(IReadOnlyCollection<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

namespace AsnBot.Reports.Ikm;

/// <summary>
/// Minimum sample for a population of N service users (Krejcie &amp; Morgan 1970: 95 % confidence,
/// margin d = 0.05, P = 0.5): s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), χ² = 3.841, rounded to the
/// nearest whole respondent as the published table is (100→80, 500→217, 1 000 000→384).
/// </summary>
public static class KrejcieMorgan
{
    private const double ChiSquare = 3.841;
    private const double Margin = 0.05;
    private const double Proportion = 0.5;

    public static int MinimumSample(int population)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(population);
        var variance = ChiSquare * Proportion * (1 - Proportion);
        var sample = variance * population / ((Margin * Margin * (population - 1)) + variance);
        return (int)Math.Round(sample, MidpointRounding.AwayFromZero);
    }
}

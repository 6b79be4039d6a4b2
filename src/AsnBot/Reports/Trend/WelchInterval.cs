namespace AsnBot.Reports.Trend;

/// <summary>
/// The 95 % interval of a change between two rounds, from each respondent's own score (the mean of their element
/// answers × 25, on the IKM's 25–100 scale): Welch's interval for a difference of two means with unequal variances,
/// t quantile at the Welch–Satterthwaite degrees of freedom. When every respondent answered every element, the
/// mean of the respondents' scores is the IKM itself, so the interval is centred on the reported change.
/// </summary>
public static class WelchInterval
{
    private const double Z975 = 1.959963984540054;

    /// <summary>Null when a round has fewer than two respondents (no variance to estimate).</summary>
    public static (decimal Low, decimal High)? For(decimal change, ScoreSample before, ScoreSample after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Count < 2 || after.Count < 2)
        {
            return null;
        }

        var a = before.Variance / before.Count;
        var b = after.Variance / after.Count;
        var standardError = Math.Sqrt(a + b);
        if (standardError == 0)
        {
            return (change, change);
        }

        var degrees = (a + b) * (a + b) / ((a * a / (before.Count - 1)) + (b * b / (after.Count - 1)));
        var margin = (decimal)(StudentT975(degrees) * standardError);
        return (change - margin, change + margin);
    }

    /// <summary>
    /// The 97.5 % quantile of Student's t: the printed table up to 5 degrees of freedom (linear between), then the
    /// Cornish–Fisher expansion around the normal quantile (Abramowitz &amp; Stegun 26.7.5), within 0.002 of the table.
    /// </summary>
    public static double StudentT975(double degrees)
    {
        if (degrees < 5)
        {
            double[] table = [12.706, 12.706, 4.303, 3.182, 2.776, 2.571];
            var d = Math.Max(1, degrees);
            var below = (int)Math.Floor(d);
            return table[below] + ((d - below) * (table[below + 1] - table[below]));
        }

        const double z = Z975;
        double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
        var g1 = (z3 + z) / 4;
        var g2 = ((5 * z5) + (16 * z3) + (3 * z)) / 96;
        var g3 = ((3 * z7) + (19 * z5) + (17 * z3) - (15 * z)) / 384;
        var g4 = ((79 * z9) + (776 * z7) + (1482 * z5) - (1920 * z3) - (945 * z)) / 92160;
        return z + (g1 / degrees) + (g2 / (degrees * degrees)) + (g3 / Math.Pow(degrees, 3)) + (g4 / Math.Pow(degrees, 4));
    }
}

/// <summary>Respondents' scores on the 25–100 scale: how many, their mean and their sample variance.</summary>
public sealed record ScoreSample(long Count, double Mean, double Variance)
{
    /// <summary>From per-respondent means on the 1–4 scale (count, sum, sum of squares), scaled by 25.</summary>
    public static ScoreSample FromSums(long count, double sum, double sumOfSquares)
    {
        if (count == 0)
        {
            return new ScoreSample(0, 0, 0);
        }

        var mean = sum / count;
        var variance = count < 2 ? 0 : Math.Max(0, (sumOfSquares - (count * mean * mean)) / (count - 1));
        return new ScoreSample(count, mean * 25, variance * 625);
    }
}

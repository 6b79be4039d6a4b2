namespace AsnBot.Reports.Ikm;

/// <summary>
/// The IKM formula of PermenPANRB 14/2017 with exact weights: NRR per element = sum ÷ answerers,
/// SKM value = Σ NRR × 1/9, IKM = SKM value × 25. Decimal arithmetic; rounding only for display.
/// </summary>
public static class IkmCalculator
{
    public const int Elements = 9;

    /// <summary>The rounded weight many published reports use; shown next to the exact figure, never instead of it.</summary>
    public const decimal PublishedWeight = 0.111m;

    public static UnitResult Calculate(
        string code, string name, long respondents, IReadOnlyList<ElementResult> elements, SampleCheck sample, int minimumRespondents)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return new UnitResult
        {
            Code = code,
            Name = name,
            Respondents = respondents,
            Elements = elements,
            Score = Score(elements),
            Lowest = [.. elements.Where(e => e.Nrr is not null).OrderBy(e => e.Nrr).ThenBy(e => e.Code, StringComparer.Ordinal).Take(3)],
            Sample = sample,
            BelowMinimumRespondents = respondents < minimumRespondents,
        };
    }

    /// <summary>Null when an element has no answer at all: the regulation weighs all nine, so no index is invented.</summary>
    public static IkmScore? Score(IReadOnlyList<ElementResult> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (elements.Count != Elements || elements.Any(e => e.Nrr is null))
        {
            return null;
        }

        var sumOfNrr = elements.Sum(e => e.Nrr!.Value);
        var skm = sumOfNrr / Elements;
        var ikm = skm * 25;
        var published = elements.Sum(e => e.Nrr!.Value * PublishedWeight) * 25;
        return new IkmScore(skm, ikm, published, Mutu.For(ikm));
    }

    public static SampleCheck Sample(int? serviceUsers, long respondents)
    {
        if (serviceUsers is not > 0)
        {
            return new SampleCheck(null, null, null);
        }

        var minimum = KrejcieMorgan.MinimumSample(serviceUsers.Value);
        return new SampleCheck(serviceUsers, minimum, respondents >= minimum);
    }

    /// <summary>Two decimals, half away from zero: how figures are shown and how the mutu band is chosen.</summary>
    public static decimal Display(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

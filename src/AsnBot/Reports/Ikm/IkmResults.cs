using AsnBot.Reports.Complaints;

namespace AsnBot.Reports.Ikm;

/// <summary>One element (unsur): sum of scores and how many respondents answered it.</summary>
public sealed record ElementResult(string Code, string Name, long Answered, long Sum)
{
    /// <summary>Nilai rata-rata: sum ÷ respondents who answered this element (not all respondents); null if none did.</summary>
    public decimal? Nrr => Answered == 0 ? null : (decimal)Sum / Answered;

    /// <summary>NRR × 1/9, the exact weight.</summary>
    public decimal? WeightedNrr => Nrr / IkmCalculator.Elements;
}

/// <summary>The index itself; exists only when every element has at least one answer.</summary>
/// <param name="SkmValue">Σ NRR × 1/9, on the 1–4 scale.</param>
/// <param name="Ikm">SKM value × 25, unrounded (25–100).</param>
/// <param name="IkmWithPublishedWeight">What reports that round the weight to 0.111 would print, for comparison only.</param>
/// <param name="Mutu">Mutu pelayanan and kinerja unit.</param>
public sealed record IkmScore(decimal SkmValue, decimal Ikm, decimal IkmWithPublishedWeight, Mutu Mutu);

/// <summary>Minimum sample for the configured number of service users; all null when that number is unknown.</summary>
public sealed record SampleCheck(int? ServiceUsers, int? MinimumSample, bool? Reached);

/// <summary>IKM figures for one unit, or for the whole city (Code "KOTA").</summary>
public sealed record UnitResult
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required long Respondents { get; init; }

    public required IReadOnlyList<ElementResult> Elements { get; init; }

    public IkmScore? Score { get; init; }

    /// <summary>The three lowest NRRs: what to fix first.</summary>
    public required IReadOnlyList<ElementResult> Lowest { get; init; }

    public required SampleCheck Sample { get; init; }

    /// <summary>Fewer respondents than Reports:MinimumRespondents: shown, but flagged.</summary>
    public required bool BelowMinimumRespondents { get; init; }
}

public sealed record IkmReport
{
    public const string CityCode = "KOTA";

    /// <summary>The round's code.</summary>
    public required string Round { get; init; }

    /// <summary>The round's name as residents saw it ("Semester II 2026"); its code when it was never planned.</summary>
    public required string RoundName { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required int MinimumRespondents { get; init; }

    public required IReadOnlyList<UnitResult> Units { get; init; }

    /// <summary>All respondents of the round pooled; null when the report is for one unit.</summary>
    public UnitResult? City { get; init; }

    /// <summary>Complaint figures for the same unit filter and the complaint period; null in reports built without them.</summary>
    public ComplaintSection? Complaints { get; init; }
}

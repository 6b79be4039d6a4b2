using AsnBot.Reports.Ikm;

namespace AsnBot.Reports.Trend;

/// <summary>IKM per unit (and the city) for every round side by side, and the change of the current round.</summary>
public sealed record TrendReport
{
    /// <summary>Rounds in time order, up to the current one (the last that has opened).</summary>
    public required IReadOnlyList<TrendRoundInfo> Rounds { get; init; }

    public required IReadOnlyList<UnitTrend> Units { get; init; }

    /// <summary>All respondents pooled; null when the trend is for one unit.</summary>
    public UnitTrend? City { get; init; }

    public required int MinimumRespondents { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public TrendRoundInfo? Current => Rounds.Count == 0 ? null : Rounds[^1];

    public TrendRoundInfo? Previous => Rounds.Count < 2 ? null : Rounds[^2];
}

public sealed record TrendRoundInfo(string Code, string Name);

/// <summary>One unit across rounds: its IKM report figures per round (null where it had no report) and the change.</summary>
public sealed record UnitTrend
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>Same order as <see cref="TrendReport.Rounds"/>.</summary>
    public required IReadOnlyList<UnitResult> PerRound { get; init; }

    public UnitResult? CurrentResult => PerRound.Count == 0 ? null : PerRound[^1];

    public UnitResult? PreviousResult => PerRound.Count < 2 ? null : PerRound[^2];

    public IkmChange? Change { get; init; }
}

/// <summary>IKM of the current round minus the previous one, with its 95 % interval (null with too few respondents).</summary>
public sealed record IkmChange(decimal Change, decimal? Low, decimal? High)
{
    /// <summary>True when the interval covers zero ("tidak berbeda nyata"); null without an interval.</summary>
    public bool? NotSignificant => Low is { } low && High is { } high ? low <= 0 && high >= 0 : null;

    public ChangeVerdict Verdict => NotSignificant switch
    {
        null => ChangeVerdict.Unknown,
        true => ChangeVerdict.NotSignificant,
        _ => Change > 0 ? ChangeVerdict.Rose : ChangeVerdict.Fell,
    };
}

public enum ChangeVerdict
{
    /// <summary>No change to judge, or too few respondents for an interval.</summary>
    Unknown,

    /// <summary>The interval covers zero: "tidak berbeda nyata".</summary>
    NotSignificant,

    Rose,

    Fell,
}

public enum TrendSort
{
    /// <summary>Configuration order.</summary>
    Unit,

    /// <summary>Lowest current IKM first.</summary>
    LowestIkm,

    /// <summary>Biggest fall since the previous round first.</summary>
    BiggestDrop,
}

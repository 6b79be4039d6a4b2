using AsnBot.Reports.Ikm;

namespace AsnBot.Reports.Trend;

/// <summary>The trend as one table, a row per unit and then the city: the CLI's csv and xlsx, and the Ringkasan page.</summary>
public static class TrendTable
{
    public const string Method =
        "perubahan = IKM putaran ini - IKM putaran sebelumnya; selang 95% Welch dari skor per responden (rata-rata jawaban unsur x 25)";

    public static IReadOnlyList<string> Header(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            "unit", "unit_name", .. report.Rounds.Select(r => $"ikm_{r.Code}"),
            "mutu", "respondents", "minimum_sample", "below_minimum", "change", "change_low_95", "change_high_95", "verdict",
        ];
    }

    public static IEnumerable<object?[]> Rows(TrendReport report, TrendSort sort = TrendSort.Unit)
    {
        ArgumentNullException.ThrowIfNull(report);
        var units = TrendBuilder.Sorted(report, sort);
        return (report.City is { } city ? units.Append(city) : units).Select(Row);
    }

    /// <summary>"naik nyata", "turun nyata", "tidak berbeda nyata", or "-" without a change or an interval.</summary>
    public static string Verdict(IkmChange? change) => (change?.Verdict ?? ChangeVerdict.Unknown) switch
    {
        ChangeVerdict.NotSignificant => "tidak berbeda nyata",
        ChangeVerdict.Rose => "naik nyata",
        ChangeVerdict.Fell => "turun nyata",
        _ => "-",
    };

    /// <summary>Below the Krejcie &amp; Morgan minimum for its service users, or below Reports:MinimumRespondents.</summary>
    public static bool BelowMinimum(UnitResult? result) =>
        result is null || result.BelowMinimumRespondents || result.Sample.Reached == false;

    private static object?[] Row(UnitTrend unit)
    {
        var current = unit.CurrentResult;
        return
        [
            unit.Code, unit.Name, .. unit.PerRound.Select(r => (object?)Round(r.Score?.Ikm)),
            current?.Score?.Mutu.Grade, current?.Respondents, current?.Sample.MinimumSample, BelowMinimum(current) ? "ya" : "tidak",
            Round(unit.Change?.Change), Round(unit.Change?.Low), Round(unit.Change?.High), Verdict(unit.Change),
        ];
    }

    private static decimal? Round(decimal? value) => value is { } v ? IkmCalculator.Display(v) : null;
}

using AsnBot.Data.Reports;
using AsnBot.Reports.Ikm;

namespace AsnBot.Reports.Trend;

/// <summary>
/// The trend of the Ringkasan page and of <c>asnbot report trend</c>: the IKM report of every round (the one formula
/// of <see cref="IkmReportBuilder"/>) and, for the current round against the previous one, the change with a
/// 95 % Welch interval from the respondents' own scores (<see cref="WelchInterval"/>).
/// </summary>
public sealed class TrendBuilder(IkmReportBuilder reports, ITrendStore store, TimeProvider clock)
{
    /// <param name="unit">One unit, or null for every unit and the city.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<TrendReport> BuildAsync(string? unit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rounds = (await store.RoundsAsync(cancellationToken)).Where(r => r.OpensAt is null || r.OpensAt <= now).ToList();
        var reportsPerRound = new List<IkmReport>();
        foreach (var round in rounds)
        {
            reportsPerRound.Add(await reports.BuildAsync(round.Code, unit, complaintPeriod: null, cancellationToken));
        }

        var current = rounds.Count > 0 ? await ScoresAsync(rounds[^1].Code, unit, cancellationToken) : [];
        var previous = rounds.Count > 1 ? await ScoresAsync(rounds[^2].Code, unit, cancellationToken) : [];
        var codes = reportsPerRound.SelectMany(r => r.Units.Select(u => (u.Code, u.Name))).DistinctBy(u => u.Code).ToList();
        var units = codes.Select(u => Trend(
            u.Code, u.Name, reportsPerRound.Select(r => r.Units.FirstOrDefault(x => x.Code == u.Code)), current.GetValueOrDefault(u.Code), previous.GetValueOrDefault(u.Code)))
            .ToList();
        var city = unit is null && rounds.Count > 0
            ? Trend(IkmReport.CityCode, reportsPerRound[0].City!.Name, reportsPerRound.Select(r => r.City), current.GetValueOrDefault(IkmReport.CityCode), previous.GetValueOrDefault(IkmReport.CityCode))
            : null;
        return new TrendReport
        {
            Rounds = [.. rounds.Select(r => new TrendRoundInfo(r.Code, r.Name))],
            Units = units,
            City = city,
            MinimumRespondents = reportsPerRound.FirstOrDefault()?.MinimumRespondents ?? 0,
            GeneratedAt = now,
        };
    }

    public static IReadOnlyList<UnitTrend> Sorted(TrendReport report, TrendSort sort)
    {
        ArgumentNullException.ThrowIfNull(report);
        return sort switch
        {
            TrendSort.LowestIkm => [.. report.Units.OrderBy(u => u.CurrentResult?.Score is null).ThenBy(u => u.CurrentResult?.Score?.Ikm)],
            TrendSort.BiggestDrop => [.. report.Units.OrderBy(u => u.Change is null).ThenBy(u => u.Change?.Change)],
            _ => report.Units,
        };
    }

    private static UnitTrend Trend(string code, string name, IEnumerable<UnitResult?> perRound, ScoreSample? current, ScoreSample? previous)
    {
        var results = perRound.Select(r => r ?? Empty(code, name)).ToList();
        IkmChange? change = null;
        if (results.Count > 1 && results[^1].Score is { } now && results[^2].Score is { } before)
        {
            var delta = now.Ikm - before.Ikm;
            var interval = current is not null && previous is not null ? WelchInterval.For(delta, previous, current) : null;
            change = new IkmChange(delta, interval?.Low, interval?.High);
        }

        return new UnitTrend { Code = code, Name = name, PerRound = results, Change = change };
    }

    private static UnitResult Empty(string code, string name) => new()
    {
        Code = code,
        Name = name,
        Respondents = 0,
        Elements = [],
        Lowest = [],
        Sample = new SampleCheck(null, null, null),
        BelowMinimumRespondents = true,
    };

    private async Task<Dictionary<string, ScoreSample>> ScoresAsync(string round, string? unit, CancellationToken cancellationToken)
    {
        var rows = await store.RespondentScoresAsync(round, unit, cancellationToken);
        var samples = rows.ToDictionary(r => r.UnitCode, r => ScoreSample.FromSums(r.Respondents, r.Sum, r.SumOfSquares), StringComparer.Ordinal);

        // The city's respondents are every unit's respondents together: pooled sums, not a mean of unit means.
        samples[IkmReport.CityCode] = ScoreSample.FromSums(rows.Sum(r => r.Respondents), rows.Sum(r => r.Sum), rows.Sum(r => r.SumOfSquares));
        return samples;
    }
}

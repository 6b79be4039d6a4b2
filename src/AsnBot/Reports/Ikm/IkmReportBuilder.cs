using System.Globalization;
using AsnBot.Data.Reports;
using AsnBot.Reports.Complaints;
using AsnBot.Survey;
using Microsoft.Extensions.Options;

namespace AsnBot.Reports.Ikm;

/// <summary>Builds the IKM report of a round from submitted responses: per unit, and for the whole city.</summary>
public sealed class IkmReportBuilder(
    IReportStore store,
    SurveyDefinition survey,
    IOptions<SurveyOptions> surveyOptions,
    IOptions<ReportsOptions> reportsOptions,
    ComplaintFiguresBuilder complaintFigures,
    TimeProvider clock)
{
    /// <summary>The report with the complaint figures of every complaint ever filed.</summary>
    public Task<IkmReport> BuildAsync(string round, string? unit, CancellationToken cancellationToken) =>
        BuildAsync(round, unit, ComplaintPeriod.All, cancellationToken);

    /// <param name="round">Round code, e.g. 2026-S2.</param>
    /// <param name="unit">One unit's code, or null for every unit and the city.</param>
    /// <param name="complaintPeriod">
    /// Which complaints the complaint figures cover (complaints belong to no round); null for the survey figures only
    /// (the trend and the dashboard, which read complaints on their own).
    /// </param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<IkmReport> BuildAsync(string round, string? unit, ComplaintPeriod? complaintPeriod, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var complaints = complaintPeriod is null ? null : await complaintFigures.BuildAsync(unit, complaintPeriod, now, cancellationToken);
        var counts = await store.ScoreCountsAsync(round, unit, cancellationToken);
        var respondents = (await store.RespondentsAsync(round, unit, cancellationToken))
            .ToDictionary(r => r.UnitCode, r => r.Respondents, StringComparer.Ordinal);
        var name = (await store.RoundsAsync(cancellationToken)).FirstOrDefault(r => r.Code == round)?.Name;
        var configured = surveyOptions.Value.Units;
        var minimum = reportsOptions.Value.MinimumRespondents;

        // Every configured unit appears, even with no respondent (flagged, never hidden), then any unit
        // that has responses or complaints but has since left the configuration.
        var codes = configured.Select(u => u.Code)
            .Concat(respondents.Keys.Order(StringComparer.Ordinal))
            .Concat(complaints?.Units.Keys ?? Enumerable.Empty<string>())
            .Where(code => unit is null || code == unit)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var units = codes.Select(code =>
        {
            var config = configured.FirstOrDefault(u => u.Code == code);
            var n = respondents.GetValueOrDefault(code);
            return IkmCalculator.Calculate(
                code, config?.Name ?? code, n, Tally(counts.Where(c => c.UnitCode == code)),
                IkmCalculator.Sample(config?.ServiceUsers, n), minimum);
        }).ToList();

        return new IkmReport
        {
            Round = round,
            RoundName = name ?? round,
            GeneratedAt = now,
            MinimumRespondents = minimum,
            Units = units,
            City = unit is null ? City(counts, units, minimum) : null,
            Complaints = complaints,
        };
    }

    // The city figure pools every respondent's answers into one NRR per element, exactly as for a unit.
    // It is NOT the mean of the unit IKMs: units with many respondents weigh more, as they should.
    private UnitResult City(IReadOnlyList<ScoreCount> counts, List<UnitResult> units, int minimum)
    {
        var respondents = units.Sum(u => u.Respondents);
        var serviceUsers = units.All(u => u.Sample.ServiceUsers is not null) ? units.Sum(u => u.Sample.ServiceUsers) : null;
        return IkmCalculator.Calculate(
            IkmReport.CityCode, "Kota (semua unit, jawaban digabung)", respondents, Tally(counts),
            IkmCalculator.Sample(serviceUsers, respondents), minimum);
    }

    private List<ElementResult> Tally(IEnumerable<ScoreCount> counts)
    {
        var list = counts.ToList();
        return [.. survey.Questions.Where(q => q.Group == QuestionGroup.Element).Select(question =>
        {
            long answered = 0, sum = 0;
            foreach (var count in list.Where(c => c.QuestionCode == question.Code))
            {
                // Only the scale's scores 1–4 count; anything else is not a score.
                if (int.TryParse(count.AnswerCode, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 4)
                {
                    answered += count.Count;
                    sum += score * count.Count;
                }
            }

            return new ElementResult(question.Code, question.ShortName.Id, answered, sum);
        })];
    }
}

using AsnBot.Data.Reports;
using AsnBot.Reports.Ikm;
using AsnBot.Reports.Trend;
using AsnBot.Survey;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.Dashboard;

/// <summary>
/// Unit: the nine elements' NRR this round against the previous one, the three lowest, the answers per element,
/// responses per day, and the residents' kritik dan saran (newest first, searchable, never who wrote them).
/// </summary>
internal static class UnitPage
{
    private const int MaxSuggestions = 200;

    public static async Task<IResult> RenderAsync(Page page, IServiceProvider services, string code, HttpContext http, CancellationToken cancellationToken)
    {
        var report = await services.GetRequiredService<TrendBuilder>().BuildAsync(code, cancellationToken);
        if (report.Units.FirstOrDefault(u => u.Code == code) is not { CurrentResult: { } current } unit || report.Current is not { } round)
        {
            return page.Paragraph(page.T("dash.unit.unknown", code)).Result(code, StatusCodes.Status404NotFound);
        }

        var survey = services.GetRequiredService<SurveyDefinition>();
        var previous = unit.PreviousResult;
        page.Paragraph(page.T("dash.unit.round", round.Name, current.Score is { } s ? page.Num(s.Ikm) : "-", current.Score?.Mutu.Grade ?? "-", current.Respondents));
        if (TrendTable.BelowMinimum(current))
        {
            page.Paragraph($"⚠ {page.T("dash.belowMinimum")} ({Page.Int(current.Respondents)} / {Page.Int(current.Sample.MinimumSample)})", "warn");
        }

        page.Heading(page.T("dash.unit.elements"));
        page.Table(
            [page.T("dash.col.code"), page.T("dash.col.element"), report.Previous is { } p ? $"NRR {p.Name}" : "NRR -", $"NRR {round.Name}", page.T("dash.col.change")],
            current.Elements.Select(e => ElementRow(page, survey, e, previous?.Elements.FirstOrDefault(x => x.Code == e.Code))),
            id: "unsur");

        page.Heading(page.T("dash.unit.lowest"))
            .Raw("<ol id=\"terendah\">" + string.Concat(current.Lowest.Select(e => $"<li>{Page.E(e.Code)} {Page.E(Name(page, survey, e.Code))}: {Page.E(page.Num(e.Nrr))}</li>")) + "</ol>");

        await DistributionAsync(page, services, survey, round.Code, code, cancellationToken);
        await PerDayAsync(page, services, round.Code, code, cancellationToken);
        await SuggestionsAsync(page, services, survey, round.Code, code, http, cancellationToken);
        return page.Result($"{unit.Name} ({unit.Code})");
    }

    private static IEnumerable<string> ElementRow(Page page, SurveyDefinition survey, ElementResult element, ElementResult? before)
    {
        var change = element.Nrr - before?.Nrr;
        var cell = change switch
        {
            null => Page.N("-"),
            > 0 => $"<td class=\"n up\">▲ +{Page.E(page.Num(change))}</td>",
            < 0 => $"<td class=\"n down\">▼ {Page.E(page.Num(change))}</td>",
            _ => Page.N("= 0"),
        };
        return [Page.E(element.Code), Page.E(Name(page, survey, element.Code)), Page.N(page.Num(before?.Nrr)), Page.N(page.Num(element.Nrr)), cell];
    }

    private static string Name(Page page, SurveyDefinition survey, string code) =>
        survey.Questions.FirstOrDefault(q => q.Code == code)?.ShortName.In(page.Language) ?? code;

    private static async Task DistributionAsync(
        Page page, IServiceProvider services, SurveyDefinition survey, string round, string unit, CancellationToken cancellationToken)
    {
        var counts = await services.GetRequiredService<IReportStore>().ScoreCountsAsync(round, unit, cancellationToken);
        var scale = new[] { "1", "2", "3", "4" };
        page.Heading(page.T("dash.unit.distribution")).Table(
            [page.T("dash.col.element"), .. scale],
            survey.Questions.Where(q => q.Group == QuestionGroup.Element).Select(q =>
            {
                var row = counts.Where(c => c.QuestionCode == q.Code).ToDictionary(c => c.AnswerCode, c => c.Count, StringComparer.Ordinal);
                var total = scale.Sum(a => row.GetValueOrDefault(a));
                return (IEnumerable<string>)
                [
                    $"{Page.E(q.Code)} {Page.E(q.ShortName.In(page.Language))}",
                    .. scale.Select(a => Share(page, row.GetValueOrDefault(a), total)),
                ];
            }),
            id: "sebaran");
    }

    private static string Share(Page page, long count, long total)
    {
        var percent = total == 0 ? 0 : count * 100m / total;
        return $"<td class=\"n\">{Page.Int(count)} ({Page.E(page.Num(percent, 0))}%)<br><span class=\"bar\" style=\"width:{(int)Math.Round(percent)}px\"></span></td>";
    }

    private static async Task PerDayAsync(Page page, IServiceProvider services, string round, string unit, CancellationToken cancellationToken)
    {
        var days = await services.GetRequiredService<ITrendStore>().ResponsesPerDayAsync(round, unit, cancellationToken);
        var most = days.Count == 0 ? 1 : days.Max(d => d.Responses);
        page.Heading(page.T("dash.unit.perDay")).Table(
            [page.T("dash.col.day"), page.T("dash.col.responses")],
            days.Select(d => (IEnumerable<string>)
            [
                Page.E(d.Day),
                $"<td class=\"n\">{Page.Int(d.Responses)} <span class=\"bar\" style=\"width:{(int)(d.Responses * 150 / most)}px\"></span></td>",
            ]),
            id: "perhari");
    }

    private static async Task SuggestionsAsync(
        Page page, IServiceProvider services, SurveyDefinition survey, string round, string unit, HttpContext http, CancellationToken cancellationToken)
    {
        var question = survey.Questions.FirstOrDefault(q => q.Group == QuestionGroup.Suggestion);
        page.Heading(page.T("dash.unit.suggestions"));
        if (question is null)
        {
            return;
        }

        var search = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(cancellationToken))["q"].ToString().Trim() : string.Empty;
        var list = await services.GetRequiredService<ITrendStore>().SuggestionsAsync(
            round, unit, question.Code, search.Length == 0 ? null : search, MaxSuggestions, cancellationToken);
        page.Raw(page.Form(
            $"/unit/{Uri.EscapeDataString(unit)}",
            $"<input type=\"search\" name=\"q\" id=\"cari\" value=\"{Page.E(search)}\" placeholder=\"{Page.E(page.T("dash.unit.search"))}\"> <button type=\"submit\" id=\"cari-kirim\">{Page.E(page.T("dash.unit.searchButton"))}</button>"));
        page.Paragraph(page.T("dash.unit.suggestionCount", list.Count), "muted");
        page.Raw("<ul class=\"saran\" id=\"saran\">"
            + string.Concat(list.Select(x => $"<li><span class=\"muted\">{Page.E(Day(x.SubmittedAt))}</span><br>{Page.E(x.Text)}</li>"))
            + "</ul>");
    }

    private static string Day(DateTimeOffset at) =>
        Complaints.WorkingDays.LocalDate(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

using AsnBot.Reports.Ikm;
using AsnBot.Reports.Trend;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.Dashboard;

/// <summary>Ringkasan: IKM and mutu per unit for every round side by side, the trend chart, and the change of the current round.</summary>
internal static class SummaryPage
{
    public static async Task<IResult> RenderAsync(Page page, IServiceProvider services, string? sort, CancellationToken cancellationToken)
    {
        var viewer = page.Viewer!;
        var report = await services.GetRequiredService<TrendBuilder>().BuildAsync(unit: null, cancellationToken);
        if (!viewer.IsAdmin)
        {
            report = report with { Units = [.. report.Units.Where(u => viewer.CanSee(u.Code))], City = null };
        }

        if (report.Current is not { } current)
        {
            return page.Paragraph(page.T("dash.summary.noRounds")).Result(page.T("dash.summary.title"));
        }

        var order = sort switch
        {
            "ikm" => TrendSort.LowestIkm,
            "turun" => TrendSort.BiggestDrop,
            _ => TrendSort.Unit,
        };
        page.Paragraph(page.T("dash.summary.current", current.Name, current.Code))
            .Raw($"<p>{Page.E(page.T("dash.summary.sort"))} <a href=\"/\">{Page.E(page.T("dash.summary.sortUnit"))}</a> · "
                + $"<a href=\"/?urut=ikm\" id=\"urut-ikm\">{Page.E(page.T("dash.summary.sortLowest"))}</a> · "
                + $"<a href=\"/?urut=turun\" id=\"urut-turun\">{Page.E(page.T("dash.summary.sortDrop"))}</a></p>");

        var units = TrendBuilder.Sorted(report, order);
        var rows = (report.City is { } city ? units.Append(city) : units).Select(u => Row(page, u));
        page.Table(
            [
                page.T("dash.col.code"), page.T("dash.col.unit"), .. report.Rounds.Select(r => $"IKM {r.Name}"), page.T("dash.col.mutu"),
                page.T("dash.col.respondents"), page.T("dash.col.change"), page.T("dash.col.interval"), page.T("dash.col.verdict"),
            ],
            rows,
            id: "ringkasan");
        page.Paragraph(page.T("dash.summary.method"), "muted");
        page.Heading(page.T("dash.summary.chart")).Raw($"<div class=\"scroll\">{TrendChart.Svg(report)}</div>");
        return page.Result(page.T("dash.summary.title"));
    }

    private static IEnumerable<string> Row(Page page, UnitTrend unit)
    {
        var current = unit.CurrentResult;
        var below = TrendTable.BelowMinimum(current);
        var respondents = $"{Page.Int(current?.Respondents)} / {Page.Int(current?.Sample.MinimumSample)}";
        var change = unit.Change;
        return
        [
            Page.E(unit.Code),
            unit.Code == IkmReport.CityCode ? Page.E(page.T("dash.city")) : $"<a href=\"/unit/{Uri.EscapeDataString(unit.Code)}\">{Page.E(unit.Name)}</a>",
            .. unit.PerRound.Select(r => Page.N(page.Num(r.Score?.Ikm))),
            Page.E(current?.Score?.Mutu.Grade ?? "-"),
            below ? $"<td class=\"n warn\">{Page.E(respondents)} ⚠ {Page.E(page.T("dash.belowMinimum"))}</td>" : Page.N(respondents),
            change is null ? Page.N("-") : $"<td class=\"n {(change.Change < 0 ? "down" : "up")}\">{(change.Change > 0 ? "+" : string.Empty)}{Page.E(page.Num(change.Change))}</td>",
            change?.Low is { } low && change.High is { } high ? Page.N($"{page.Num(low)} … {page.Num(high)}") : Page.N("-"),
            Page.E(Verdict(page, change)),
        ];
    }

    private static string Verdict(Page page, IkmChange? change) => (change?.Verdict ?? ChangeVerdict.Unknown) switch
    {
        ChangeVerdict.NotSignificant => page.T("dash.verdict.same"),
        ChangeVerdict.Rose => page.T("dash.verdict.up"),
        ChangeVerdict.Fell => page.T("dash.verdict.down"),
        _ => "-",
    };
}

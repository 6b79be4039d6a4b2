using AsnBot.Data.Reports;
using AsnBot.Reports.Export;
using AsnBot.Reports.Ikm;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.Dashboard;

/// <summary>Putaran (admins): rounds and their progress, each broadcast's response rate, and the CLI's files to download.</summary>
internal static class RoundsPage
{
    public static async Task<IResult> RenderAsync(Page page, IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var rounds = await services.GetRequiredService<ITrendStore>().RoundsAsync(cancellationToken);
        var reports = services.GetRequiredService<IReportStore>();
        var rows = new List<IEnumerable<string>>();
        foreach (var round in rounds)
        {
            var respondents = (await reports.RespondentsAsync(round.Code, null, cancellationToken)).Sum(r => r.Respondents);
            rows.Add(
            [
                Page.E(round.Code), Page.E(round.Name), Page.E(Day(round.OpensAt)), Page.E(Day(round.ClosesAt)),
                Page.E(page.T(State(round, now))), Page.N(Progress(page, round, now)), Page.N(Page.Int(respondents)),
                Downloads.Links(round.Code),
            ]);
        }

        page.Heading(page.T("dash.rounds.rounds")).Table(
            [page.T("dash.col.code"), page.T("dash.col.name"), page.T("dash.col.opens"), page.T("dash.col.closes"), page.T("dash.col.status"), page.T("dash.col.progress"), page.T("dash.col.respondents"), page.T("dash.col.downloads")],
            rows,
            id: "putaran");

        var broadcasts = await services.GetRequiredService<IDashboardStore>().BroadcastsAsync(cancellationToken);
        page.Heading(page.T("dash.rounds.broadcasts")).Table(
            [page.T("dash.col.round"), page.T("dash.col.kind"), page.T("dash.col.unit"), page.T("dash.col.status"), page.T("dash.col.recipients"), page.T("dash.col.sent"), page.T("dash.col.answered"), page.T("dash.col.rate")],
            broadcasts.Select(b => (IEnumerable<string>)
            [
                Page.E(b.RoundCode), Page.E(page.T($"dash.kind.{b.Kind}")), Page.E(b.UnitCode ?? page.T("dash.allUnits")), Page.E(b.Status),
                Page.N(Page.Int(b.Total)), Page.N(Page.Int(b.Sent)), Page.N(Page.Int(b.Answered)),
                Page.N(b.ResponseRatePercent is { } rate ? $"{page.Num(rate, 1)}%" : "-"),
            ]),
            id: "siaran");
        page.Paragraph(page.T("dash.rounds.rateMethod"), "muted");
        page.Heading(page.T("dash.rounds.complaints")).Raw(Downloads.ComplaintLinks());
        return page.Result(page.T("dash.nav.rounds"));
    }

    private static string State(TrendRound round, DateTimeOffset now) => round switch
    {
        { OpensAt: { } opens } when now < opens => "dash.round.planned",
        { ClosesAt: { } closes } when now >= closes => "dash.round.closed",
        { OpensAt: not null } => "dash.round.open",
        _ => "dash.round.unplanned",
    };

    /// <summary>Share of the round's days gone.</summary>
    private static string Progress(Page page, TrendRound round, DateTimeOffset now)
    {
        if (round is not { OpensAt: { } opens, ClosesAt: { } closes })
        {
            return "-";
        }

        var share = Math.Clamp((now - opens) / (closes - opens), 0, 1);
        return $"{page.Num((decimal)share * 100, 0)}%";
    }

    private static string Day(DateTimeOffset? at) => at is { } a ? Complaints.ComplaintViews.Date(a) : "-";
}

using AsnBot.Complaints;
using AsnBot.Data.Complaints;
using AsnBot.Data.Reports;
using AsnBot.Reports.Complaints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsnBot.Dashboard;

/// <summary>
/// Pengaduan: open complaints by deadline state, the first-response share and median working days per unit and
/// month, and categories per unit. Admins also see the open complaints one by one, by the exports' rules: no
/// reporter for anonim, and no row and no text for rahasia (only counted). Unit heads see counts of their units only.
/// </summary>
internal static class ComplaintsPage
{
    private const int Months = 6;
    private const int Excerpt = 140;
    private const int ListLength = 200;
    private static readonly DeadlineState[] States = [DeadlineState.OnTime, DeadlineState.DueSoon, DeadlineState.Overdue];

    public static async Task<IResult> RenderAsync(Page page, IServiceProvider services, CancellationToken cancellationToken)
    {
        var viewer = page.Viewer!;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var options = services.GetRequiredService<IOptions<ComplaintOptions>>().Value;
        var today = WorkingDays.LocalDate(now);
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - Months);

        var timings = services.GetRequiredService<ComplaintTimings>();
        timings.Refresh();
        var open = (await timings.CountOpenAsync(now, cancellationToken)).Where(c => viewer.CanSee(c.Unit)).ToList();
        var states = open.GroupBy(c => (c.Unit, c.State)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var (together, months) = await services.GetRequiredService<ComplaintFiguresBuilder>().BuildByMonthAsync(null, firstMonth, now, cancellationToken);
        var units = together.Units.Keys.Concat(open.Select(c => c.Unit)).Where(viewer.CanSee).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        page.Heading(page.T("dash.complaints.open")).Table(
            [page.T("dash.col.unit"), .. States.Select(s => page.T($"deadline.{s}")), page.T("dash.col.openTotal")],
            units.Select(unit => (IEnumerable<string>)
            [
                Page.E(unit), .. States.Select(s => Page.N(Page.Int(states.GetValueOrDefault((unit, s))))),
                Page.N(Page.Int(States.Sum(s => states.GetValueOrDefault((unit, s))))),
            ]),
            id: "sla");

        page.Heading(page.T("dash.complaints.inTime", options.FirstResponseWithinWorkingDays)).Table(
            [page.T("dash.col.unit"), .. months.Select(m => Month(m.Month))],
            units.Select(unit => (IEnumerable<string>)
            [
                Page.E(unit),
                .. months.Select(m => m.Figures.For(unit) is { FirstResponseInTimePercent: { } p } f
                    ? Page.N($"{page.Num(p, 0)}% ({Page.Int(f.FirstResponseInTime)}/{Page.Int(f.FirstResponseDue)})")
                    : Page.N("-")),
            ]),
            id: "tepat");

        page.Heading(page.T("dash.complaints.median")).Table(
            [page.T("dash.col.unit"), .. months.Select(m => Month(m.Month))],
            units.Select(unit => (IEnumerable<string>)
            [
                Page.E(unit), .. months.Select(m => Page.N(page.Num(m.Figures.For(unit).MedianWorkingDaysToFirstResponse, 1))),
            ]),
            id: "median");

        page.Heading(page.T("dash.complaints.categories", Months)).Table(
            [page.T("dash.col.unit"), .. together.Categories.Select(c => options.Category(c.Code)?.Name(page.Language) ?? c.Code), page.T("dash.col.total")],
            units.Select(unit =>
            {
                var figures = together.For(unit);
                return (IEnumerable<string>)[Page.E(unit), .. together.Categories.Select(c => Page.N(Page.Int(figures.ByCategory.GetValueOrDefault(c.Code)))), Page.N(Page.Int(figures.Count))];
            }),
            id: "kategori");
        page.Paragraph(page.T("dash.complaints.method", options.FirstResponseWithinWorkingDays), "muted");

        if (viewer.IsAdmin)
        {
            var confidential = open.Where(c => c.Confidential).Sum(c => c.Count);
            await ListAsync(page, services, open.Sum(c => c.Count) - confidential, confidential, now, cancellationToken);
        }
        else
        {
            page.Paragraph(page.T("dash.complaints.countsOnly"), "muted");
        }

        return page.Result(page.T("dash.nav.complaints"));
    }

    /// <summary>The oldest open complaints (the first to be late), at most <see cref="ListLength"/>: the export has them all.</summary>
    private static async Task ListAsync(
        Page page, IServiceProvider services, long listed, long confidential, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var views = services.GetRequiredService<ComplaintViews>();
        var deadlines = services.GetRequiredService<ComplaintDeadlines>();
        var shown = (await services.GetRequiredService<IDashboardStore>().OpenComplaintsAsync(ListLength, cancellationToken)).Select(c => (Row: c, State: deadlines.State(c, now))).ToList();
        page.Heading(page.T("dash.complaints.list")).Table(
            [page.T("dash.col.number"), page.T("dash.col.unit"), page.T("dash.col.category"), page.T("dash.col.status"), page.T("dash.col.deadline"), page.T("dash.col.reporter"), page.T("dash.col.story")],
            shown.Select(x => (IEnumerable<string>)
            [
                Page.E(x.Row.TrackingNo), Page.E(views.Unit(page.Language, x.Row)), Page.E(views.Category(page.Language, x.Row.CategoryCode)),
                Page.E(views.Status(page.Language, x.Row.Status)), Page.E(page.T($"deadline.{x.State}")),
                Page.E(Reporter(page, x.Row)),
                Page.E(x.Row.Description is { Length: > Excerpt } d ? d[..Excerpt] + "…" : x.Row.Description),
            ]),
            id: "daftar");
        if (listed > shown.Count)
        {
            page.Paragraph(page.T("dash.complaints.more", listed - shown.Count), "muted");
        }

        if (confidential > 0)
        {
            page.Paragraph(page.T("dash.complaints.confidential", confidential), "muted");
        }
    }

    // The reporter only of an identified complaint (the query reads no id for the others), as the admin views show it.
    private static string Reporter(Page page, ComplaintRow complaint) => complaint.Privacy == ComplaintPrivacy.Identified
        ? complaint.ResidentId is { } id ? page.T("admin.reporterId", id) : page.T("admin.reporterErased")
        : page.T("admin.reporterHidden");

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

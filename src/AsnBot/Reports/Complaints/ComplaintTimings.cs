using System.Globalization;
using AsnBot.Complaints;
using AsnBot.Data;
using AsnBot.Data.Complaints;
using AsnBot.Data.Reports;
using Microsoft.Extensions.Options;

namespace AsnBot.Reports.Complaints;

/// <summary>
/// Keeps every filed complaint's timing stored beside it (<see cref="IComplaintTimingStore"/>): its month of filing, its
/// next deadline, and its first-response and resolution figures, worked out by the code the report (<see cref="ComplaintTiming"/>)
/// and /aduan (<see cref="ComplaintDeadlines"/>) use. The Pengaduan page then counts them in SQL instead of reading every
/// complaint. The figures never depend on this being done: a complaint without a current timing is worked out one by one.
/// </summary>
public sealed class ComplaintTimings(IDatabase database, IOptions<ComplaintOptions> options, ComplaintDeadlines deadlines)
{
    /// <summary>Complaints worked out per write transaction, so a first refresh of many does not hold the bot's writers up long.</summary>
    private const int Batch = 1000;

    private readonly ComplaintTiming _timing = new(options.Value);

    /// <summary>
    /// What the stored timings depend on besides the complaint: the settings, and the version of the code that works them out
    /// (raise it when that code changes what it stores). Timings of another basis are worked out again.
    /// </summary>
    public string Basis { get; } = BasisOf(options.Value);

    /// <summary>Works out and stores the timing of every filed complaint without a current one.</summary>
    public void Refresh()
    {
        using (var reader = database.Connect())
        {
            if (reader.ComplaintTimings.Basis() == Basis && reader.ComplaintTimings.Untimed(1).Count == 0)
            {
                return;
            }
        }

        for (var more = true; more;)
        {
            using var work = database.Begin();
            if (work.ComplaintTimings.Basis() != Basis)
            {
                work.ComplaintTimings.Rebase(Basis);
            }

            var untimed = work.ComplaintTimings.Untimed(Batch);
            work.ComplaintTimings.Save(untimed.Select(Of));
            work.Commit();
            more = untimed.Count == Batch;
        }
    }

    /// <summary>
    /// Open complaints per unit, privacy and deadline state at <paramref name="now"/>, each as /aduan shows it: counted by
    /// the database where stored (<see cref="Refresh"/> first), the rest one by one.
    /// </summary>
    public async Task<IReadOnlyList<OpenCount>> CountOpenAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (overdueBefore, dueSoonBefore) = deadlines.Bounds(now);
        var open = await database.DashboardQueries.OpenDeadlinesAsync(Basis, overdueBefore, dueSoonBefore, cancellationToken);
        return
        [
            .. open.Counts.SelectMany(c =>
            {
                var (unit, confidential) = (c.UnitCode ?? "-", c.Privacy == ComplaintPrivacy.Confidential);
                return new OpenCount[]
                {
                    new(unit, confidential, DeadlineState.Overdue, c.BeforeFirst), new(unit, confidential, DeadlineState.DueSoon, c.BeforeSecond),
                    new(unit, confidential, DeadlineState.OnTime, c.Later), new(unit, confidential, DeadlineState.None, c.None),
                }.Where(count => count.Count > 0);
            }),
            .. open.Untimed.Select(c => new OpenCount(c.UnitCode ?? "-", c.Privacy == ComplaintPrivacy.Confidential, deadlines.State(c, now), 1)),
        ];
    }

    private static string BasisOf(ComplaintOptions options) => string.Create(
        CultureInfo.InvariantCulture,
        $"timing 1; verify {options.VerifyWithinWorkingDays}; first response {options.FirstResponseWithinWorkingDays}; resolve {options.ResolveWithinWorkingDays}; holidays {string.Join(' ', options.Holidays.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}");

    private ComplaintTimingRow Of(ComplaintRow row)
    {
        var complaint = new StoredComplaint
        {
            Id = row.Id,
            TrackingNo = row.TrackingNo!,
            Status = row.Status,
            SubmittedAt = row.SubmittedAt!.Value,
            FirstResponseAt = row.FirstResponseAt,
            ResolvedAt = row.ResolvedAt,
        };
        return new ComplaintTimingRow
        {
            Id = row.Id,
            SubmittedMonth = ComplaintTiming.MonthOf(complaint),
            DeadlineOn = deadlines.Next(row),
            FirstResponseDueOn = complaint.FirstResponseAt is null ? _timing.FirstResponseDue(complaint) : null,
            FirstResponseInTime = _timing.AnsweredInTime(complaint),
            DaysToFirstResponse = _timing.DaysToFirstResponse(complaint),
            DaysToResolution = _timing.DaysToResolution(complaint),
        };
    }
}

/// <summary>How many open complaints of a unit (confidential ones apart) stand in a deadline state.</summary>
public sealed record OpenCount(string Unit, bool Confidential, DeadlineState State, long Count);

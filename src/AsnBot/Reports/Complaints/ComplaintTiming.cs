using AsnBot.Complaints;
using AsnBot.Data.Complaints;
using AsnBot.Data.Reports;

namespace AsnBot.Reports.Complaints;

/// <summary>
/// Working-day figures of one filed complaint, by the same rules as the admin deadlines (<see cref="WorkingDays"/>:
/// WIB calendar days, Saturdays, Sundays and Complaints:Holidays excluded). A duration is the number of
/// working days after the day of submission up to and including the day of the later event: answered the
/// same day = 0, filed on Friday and answered on Monday = 1.
/// </summary>
public sealed class ComplaintTiming(ComplaintOptions options)
{
    private readonly WorkingDays _days = new(options.Holidays);

    public int FirstResponseWithinWorkingDays => options.FirstResponseWithinWorkingDays;

    /// <summary>The last day on which a first response is in time.</summary>
    public DateOnly FirstResponseDue(StoredComplaint complaint) => _days.Add(complaint.SubmittedAt, options.FirstResponseWithinWorkingDays);

    /// <summary>Working days from submission to the first response (an admin's answer or decision other than verifying); null without one.</summary>
    public int? DaysToFirstResponse(StoredComplaint complaint) =>
        complaint.FirstResponseAt is { } at ? _days.Between(WorkingDays.LocalDate(complaint.SubmittedAt), WorkingDays.LocalDate(at)) : null;

    /// <summary>
    /// Working days from submission to the (last) resolution, only for complaints that are resolved or
    /// closed now: a reopened one is not resolved, and rejected or not-our-authority ones were never resolved.
    /// </summary>
    public int? DaysToResolution(StoredComplaint complaint) =>
        IsResolved(complaint) ? _days.Between(WorkingDays.LocalDate(complaint.SubmittedAt), WorkingDays.LocalDate(complaint.ResolvedAt!.Value)) : null;

    /// <summary>
    /// True: first response by the due day. False: later, or none and the due day has passed.
    /// Null: no response yet and still in time, so it cannot be judged.
    /// </summary>
    public bool? FirstResponseInTime(StoredComplaint complaint, DateTimeOffset now) =>
        AnsweredInTime(complaint) ?? UnansweredInTime(FirstResponseDue(complaint), now);

    /// <summary>Whether the first response came by the due day; null while there is none.</summary>
    public bool? AnsweredInTime(StoredComplaint complaint) =>
        complaint.FirstResponseAt is { } at ? WorkingDays.LocalDate(at) <= FirstResponseDue(complaint) : null;

    /// <summary>An unanswered complaint whose last day in time is <paramref name="due"/>: false once that day has passed, else null.</summary>
    public static bool? UnansweredInTime(DateOnly due, DateTimeOffset now) => WorkingDays.LocalDate(now) > due ? false : null;

    /// <summary>The first day of the month (WIB) the complaint was filed in.</summary>
    public static DateOnly MonthOf(StoredComplaint complaint)
    {
        var day = WorkingDays.LocalDate(complaint.SubmittedAt);
        return new DateOnly(day.Year, day.Month, 1);
    }

    public static bool IsResolved(StoredComplaint complaint) =>
        complaint.ResolvedAt is not null && complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed;

    public static bool IsConfidential(StoredComplaint complaint) => complaint.Privacy == ComplaintPrivacy.Confidential;
}

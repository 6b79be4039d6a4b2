using AsnBot.Data.Complaints;

namespace AsnBot.Complaints;

/// <summary>The next deadline of an open complaint and how it stands, in working days.</summary>
public sealed class ComplaintDeadlines(ComplaintOptions options)
{
    private readonly WorkingDays _days = new(options.Holidays);

    public WorkingDays Days => _days;

    /// <summary>Verification while submitted, first response until there is one, then resolution (counted again from a reopening); none once closed.</summary>
    public DateOnly? Next(ComplaintRow complaint)
    {
        if (complaint.SubmittedAt is not { } submitted)
        {
            return null;
        }

        // A reopened complaint gets a fresh resolution period from the day it was reopened.
        if (complaint.ReopenedAt is { } reopened && complaint.Status is ComplaintStatus.Reopened or ComplaintStatus.InProgress)
        {
            return _days.Add(reopened, options.ResolveWithinWorkingDays);
        }

        return complaint.Status switch
        {
            ComplaintStatus.Submitted => _days.Add(submitted, options.VerifyWithinWorkingDays),
            ComplaintStatus.Verified or ComplaintStatus.Reopened when complaint.FirstResponseAt is null => _days.Add(submitted, options.FirstResponseWithinWorkingDays),
            ComplaintStatus.Verified or ComplaintStatus.Reopened or ComplaintStatus.InProgress => _days.Add(submitted, options.ResolveWithinWorkingDays),
            _ => null,
        };
    }

    public DeadlineState State(ComplaintRow complaint, DateTimeOffset now) => Next(complaint) is { } deadline ? State(deadline, now) : DeadlineState.None;

    /// <summary>How a complaint whose next deadline is <paramref name="deadline"/> stands at <paramref name="now"/>.</summary>
    public DeadlineState State(DateOnly deadline, DateTimeOffset now)
    {
        var (overdueBefore, dueSoonBefore) = Bounds(now);
        return deadline < overdueBefore ? DeadlineState.Overdue : deadline < dueSoonBefore ? DeadlineState.DueSoon : DeadlineState.OnTime;
    }

    /// <summary>
    /// The days that part the states at <paramref name="now"/>: a deadline before today is overdue; one before the second
    /// working day after today (at most one working day left) is due soon; a later one is on time.
    /// </summary>
    public (DateOnly OverdueBefore, DateOnly DueSoonBefore) Bounds(DateTimeOffset now)
    {
        var today = WorkingDays.LocalDate(now);
        return (today, _days.Add(today, 2));
    }
}

public enum DeadlineState
{
    None,
    OnTime,
    DueSoon,
    Overdue,
}

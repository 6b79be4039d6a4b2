namespace AsnBot.Complaints;

/// <summary>
/// Working-day arithmetic in Tanjungbalai's time zone (WIB, UTC+7, no daylight saving): Saturdays,
/// Sundays and configured holidays do not count.
/// </summary>
public sealed class WorkingDays(IEnumerable<DateOnly> holidays)
{
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private readonly HashSet<DateOnly> _holidays = [.. holidays];

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Wib).DateTime);

    /// <summary>Midnight WIB at the start of the day.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Wib);

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>The day <paramref name="days"/> working days after the day of <paramref name="start"/> (that day not counted).</summary>
    public DateOnly Add(DateTimeOffset start, int days) => Add(LocalDate(start), days);

    /// <summary>The day <paramref name="days"/> working days after <paramref name="start"/> (that day not counted).</summary>
    public DateOnly Add(DateOnly start, int days)
    {
        var day = start;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public int Between(DateOnly from, DateOnly to)
    {
        var sign = to >= from ? 1 : -1;
        var (low, high) = sign > 0 ? (from, to) : (to, from);
        var count = 0;
        for (var day = low.AddDays(1); day <= high; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return sign * count;
    }
}

using AsnBot.Complaints;
using AsnBot.Data.Reports;
using Microsoft.Extensions.Options;

namespace AsnBot.Reports.Complaints;

/// <summary>
/// Counts and working-day medians of filed complaints for the IKM report. Reads every filed complaint
/// of the period once and keeps only counters and the day counts the medians need; no complaint is kept
/// or listed, so confidential ones add to the figures and appear nowhere else. The dashboard's monthly figures
/// add up the same per-complaint values, stored (<see cref="ComplaintTimings"/>) and counted in the database.
/// </summary>
public sealed class ComplaintFiguresBuilder(IComplaintReportStore store, IOptions<ComplaintOptions> options, ComplaintTimings timings)
{
    /// <param name="unit">One unit's code, or null for every unit and the city.</param>
    /// <param name="period">Days of submission, WIB.</param>
    /// <param name="now">Decides which unanswered complaints are already past their first-response deadline.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<ComplaintSection> BuildAsync(string? unit, ComplaintPeriod period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var timing = new ComplaintTiming(options.Value);
        var all = new Tallies();
        await foreach (var complaint in store.ReadFigureColumnsAsync(Filter(unit, period), cancellationToken))
        {
            all.Add(complaint, timing, now);
        }

        return Section(all, period, unit);
    }

    /// <summary>
    /// The figures of every month (WIB) from <paramref name="firstMonth"/> on, and of those months together: the
    /// dashboard's monthly trend. Each complaint's values are those <see cref="BuildAsync"/> works out, stored
    /// beforehand (<see cref="ComplaintTimings.Refresh"/>) and counted per unit and month by the database; complaints
    /// without a current stored timing are read and worked out one by one.
    /// </summary>
    public async Task<(ComplaintSection Together, IReadOnlyList<(DateOnly Month, ComplaintSection Figures)> Months)> BuildByMonthAsync(
        string? unit, DateOnly firstMonth, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var timing = new ComplaintTiming(options.Value);
        var period = new ComplaintPeriod(firstMonth, null);
        var all = new Tallies();
        var months = new SortedDictionary<DateOnly, Tallies>();

        void Add(string? unitCode, DateOnly month, Action<Tally> add)
        {
            if (!months.TryGetValue(month, out var tallies))
            {
                months[month] = tallies = new Tallies();
            }

            all.Add(unitCode, add);
            tallies.Add(unitCode, add);
        }

        var figures = await store.ReadFigureGroupsAsync(Filter(unit, period), firstMonth, timings.Basis, cancellationToken);
        foreach (var complaint in figures.Untimed)
        {
            var timed = Timed.Of(complaint, timing, now);
            Add(complaint.UnitCode, ComplaintTiming.MonthOf(complaint), t => t.Add(timed));
        }

        foreach (var group in figures.Categories)
        {
            Add(group.UnitCode, group.Month, t => t.AddCategory(group.CategoryCode ?? "-", group.Count));
        }

        foreach (var group in figures.FirstResponses)
        {
            var inTime = group.FirstResponseInTime ?? ComplaintTiming.UnansweredInTime(group.FirstResponseDueOn!.Value, now);
            Add(group.UnitCode, group.Month, t => t.AddFirstResponse(inTime, group.Count));
            if (group.Days is { } days)
            {
                Add(group.UnitCode, group.Month, t => t.AddDaysToFirstResponse(days, group.Count));
            }
        }

        foreach (var group in figures.Resolutions)
        {
            Add(group.UnitCode, group.Month, t => t.AddDaysToResolution(group.Days!.Value, group.Count));
        }

        return (Section(all, period, unit), [.. months.Select(m => (m.Key, Section(m.Value, new ComplaintPeriod(m.Key, m.Key.AddMonths(1).AddDays(-1)), unit)))]);
    }

    private static ComplaintFilter Filter(string? unit, ComplaintPeriod period) => new()
    {
        UnitCode = unit,
        From = period.From is { } from ? WorkingDays.StartOfDay(from) : null,
        To = period.To is { } to ? WorkingDays.StartOfDay(to.AddDays(1)) : null,
    };

    private ComplaintSection Section(Tallies all, ComplaintPeriod period, string? unit)
    {
        var config = options.Value;
        var categories = config.Categories.Select(c => (c.Code, c.NameId))
            .Concat(all.City.Categories.Keys.Where(code => config.Category(code) is null).Order(StringComparer.Ordinal).Select(code => (code, code)))
            .ToList();
        return new ComplaintSection
        {
            Period = period,
            FirstResponseWithinWorkingDays = config.FirstResponseWithinWorkingDays,
            Categories = categories,
            Units = all.Units.ToDictionary(u => u.Key, u => u.Value.Figures(categories), StringComparer.Ordinal),
            City = unit is null ? all.City.Figures(categories) : null,
        };
    }

    /// <summary>Median of whole numbers: the middle one, or the mean of the two middle ones; null for none.</summary>
    /// <param name="counts">Each value and how many times it occurs.</param>
    public static decimal? Median(IReadOnlyDictionary<int, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Values.Sum();
        if (total == 0)
        {
            return null;
        }

        var sorted = counts.Where(c => c.Value > 0).OrderBy(c => c.Key).ToList();
        int At(long index)
        {
            foreach (var (value, count) in sorted)
            {
                if (index < count)
                {
                    return value;
                }

                index -= count;
            }

            throw new ArgumentOutOfRangeException(nameof(index));
        }

        var middle = total / 2;
        return total % 2 == 1 ? At(middle) : (At(middle - 1) + At(middle)) / 2m;
    }

    /// <summary>Per unit and for the city.</summary>
    private sealed class Tallies
    {
        public SortedDictionary<string, Tally> Units { get; } = new(StringComparer.Ordinal);

        public Tally City { get; } = new();

        public void Add(StoredComplaint complaint, ComplaintTiming timing, DateTimeOffset now)
        {
            var timed = Timed.Of(complaint, timing, now);
            Add(complaint.UnitCode, t => t.Add(timed));
        }

        public void Add(string? unit, Action<Tally> add)
        {
            var code = unit ?? "-";
            if (!Units.TryGetValue(code, out var tally))
            {
                Units[code] = tally = new Tally();
            }

            add(tally);
            add(City);
        }
    }

    /// <summary>What the tallies count of one complaint, worked out once however many tallies it adds to.</summary>
    private readonly record struct Timed(string Category, bool? FirstResponseInTime, int? DaysToFirstResponse, int? DaysToResolution)
    {
        public static Timed Of(StoredComplaint complaint, ComplaintTiming timing, DateTimeOffset now) => new(
            complaint.CategoryCode ?? "-", timing.FirstResponseInTime(complaint, now), timing.DaysToFirstResponse(complaint), timing.DaysToResolution(complaint));
    }

    /// <summary>Counters of one unit or the city; each addition counts <c>count</c> complaints that share a value.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<int, long> _toFirstResponse = [];
        private readonly Dictionary<int, long> _toResolution = [];
        private long _count;
        private long _due;
        private long _inTime;
        private long _pending;

        public Dictionary<string, long> Categories { get; } = new(StringComparer.Ordinal);

        public void Add(Timed complaint)
        {
            AddCategory(complaint.Category, 1);
            AddFirstResponse(complaint.FirstResponseInTime, 1);
            if (complaint.DaysToFirstResponse is { } first)
            {
                AddDaysToFirstResponse(first, 1);
            }

            if (complaint.DaysToResolution is { } resolved)
            {
                AddDaysToResolution(resolved, 1);
            }
        }

        /// <summary>Complaints of a category: every complaint is counted here once.</summary>
        public void AddCategory(string category, long count)
        {
            _count += count;
            Categories[category] = Categories.GetValueOrDefault(category) + count;
        }

        public void AddFirstResponse(bool? inTime, long count)
        {
            switch (inTime)
            {
                case true:
                    _due += count;
                    _inTime += count;
                    break;
                case false:
                    _due += count;
                    break;
                default:
                    _pending += count;
                    break;
            }
        }

        public void AddDaysToFirstResponse(int days, long count) => _toFirstResponse[days] = _toFirstResponse.GetValueOrDefault(days) + count;

        public void AddDaysToResolution(int days, long count) => _toResolution[days] = _toResolution.GetValueOrDefault(days) + count;

        public ComplaintFigures Figures(IEnumerable<(string Code, string Name)> categories) => new()
        {
            Count = _count,
            ByCategory = categories.ToDictionary(c => c.Code, c => Categories.GetValueOrDefault(c.Code), StringComparer.Ordinal),
            FirstResponseDue = _due,
            FirstResponseInTime = _inTime,
            FirstResponsePending = _pending,
            FirstResponded = _toFirstResponse.Values.Sum(),
            MedianWorkingDaysToFirstResponse = Median(_toFirstResponse),
            Resolved = _toResolution.Values.Sum(),
            MedianWorkingDaysToResolution = Median(_toResolution),
        };
    }
}

using AsnBot.Complaints;
using AsnBot.Data.Reports;
using Microsoft.Extensions.Options;

namespace AsnBot.Reports.Complaints;

/// <summary>
/// Counts and working-day medians of filed complaints for the IKM report. Reads every filed complaint
/// of the period once and keeps only counters and the day counts the medians need; no complaint is kept
/// or listed, so confidential ones add to the figures and appear nowhere else.
/// </summary>
public sealed class ComplaintFiguresBuilder(IComplaintReportStore store, IOptions<ComplaintOptions> options)
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
    /// The figures of every month (WIB) from <paramref name="firstMonth"/> on, and of those months together, in one
    /// pass over the complaints: the dashboard's monthly trend.
    /// </summary>
    public async Task<(ComplaintSection Together, IReadOnlyList<(DateOnly Month, ComplaintSection Figures)> Months)> BuildByMonthAsync(
        string? unit, DateOnly firstMonth, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var timing = new ComplaintTiming(options.Value);
        var period = new ComplaintPeriod(firstMonth, null);
        var all = new Tallies();
        var months = new SortedDictionary<DateOnly, Tallies>();
        await foreach (var complaint in store.ReadFigureColumnsAsync(Filter(unit, period), cancellationToken))
        {
            var timed = Timed.Of(complaint, timing, now);
            all.Add(complaint.UnitCode, timed);
            var day = WorkingDays.LocalDate(complaint.SubmittedAt);
            var month = new DateOnly(day.Year, day.Month, 1);
            if (!months.TryGetValue(month, out var tallies))
            {
                months[month] = tallies = new Tallies();
            }

            tallies.Add(complaint.UnitCode, timed);
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
    public static decimal? Median(IReadOnlyCollection<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }

    /// <summary>Per unit and for the city.</summary>
    private sealed class Tallies
    {
        public SortedDictionary<string, Tally> Units { get; } = new(StringComparer.Ordinal);

        public Tally City { get; } = new();

        public void Add(StoredComplaint complaint, ComplaintTiming timing, DateTimeOffset now) => Add(complaint.UnitCode, Timed.Of(complaint, timing, now));

        public void Add(string? unit, Timed complaint)
        {
            var code = unit ?? "-";
            if (!Units.TryGetValue(code, out var tally))
            {
                Units[code] = tally = new Tally();
            }

            tally.Add(complaint);
            City.Add(complaint);
        }
    }

    /// <summary>What the tallies count of one complaint, worked out once however many tallies it adds to.</summary>
    private readonly record struct Timed(string Category, bool? FirstResponseInTime, int? DaysToFirstResponse, int? DaysToResolution)
    {
        public static Timed Of(StoredComplaint complaint, ComplaintTiming timing, DateTimeOffset now) => new(
            complaint.CategoryCode ?? "-", timing.FirstResponseInTime(complaint, now), timing.DaysToFirstResponse(complaint), timing.DaysToResolution(complaint));
    }

    private sealed class Tally
    {
        private readonly List<int> _toFirstResponse = [];
        private readonly List<int> _toResolution = [];
        private long _count;
        private long _due;
        private long _inTime;
        private long _pending;

        public Dictionary<string, long> Categories { get; } = new(StringComparer.Ordinal);

        public void Add(Timed complaint)
        {
            _count++;
            Categories[complaint.Category] = Categories.GetValueOrDefault(complaint.Category) + 1;
            switch (complaint.FirstResponseInTime)
            {
                case true:
                    _due++;
                    _inTime++;
                    break;
                case false:
                    _due++;
                    break;
                default:
                    _pending++;
                    break;
            }

            if (complaint.DaysToFirstResponse is { } first)
            {
                _toFirstResponse.Add(first);
            }

            if (complaint.DaysToResolution is { } resolved)
            {
                _toResolution.Add(resolved);
            }
        }

        public ComplaintFigures Figures(IEnumerable<(string Code, string Name)> categories) => new()
        {
            Count = _count,
            ByCategory = categories.ToDictionary(c => c.Code, c => Categories.GetValueOrDefault(c.Code), StringComparer.Ordinal),
            FirstResponseDue = _due,
            FirstResponseInTime = _inTime,
            FirstResponsePending = _pending,
            FirstResponded = _toFirstResponse.Count,
            MedianWorkingDaysToFirstResponse = Median(_toFirstResponse),
            Resolved = _toResolution.Count,
            MedianWorkingDaysToResolution = Median(_toResolution),
        };
    }
}

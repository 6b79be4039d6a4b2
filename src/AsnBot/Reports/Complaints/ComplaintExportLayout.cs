using System.Globalization;
using AsnBot.Complaints;
using AsnBot.Data.Complaints;
using AsnBot.Data.Reports;
using AsnBot.Privacy;
using AsnBot.Survey;
using AsnBot.Texts;

namespace AsnBot.Reports.Complaints;

/// <summary>
/// Columns and values of the complaint export, and the one place that decides what of a complaint an
/// analyst may see: a reporter pseudonym only for identified complaints (anonymous and confidential ones
/// get an empty cell, so they link to nobody, not even to each other); no description and no event notes
/// for confidential complaints, nor the name they typed for a unit outside the list; never coordinates,
/// only whether there is a location.
/// </summary>
internal sealed class ComplaintExportLayout
{
    private readonly ComplaintOptions _complaints;
    private readonly Dictionary<string, ServiceUnit> _units;
    private readonly TextCatalog _texts;
    private readonly ComplaintTiming _timing;
    private readonly TimeZoneInfo _zone;
    private readonly bool _labels;

    public ComplaintExportLayout(ComplaintOptions complaints, IEnumerable<ServiceUnit> units, TextCatalog texts, TimeZoneInfo zone, bool labels)
    {
        _complaints = complaints;
        _units = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _texts = texts;
        _timing = new ComplaintTiming(complaints);
        _zone = zone;
        _labels = labels;
        Columns =
        [
            "tracking_no", "reporter", "category", .. LabelColumn("category"), "unit", .. LabelColumn("unit"), "unit_other", "status", .. LabelColumn("status"), "privacy",
            "submitted_at", "first_response_at", "resolved_at", "first_response_due", "working_days_to_first_response",
            "first_response_in_time", "working_days_to_resolution", "reopened", "duplicate_of", "photo_count", "has_location", "description",
        ];
        EventColumns = ["tracking_no", "at", "actor", "from_status", "to_status", "note"];
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string> EventColumns { get; }

    public object?[] Row(StoredComplaint complaint, Pseudonymizer pseudonyms, DateTimeOffset now)
    {
        var reporter = complaint.Privacy == ComplaintPrivacy.Identified && complaint.ResidentId is { } id ? pseudonyms.ForReporter(id) : null;
        var confidential = ComplaintTiming.IsConfidential(complaint);
        return
        [
            complaint.TrackingNo, reporter,
            complaint.CategoryCode, .. LabelValue(_complaints.Category(complaint.CategoryCode)?.NameId),
            complaint.UnitCode, .. LabelValue(complaint.UnitCode is { } unit ? _units.GetValueOrDefault(unit)?.Name : null),
            confidential ? null : complaint.UnitName,
            complaint.Status, .. LabelValue(_texts.Get(Language.Id, $"status.{complaint.Status}")),
            complaint.Privacy,
            Instant(complaint.SubmittedAt), Instant(complaint.FirstResponseAt), Instant(complaint.ResolvedAt),
            _timing.FirstResponseDue(complaint).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _timing.DaysToFirstResponse(complaint),
            _timing.FirstResponseInTime(complaint, now) switch { true => 1, false => 0, null => null },
            _timing.DaysToResolution(complaint),
            complaint.Reopened ? 1 : 0, complaint.DuplicateOf, complaint.PhotoCount, complaint.HasLocation ? 1 : 0,
            confidential ? null : complaint.Description,
        ];
    }

    public object?[] EventRow(StoredComplaintEvent e) =>
    [
        e.TrackingNo, Instant(e.At), e.Actor, e.FromStatus, e.ToStatus, e.Privacy == ComplaintPrivacy.Confidential ? null : e.Note,
    ];

    /// <summary>ISO 8601 with the offset of the configured zone, e.g. 2026-11-30T16:05:09+07:00.</summary>
    private string? Instant(DateTimeOffset? instant) => instant is { } at
        ? TimeZoneInfo.ConvertTime(at, _zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
        : null;

    private IEnumerable<string> LabelColumn(string column) => _labels ? [column + "_label"] : [];

    private IEnumerable<object?> LabelValue(string? label) => _labels ? [label] : [];
}

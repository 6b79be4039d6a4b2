using System.Globalization;
using System.Text;
using AsnBot.Data.Complaints;
using AsnBot.Survey;
using AsnBot.Texts;

namespace AsnBot.Complaints;

/// <summary>
/// The only place complaint text is composed. The admin view names the reporter only for identified
/// complaints; for anonymous ones it has no path to the resident id at all.
/// </summary>
public sealed class ComplaintViews(TextCatalog texts, ComplaintOptions options, SurveyOptions survey, ComplaintDeadlines deadlines)
{
    public ComplaintDeadlines Deadlines => deadlines;

    public string Status(Language language, string status) => texts.Get(language, $"status.{status}");

    public string Category(Language language, string? code) => options.Category(code)?.Name(language) ?? code ?? "—";

    /// <summary>The unit's configured name, or the name the reporter typed for a unit outside the list.</summary>
    public string Unit(Language language, ComplaintRow complaint) => complaint.UnitName is { } name
        ? texts.Format(language, "complaint.otherUnitNamed", name)
        : survey.Units.FirstOrDefault(u => u.Code == complaint.UnitCode)?.Name ?? complaint.UnitCode ?? "—";

    public static string Date(DateOnly day) => day.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant) => Date(WorkingDays.LocalDate(instant));

    /// <summary>
    /// What admins see of a complaint (group posts, /aduan): Indonesian. The reporter is named only for identified
    /// complaints, and for confidential ones outside the admin group (whose members need not be admins); the
    /// location is exact only for identified complaints. A likely duplicate that is confidential is not cited by
    /// number in the group.
    /// </summary>
    public string ForAdmin(ComplaintRow complaint, int photos, DateTimeOffset now, bool inGroup, bool duplicateConfidential)
    {
        const Language Id = Language.Id;
        var identified = complaint.Privacy == ComplaintPrivacy.Identified;
        var reporter = (complaint.Privacy, complaint.ResidentId) switch
        {
            (ComplaintPrivacy.Confidential, _) when inGroup => texts.Get(Id, "admin.reporterPrivateOnly"),
            (ComplaintPrivacy.Identified or ComplaintPrivacy.Confidential, { } residentId) => texts.Format(Id, "admin.reporterId", residentId),
            (ComplaintPrivacy.Identified or ComplaintPrivacy.Confidential, null) => texts.Get(Id, "admin.reporterErased"),
            _ => texts.Get(Id, "admin.reporterHidden"),
        };
        var text = new StringBuilder()
            .AppendLine(texts.Format(Id, "admin.header", complaint.TrackingNo, Status(Id, complaint.Status)))
            .AppendLine(texts.Format(Id, "admin.details", Category(Id, complaint.CategoryCode), Unit(Id, complaint), reporter, texts.Get(Id, $"privacy.{complaint.Privacy}")))
            .AppendLine(identified ? Evidence(Id, photos, complaint) : CoarseEvidence(photos, complaint));
        if (deadlines.Next(complaint) is { } deadline)
        {
            text.AppendLine(texts.Format(Id, "admin.deadline", Date(deadline), texts.Get(Id, $"deadline.{deadlines.State(complaint, now)}")));
        }

        if (complaint.DuplicateOf is { } duplicate)
        {
            text.AppendLine(inGroup && duplicateConfidential ? texts.Get(Id, "admin.duplicateConfidential") : texts.Format(Id, "admin.duplicate", duplicate));
        }

        return text.AppendLine().Append(complaint.Description).ToString();
    }

    /// <summary>"Lihat bukti (2 foto)", under an admin's private view of a complaint with photos.</summary>
    public string EvidenceButton(int photos) => texts.Format(Language.Id, "admin.evidenceButton", photos);

    /// <summary>One line per complaint for lists (/aduan and /status).</summary>
    public string Line(Language language, ComplaintRow complaint, DateTimeOffset now)
    {
        var line = $"{complaint.TrackingNo} · {Category(language, complaint.CategoryCode)} · {Unit(language, complaint)} · {Status(language, complaint.Status)}";
        return deadlines.Next(complaint) is { } deadline
            ? $"{line} · {Date(deadline)} ({texts.Get(language, $"deadline.{deadlines.State(complaint, now)}")})"
            : line;
    }

    /// <summary>The complaint as its reporter sees it, with its timeline (admin identities are not shown).</summary>
    public string ForResident(Language language, ComplaintRow complaint, IReadOnlyList<ComplaintEventRow> events, int photos)
    {
        var text = new StringBuilder()
            .AppendLine(texts.Format(language, "complaint.detail", complaint.TrackingNo, Status(language, complaint.Status)))
            .AppendLine(texts.Format(language, "complaint.detailFields", Category(language, complaint.CategoryCode), Unit(language, complaint), texts.Get(language, $"privacy.{complaint.Privacy}")))
            .AppendLine(Evidence(language, photos, complaint))
            .AppendLine()
            .AppendLine(complaint.Description)
            .AppendLine()
            .AppendLine(texts.Get(language, "complaint.timeline"));
        foreach (var e in events)
        {
            var note = e.Note is null ? string.Empty : $": {e.Note}";
            text.AppendLine(CultureInfo.InvariantCulture, $"• {Date(e.At)} {Status(language, e.ToStatus)}{note}");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// The location snapped to the 0.01° grid (about 1.1 km: a neighbourhood, not a house), for complaints
    /// whose reporter must not be findable through the phone's GPS position.
    /// </summary>
    private string CoarseEvidence(int photos, ComplaintRow complaint)
    {
        var location = complaint.Latitude is { } lat && complaint.Longitude is { } lon
            ? texts.Format(Language.Id, "admin.coarseLocation", string.Create(CultureInfo.InvariantCulture, $"{Snap(lat):0.00}, {Snap(lon):0.00}"))
            : "—";
        return texts.Format(Language.Id, "complaint.evidenceLine", photos, location);
    }

    private static double Snap(double degrees) => Math.Round(degrees, 2, MidpointRounding.AwayFromZero);

    private string Evidence(Language language, int photos, ComplaintRow complaint)
    {
        var location = complaint.Latitude is { } lat && complaint.Longitude is { } lon
            ? string.Create(CultureInfo.InvariantCulture, $"{lat:0.#####}, {lon:0.#####}")
            : "—";
        return texts.Format(language, "complaint.evidenceLine", photos, location);
    }
}

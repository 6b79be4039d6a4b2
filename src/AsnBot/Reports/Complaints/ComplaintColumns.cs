namespace AsnBot.Reports.Complaints;

/// <summary>The complaint figures as extra columns of the IKM table (CSV and XLSX): a unit's row carries its own complaints.</summary>
internal static class ComplaintColumns
{
    public static IEnumerable<string> Header(ComplaintSection? section) => section is null
        ? []
        :
        [
            "complaints",
            .. section.Categories.Select(c => $"complaints_{c.Code}"),
            "complaints_first_response_due", "complaints_first_response_in_time", "complaints_first_response_in_time_pct",
            "complaints_first_response_pending", "complaints_first_responded", "complaints_median_working_days_to_first_response",
            "complaints_resolved", "complaints_median_working_days_to_resolution", "complaint_period", "complaint_convention",
        ];

    public static IEnumerable<object?> Row(ComplaintSection? section, ComplaintFigures? figures)
    {
        if (section is null)
        {
            return [];
        }

        var f = figures ?? section.Empty();
        return
        [
            f.Count,
            .. section.Categories.Select(c => (object?)f.ByCategory.GetValueOrDefault(c.Code)),
            f.FirstResponseDue, f.FirstResponseInTime, Round(f.FirstResponseInTimePercent),
            f.FirstResponsePending, f.FirstResponded, f.MedianWorkingDaysToFirstResponse,
            f.Resolved, f.MedianWorkingDaysToResolution, section.Period.Describe(), section.Convention,
        ];
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}

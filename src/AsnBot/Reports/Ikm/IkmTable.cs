using AsnBot.Reports.Complaints;

namespace AsnBot.Reports.Ikm;

/// <summary>The report as one table (a row per unit, then the city) for CSV and XLSX: numbers stay numbers.</summary>
internal static class IkmTable
{
    public const string Convention = "bobot 1/9 persis; IKM = nilai SKM x 25; dibulatkan 2 desimal hanya untuk tampilan";

    public static IReadOnlyList<string> Header(IkmReport report)
    {
        var elements = (report.City ?? report.Units[0]).Elements;
        return
        [
            "scope", "unit", "unit_name", "respondents", "below_minimum_respondents", "service_users", "minimum_sample", "sample_reached",
            .. elements.Select(e => $"{e.Code}_answered"),
            .. elements.Select(e => $"{e.Code}_nrr"),
            .. elements.Select(e => $"{e.Code}_nrr_weighted"),
            "skm_value", "ikm", "mutu", "kinerja", "lowest_elements", "ikm_if_weight_0_111", "convention",
            .. ComplaintColumns.Header(report.Complaints),
        ];
    }

    public static IEnumerable<object?[]> Rows(IkmReport report)
    {
        foreach (var unit in report.Units)
        {
            yield return [.. Row("unit", unit, Convention), .. ComplaintColumns.Row(report.Complaints, report.Complaints?.For(unit.Code))];
        }

        if (report.City is { } city)
        {
            yield return
            [
                .. Row("kota", city, Convention + "; kota: semua jawaban responden digabung, bukan rata-rata IKM unit"),
                .. ComplaintColumns.Row(report.Complaints, report.Complaints?.City),
            ];
        }
    }

    private static object?[] Row(string scope, UnitResult unit, string convention) =>
    [
        scope, unit.Code, unit.Name, unit.Respondents, unit.BelowMinimumRespondents ? "ya" : "tidak",
        unit.Sample.ServiceUsers, unit.Sample.MinimumSample, unit.Sample.Reached switch { true => "ya", false => "tidak", null => "tidak diketahui" },
        .. unit.Elements.Select(e => (object?)e.Answered),
        .. unit.Elements.Select(e => (object?)Round(e.Nrr, 4)),
        .. unit.Elements.Select(e => (object?)Round(e.WeightedNrr, 4)),
        Round(unit.Score?.SkmValue, 4), Round(unit.Score?.Ikm, 2), unit.Score?.Mutu.Grade, unit.Score?.Mutu.Kinerja,
        string.Join(" ", unit.Lowest.Select(e => e.Code)), Round(unit.Score?.IkmWithPublishedWeight, 2), convention,
    ];

    private static decimal? Round(decimal? value, int decimals) =>
        value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;
}

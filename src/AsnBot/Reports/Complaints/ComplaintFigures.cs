using System.Globalization;

namespace AsnBot.Reports.Complaints;

/// <summary>
/// Which complaints the figures cover: filed (submitted_at) on calendar days From…To in WIB, both
/// inclusive; an open end means no bound. Complaints belong to no round, so the round does not set the period.
/// </summary>
public sealed record ComplaintPeriod(DateOnly? From, DateOnly? To)
{
    public static readonly ComplaintPeriod All = new(null, null);

    /// <summary>The period in words (Indonesian), for the report.</summary>
    public string Describe() => (From, To) switch
    {
        (null, null) => "semua pengaduan yang pernah diajukan (tanpa --from/--to)",
        ({ } from, null) => $"diajukan sejak {Day(from)} (WIB)",
        (null, { } to) => $"diajukan sampai {Day(to)} (WIB)",
        ({ } from, { } to) => $"diajukan {Day(from)} s.d. {Day(to)} (WIB)",
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Complaint figures of one unit, or of the city (every unit).</summary>
public sealed record ComplaintFigures
{
    /// <summary>Filed complaints of every privacy, confidential ones included.</summary>
    public required long Count { get; init; }

    /// <summary>Category code → filed complaints, for every category of the section (zeros included).</summary>
    public required IReadOnlyDictionary<string, long> ByCategory { get; init; }

    /// <summary>Complaints that can be judged: answered, or unanswered past the due day.</summary>
    public required long FirstResponseDue { get; init; }

    public required long FirstResponseInTime { get; init; }

    /// <summary>Unanswered and still within the deadline: left out of the share.</summary>
    public required long FirstResponsePending { get; init; }

    /// <summary><see cref="FirstResponseInTime"/> ÷ <see cref="FirstResponseDue"/> × 100; null when none is due.</summary>
    public decimal? FirstResponseInTimePercent => FirstResponseDue == 0 ? null : FirstResponseInTime * 100m / FirstResponseDue;

    public required long FirstResponded { get; init; }

    /// <summary>Median working days to the first response, over <see cref="FirstResponded"/> complaints.</summary>
    public decimal? MedianWorkingDaysToFirstResponse { get; init; }

    public required long Resolved { get; init; }

    /// <summary>Median working days to resolution, over <see cref="Resolved"/> (resolved or closed) complaints.</summary>
    public decimal? MedianWorkingDaysToResolution { get; init; }
}

/// <summary>The complaint part of the IKM report: per unit and for the city, same unit filter as the survey figures.</summary>
public sealed record ComplaintSection
{
    public required ComplaintPeriod Period { get; init; }

    public required int FirstResponseWithinWorkingDays { get; init; }

    /// <summary>Configured categories (code, Indonesian name), then any stored code no longer configured.</summary>
    public required IReadOnlyList<(string Code, string Name)> Categories { get; init; }

    /// <summary>Unit code → figures, only units with at least one complaint.</summary>
    public required IReadOnlyDictionary<string, ComplaintFigures> Units { get; init; }

    /// <summary>Every unit together; null when the report is for one unit.</summary>
    public ComplaintFigures? City { get; init; }

    /// <summary>Figures of a unit, zeros when it had no complaint.</summary>
    public ComplaintFigures For(string unitCode) => Units.GetValueOrDefault(unitCode) ?? Empty();

    public ComplaintFigures Empty() => new()
    {
        Count = 0,
        ByCategory = Categories.ToDictionary(c => c.Code, _ => 0L, StringComparer.Ordinal),
        FirstResponseDue = 0,
        FirstResponseInTime = 0,
        FirstResponsePending = 0,
        FirstResponded = 0,
        Resolved = 0,
    };

    /// <summary>How the figures are computed, in one line (Indonesian).</summary>
    public string Convention =>
        $"hari kerja = Senin-Jumat di luar libur Complaints:Holidays, dihitung dari hari setelah hari pengajuan sampai hari kejadian (WIB); "
        + $"tanggapan pertama tepat waktu bila paling lambat {FirstResponseWithinWorkingDays} hari kerja setelah pengajuan; "
        + "persentase dari pengaduan yang sudah ditanggapi atau sudah lewat batas; median penyelesaian hanya pengaduan berstatus selesai/ditutup; "
        + "pengaduan rahasia ikut dihitung, tidak pernah dicantumkan satu per satu";
}

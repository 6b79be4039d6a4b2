using AsnBot.Complaints;
using AsnBot.Rounds;
using AsnBot.Survey;

namespace AsnBot.Tests.Support;

/// <summary>A small unit list for tests: enough units for two pages, one unit with services.</summary>
public static class TestUnits
{
    public const string Round = "2026-TEST";
    public const long AdminId = 900;
    public const long AdminGroup = -100_900;

    public static ComplaintOptions Complaints() => new()
    {
        Holidays = [new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)],
        EvidenceFolder = Path.Combine(Path.GetTempPath(), "asnbot-test-evidence"),
        Categories =
        [
            new ComplaintCategory { Code = "PUNGLI", NameId = "Pungutan liar", NameEn = "Illegal fees" },
            new ComplaintCategory { Code = "LAMBAT", NameId = "Pelayanan lambat", NameEn = "Slow service" },
            new ComplaintCategory { Code = "LAINNYA", NameId = "Lainnya", NameEn = "Other" },
        ],
    };

    /// <summary>The round tests answer in: open from 1 November 2026 to 31 December 2026 (WIB), every test unit.</summary>
    public static RoundRequest OpenRound(SurveyOptions options) =>
        new(Round, "Semester II 2026", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), [.. options.Units.Select(u => u.Code)]);

    public static SurveyOptions Options(int unitsPerPage = 3, TimeSpan? resumeAfter = null) => new()
    {
        UnitsPerPage = unitsPerPage,
        ResumePromptAfter = resumeAfter ?? TimeSpan.FromHours(1),
        Units =
        [
            new ServiceUnit
            {
                Code = "DISDUK",
                Name = "Disdukcapil",
                Services = [new UnitService { Code = "KTP", Name = "KTP elektronik" }, new UnitService { Code = "KK", Name = "Kartu Keluarga" }],
            },
            new ServiceUnit { Code = "RSUD", Name = "RSUD Dr. Tengku Mansyur" },
            new ServiceUnit { Code = "PKM", Name = "Puskesmas Datuk Bandar" },
            new ServiceUnit { Code = "SAMSAT", Name = "UPT Samsat" },
        ],
    };
}

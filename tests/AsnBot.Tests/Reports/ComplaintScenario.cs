using AsnBot.Complaints;
using AsnBot.Reports.Complaints;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Reports;

/// <summary>
/// Hand-made complaints filed and handled through the real engine on the fake clock (times in WIB,
/// holidays 25 Dec 2026 and 1 Jan 2027 from <see cref="TestUnits.Complaints"/>). Each entry of
/// <see cref="Facts"/> is what the script below did, written out for the tests to compute from.
/// </summary>
internal sealed class ComplaintScenario
{
    // Long, distinctive Telegram ids: a byte search finds any that leaks.
    public const long Ani = 7_401_234_001;   // identified, also answered the survey; 2 photos and a location
    public const long Budi = 7_402_345_002;  // anonymous
    public const long Citra = 7_403_456_003; // confidential (rahasia)
    public const long Dewi = 7_404_567_004;  // identified, filed on a Saturday, never answered
    public const long Eko = 7_405_678_005;   // identified, description starts with '=', not yet due
    public const long Fajar = 7_406_789_006; // anonymous, filed before the period
    public const long Gita = 7_407_890_007;  // an unfinished draft only

    public const string FormulaDescription = "=HYPERLINK(\"http://contoh.invalid\",\"lihat bukti\") loket dua";
    public const string ConfidentialNote = "Uang Rp50.000 sudah dikembalikan oleh kepala loket.";

    public static readonly ComplaintPeriod Period = new(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 8));

    public static readonly DateTimeOffset ReportTime = Wib(2027, 1, 8, 10, 0);

    public Dictionary<long, string> Numbers { get; } = [];

    /// <summary>The complaints inside <see cref="Period"/>, as the script handled them.</summary>
    public static readonly Fact[] Facts =
    [
        new(Ani, "DISDUK", "PUNGLI", Wib(2026, 12, 21, 10, 0), Wib(2026, 12, 23, 10, 0), Wib(2026, 12, 29, 10, 0)),
        new(Budi, "DISDUK", "LAMBAT", Wib(2026, 12, 18, 15, 0), Wib(2026, 12, 28, 10, 0), null),
        new(Citra, "RSUD", "PUNGLI", Wib(2026, 12, 23, 9, 0), Wib(2027, 1, 4, 9, 0), Wib(2027, 1, 4, 10, 0)),
        new(Dewi, "RSUD", "LAMBAT", Wib(2026, 12, 26, 10, 0), null, null),
        new(Eko, "DISDUK", "PUNGLI", Wib(2027, 1, 7, 10, 0), null, null),
    ];

    public static DateTimeOffset Wib(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, WorkingDays.Wib);

    public static async Task<ComplaintScenario> BuildAsync(BotHarness bot)
    {
        var scenario = new ComplaintScenario();
        var admin = bot.AdminInGroup();

        Task<TestResident> Consented(long id) => bot.Resident(id).Consent();

        void At(DateTimeOffset instant) => bot.Clock.SetUtcNow(instant);

        // 30 Nov 2026 (the harness's start, 16:00 WIB): Ani answers the survey; Fajar files before the period.
        var ani = bot.Resident(Ani);
        await ani.CompleteSurvey("Disdukcapil", score: 4);
        scenario.Numbers[Fajar] = await (await Consented(Fajar)).FileComplaint("Pungutan liar", "Disdukcapil", "Anonim");

        At(Wib(2026, 12, 18, 15, 0)); // Friday
        scenario.Numbers[Budi] = await (await Consented(Budi)).FileComplaint("Pelayanan lambat", "Disdukcapil", "Anonim");

        At(Wib(2026, 12, 21, 10, 0)); // Monday
        scenario.Numbers[Ani] = await ani.FileComplaint("Pungutan liar", "Disdukcapil", "Teridentifikasi", photos: 2, location: true);
        At(Wib(2026, 12, 21, 11, 0));
        await admin.Press(scenario.Numbers[Budi], "Verifikasi"); // verifying is not a response

        At(Wib(2026, 12, 22, 10, 0));
        await admin.Press(scenario.Numbers[Ani], "Verifikasi");

        At(Wib(2026, 12, 23, 9, 0)); // Wednesday before Christmas
        scenario.Numbers[Citra] = await (await Consented(Citra)).FileComplaint("Pungutan liar", "RSUD Dr. Tengku Mansyur", "Rahasia");
        At(Wib(2026, 12, 23, 9, 30));
        await admin.Press(scenario.Numbers[Citra], "Verifikasi");
        At(Wib(2026, 12, 23, 10, 0));
        await admin.Press(scenario.Numbers[Ani], "Proses"); // Ani's first response: 2 working days

        At(Wib(2026, 12, 26, 10, 0)); // Saturday
        scenario.Numbers[Dewi] = await (await Consented(Dewi)).FileComplaint("Pelayanan lambat", "RSUD Dr. Tengku Mansyur", "Teridentifikasi");

        At(Wib(2026, 12, 28, 10, 0)); // Budi's first response, an answer: 5 working days, the last day in time
        await admin.Reply(admin.Post(scenario.Numbers[Budi]).Id, "Kami sedang memeriksa antrean loket.");

        At(Wib(2026, 12, 29, 10, 0));
        await admin.Press(scenario.Numbers[Ani], "Selesai"); // resolved after 5 working days (Christmas skipped)

        At(Wib(2027, 1, 4, 9, 0)); // Citra's first response after 6 working days (New Year skipped): late
        await admin.Reply(admin.Post(scenario.Numbers[Citra]).Id, ConfidentialNote);
        At(Wib(2027, 1, 4, 10, 0));
        await admin.Press(scenario.Numbers[Citra], "Selesai");

        At(Wib(2027, 1, 7, 10, 0));
        scenario.Numbers[Eko] = await (await Consented(Eko)).FileComplaint(privacy: "Teridentifikasi", description: FormulaDescription);
        var gita = await Consented(Gita);
        await gita.Command("lapor");
        await gita.Press("Lainnya"); // left as a draft

        At(ReportTime);
        return scenario;
    }

    /// <summary>One complaint as the script handled it: when it was filed, first answered and resolved.</summary>
    public sealed record Fact(long Reporter, string Unit, string Category, DateTimeOffset Submitted, DateTimeOffset? FirstResponse, DateTimeOffset? Resolved);
}

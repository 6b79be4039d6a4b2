namespace AsnBot.Bench.Scenarios;

/// <summary>Every scenario of issue 6, in the order the table prints them.</summary>
public static class Scenarios
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new SurveyThroughputScenario(),
        new SurveyOfferedLoadScenario(),

        // Scenario 2: a broadcast to 10 000 residents against the emulator with EmulatorOptions.GlobalRatePerSecond
        // set (scaled up); report achieved ÷ allowed rate and emulator.TooManyRequestsCount. Target ≥ 0.95, zero 429s.
        new NotYetScenario("broadcast", "broadcast to 10 000 residents: achieved ÷ allowed rate, 429 count", "broadcasts are not built"),

        // Scenarios 3 and 4: fill a database with Support.SyntheticResponses.Insert (100 k and 1 M answer rows),
        // then time the export / IKM code of src/AsnBot/Reports and sample peak working set.
        new NotYetScenario("export", "1 M answer rows to CSV and XLSX: rows/s, peak working set (100 k and 1 M)", "exports are being built (src/AsnBot/Reports)"),
        new NotYetScenario("ikm", "IKM report over the export data: seconds", "the IKM report is being built (src/AsnBot/Reports)"),
        new FootprintScenario(),
    ];
}

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

        new ExportScenario(),
        new IkmScenario(),
        new FootprintScenario(),
    ];
}

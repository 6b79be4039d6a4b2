namespace AsnBot.Bench.Scenarios;

/// <summary>Every scenario of issue 6, in the order the table prints them.</summary>
public static class Scenarios
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new SurveyThroughputScenario(),
        new SurveyOfferedLoadScenario(),
        new BroadcastScenario(),

        new ExportScenario(),
        new IkmScenario(),
        new FootprintScenario(),
        new FlowMachineScenario(),
        new DashboardScenario(),
    ];
}

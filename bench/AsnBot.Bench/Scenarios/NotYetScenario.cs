namespace AsnBot.Bench.Scenarios;

/// <summary>
/// A scenario from issue 6 whose feature is not built yet: listed in the table so the gap is visible.
/// Replace it in <see cref="Scenarios.All"/> with the real scenario once the feature exists.
/// </summary>
public sealed class NotYetScenario(string name, string description, string missing) : IScenario
{
    public string Name => name;

    public string Description => description;

    public string? Unavailable => "not available yet: " + missing;

    public Task<IReadOnlyList<Measurement>> RunOnceAsync(BenchSettings settings, CancellationToken cancellationToken) =>
        throw new NotSupportedException(Unavailable);
}

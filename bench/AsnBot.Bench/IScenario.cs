using AsnBot.Bench.Support;

namespace AsnBot.Bench;

/// <summary>
/// One benchmark scenario. The runner calls <see cref="RunOnceAsync"/> once per run and prints the
/// median and spread of every metric over the runs. A scenario whose feature does not exist yet sets
/// <see cref="Unavailable"/> and is listed without running.
/// </summary>
public interface IScenario
{
    /// <summary>Short name used with <c>--scenario</c>, e.g. "survey-throughput".</summary>
    string Name { get; }

    /// <summary>One line saying what is measured and under which settings.</summary>
    string Description { get; }

    /// <summary>Why the scenario cannot run yet, or null when it can.</summary>
    string? Unavailable { get; }

    Task<IReadOnlyList<Measurement>> RunOnceAsync(BenchSettings settings, CancellationToken cancellationToken);
}

/// <summary>One figure from one run.</summary>
/// <param name="Metric">What was measured, e.g. "updates/s".</param>
/// <param name="Value">The figure.</param>
/// <param name="Unit">Unit printed after the figure.</param>
/// <param name="Target">The target from issue 6, if any; checked against the median.</param>
public sealed record Measurement(string Metric, double Value, string Unit, Target? Target = null);

/// <summary>A target from issue 6: at least or at most <see cref="Limit"/>.</summary>
public sealed record Target(double Limit, bool AtLeast)
{
    public static Target Min(double limit) => new(limit, AtLeast: true);

    public static Target Max(double limit) => new(limit, AtLeast: false);

    public bool IsMet(double value) => AtLeast ? value >= Limit : value <= Limit;

    public override string ToString() =>
        (AtLeast ? "≥ " : "≤ ") + Limit.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Command-line settings shared by all scenarios.</summary>
/// <param name="Runs">Runs per scenario.</param>
/// <param name="Residents">
/// Simulated residents: the survey-throughput scenario runs once per count, the broadcast scenario uses the first;
/// null = each scenario's default.
/// </param>
/// <param name="Detail">Print per-step figures to stderr (for profiling).</param>
/// <param name="InProcess">Host the bot inside the benchmark process instead of starting asnbot.dll.</param>
/// <param name="Deployment">The survey-throughput bot's database and instance count (--provider, --instances).</param>
public sealed record BenchSettings(int Runs, IReadOnlyList<int>? Residents, bool Detail = false, bool InProcess = false, Deployment? Deployment = null);

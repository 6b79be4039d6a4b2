using System.Diagnostics;
using AsnBot.Data;
using AsnBot.Data.Sessions;
using AsnBot.Engine;
using AsnBot.Survey;
using AsnBot.Texts;
using Microsoft.Data.Sqlite;
using Stateless;

namespace AsnBot.Bench.Scenarios;

/// <summary>
/// The survey's Stateless machine, per use by an update: built and configured afresh (what every survey update
/// did, once for the typed-text check and once for the step) against lent from the one machine configured for
/// the process. In process, one thread; each use asks whether the review's "Kirim" may fire for a session.
/// </summary>
public sealed class FlowMachineScenario : IScenario
{
    private const int Uses = 20_000;

    public string Name => "flow-machine";

    public string Description => $"survey machine per use ({Uses:N0} uses, in process): configured afresh vs lent from the configured one; µs and bytes allocated per use";

    public string? Unavailable => null;

    public Task<IReadOnlyList<Measurement>> RunOnceAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("asnbot-bench-flow-").FullName;
        try
        {
            var database = new Database(Path.Combine(folder, "flow.db"));
            database.Migrate();
            using var work = database.Begin();
            var inbound = new Inbound { ChatId = 1, UserId = 1, Kind = InboundKind.Text, Text = "x" };
            var turn = new Turn(work, inbound, DateTimeOffset.UtcNow, TextCatalog.LoadBuiltIn(), Language.Id);
            var session = new SessionRow { ChatId = 1, UserId = 1, State = nameof(SurveyState.Review), QuestionCode = "SARAN" };
            var flow = new SurveyFlow(new SurveyContext(turn, session, SurveyLoader.LoadBuiltIn(), new SurveyOptions { Units = [] }));

            var (afreshMicros, afreshBytes) = Measure(() =>
            {
                // As each update built its machine before: over the session row, with the same rules and unhandled-input hook.
                var machine = new StateMachine<SurveyState, SurveyTrigger>(() => flow.State, s => flow.State = s);
                machine.OnUnhandledTrigger((_, _) => { });
                SurveyMachine.Configure(machine, () => flow);
                return machine.CanFire(SurveyTrigger.Submit);
            });
            var (lentMicros, lentBytes) = Measure(() => SurveyMachine.Instance.CanFire(flow, SurveyTrigger.Submit));
            return Task.FromResult<IReadOnlyList<Measurement>>(
            [
                new("configured afresh per use", afreshMicros, "µs"),
                new("configured afresh: allocated per use", afreshBytes / 1024.0, "KB"),
                new("lent configured machine per use", lentMicros, "µs"),
                new("lent: allocated per use", lentBytes, "B"),
            ]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Microseconds and bytes per use, after a warm-up of the same length.</summary>
    private static (double Micros, double Bytes) Measure(Func<bool> use)
    {
        for (var i = 0; i < Uses; i++)
        {
            if (!use())
            {
                throw new InvalidOperationException("The review's Kirim should fire.");
            }
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Uses; i++)
        {
            use();
        }

        var elapsed = clock.Elapsed;
        return (elapsed.TotalMicroseconds / Uses, (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)Uses);
    }
}

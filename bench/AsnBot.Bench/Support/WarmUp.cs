namespace AsnBot.Bench.Support;

/// <summary>
/// Residents who complete the survey before measuring, unmeasured: a fresh bot process runs its first
/// updates in unoptimised (tier-0) code, and a benchmark of the steady state should not count that.
/// </summary>
public static class WarmUp
{
    public const int Residents = 100;

    public static Task RunAsync(BotOnEmulator bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        return Task.WhenAll(Enumerable.Range(0, Residents).Select(i => Task.Run(
            async () =>
            {
                var resident = bot.Emulator.Resident(900_000 + i);
                foreach (var move in SurveyWalk.Steps(i))
                {
                    await SurveyWalk.RunAsync(resident, move, TimeSpan.FromSeconds(60));
                }
            },
            cancellationToken)));
    }
}

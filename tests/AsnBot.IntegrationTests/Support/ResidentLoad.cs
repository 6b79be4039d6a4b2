using AsnBot.BotApiEmulator;

namespace AsnBot.IntegrationTests.Support;

/// <summary>
/// Residents acting at once, as the crash tests load the bot: some complete the survey (alternating two Puskesmas,
/// random scores), others consent and file an anonymous complaint.
/// </summary>
/// <param name="Plans">The survey residents' scores, U1 to U9, in resident order.</param>
/// <param name="Work">Completes when every resident is done; faults when one gave up waiting.</param>
internal sealed record ResidentLoad(List<int[]> Plans, Task Work)
{
    public static ResidentLoad Start(
        BotApiEmulator.BotApiEmulator emulator, Random random, (int Count, long FirstId) surveys, (int Count, long FirstId) complaints)
    {
        var plans = Enumerable.Range(0, surveys.Count).Select(_ => Enumerable.Range(0, 9).Select(_ => random.Next(1, 5)).ToArray()).ToList();
        var work = Task.WhenAll([
            .. plans.Select((scores, i) => Task.Run(() => SurveyScript.CompleteAsync(
                emulator.Resident(surveys.FirstId + i), scores, null, i % 2 == 0 ? "Puskesmas Datuk Bandar" : "Puskesmas Teluk Nibung"))),
            .. Enumerable.Range(0, complaints.Count).Select(i => Task.Run(() => ComplaintScript.ConsentAndFileAsync(emulator, complaints.FirstId + i, "Anonim"))),
        ]);
        return new ResidentLoad(plans, work);
    }
}

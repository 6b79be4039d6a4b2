using AsnBot.Data;
using AsnBot.IntegrationTests.Support;
using AsnBot.Tests.Support;
using Dapper;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Hosting;

/// <summary>The bot process killed without warning mid-survey: nothing lost, nothing counted twice.</summary>
public sealed class CrashTests
{
    private static readonly int[] Scores = [1, 2, 3, 4, 1, 2, 3, 4, 1];

    [Fact]
    public async Task KilledMidSurvey_TheResidentFinishesAfterTheRestart_WithEveryAnswerOnce()
    {
        await using var emulator = await Emulator.StartAsync();
        var folder = Directory.CreateTempSubdirectory("asnbot-crash-").FullName;
        var storage = TestStorage.In(folder);
        try
        {
            var resident = emulator.Resident(90_001);
            using (var bot = await BotProcess.StartAsync(emulator, storage))
            {
                await SurveyScript.ToFirstElementAsync(resident);
                var elements = SurveyScript.Elements.ToList();
                for (var i = 0; i < 5; i++)
                {
                    await resident.WaitForText($"Pertanyaan {i + 1} dari 9");
                    await resident.Press(SurveyScript.Label(elements[i], Scores[i]));
                }

                // The sixth answer is pressed and the process dies at once, replied to or not.
                await resident.WaitForText("Pertanyaan 6 dari 9");
                await resident.Press(SurveyScript.Label(elements[5], Scores[5]));
                bot.Kill();
            }

            var database = storage.Database;
            using (await BotProcess.StartAsync(emulator, storage))
            {
                await SurveyScript.AnswerElementsAsync(resident, Scores, from: 7);
                await SurveyScript.SuggestAndSubmitAsync(resident, suggestion: null);

                // Every reply was delivered: the outbox drains.
                await Eventually.True(() => database.Count("SELECT COUNT(*) FROM outbox") == 0);
            }

            using var connection = database.Open();
            var answers = connection.Query<(string Code, string Answer)>(
                "SELECT question_code, answer_code FROM answer a JOIN response r ON r.id = a.response_id WHERE r.status = 'submitted' ORDER BY question_code").ToList();
            Assert.Equal(Scores.Select((s, i) => ($"U{i + 1}", s.ToString(System.Globalization.CultureInfo.InvariantCulture))), answers);
            Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM response"));
        }
        finally
        {
            storage.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }
}

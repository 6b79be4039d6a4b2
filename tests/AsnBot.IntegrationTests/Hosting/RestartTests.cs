using AsnBot.IntegrationTests.Support;
using Dapper;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Hosting;

/// <summary>Stopping the bot at awkward moments loses no answer and no reply, and counts nothing twice.</summary>
public sealed class RestartTests
{
    private static readonly int[] Scores = [4, 3, 2, 1, 4, 3, 2, 1, 4];

    [Fact]
    public async Task RestartMidSurvey_TheResidentFinishesOnTheSameMessage_WithNoLostOrDuplicateAnswers()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(30_001);
        await SurveyScript.ToFirstElementAsync(resident);
        var elements = SurveyScript.Elements.ToList();
        for (var i = 0; i < 4; i++)
        {
            await resident.WaitForText($"Pertanyaan {i + 1} dari 9");
            await resident.Press(SurveyScript.Label(elements[i], Scores[i]));
        }

        await resident.WaitForText("Pertanyaan 5 dari 9");
        await bot.StopAsync();
        await bot.StartAgainAsync();

        await SurveyScript.AnswerElementsAsync(resident, Scores, from: 5);
        await SurveyScript.SuggestAndSubmitAsync(resident, suggestion: null);

        using var connection = bot.Database.Open();
        var answers = connection.Query<(string Code, string Answer)>(
            "SELECT question_code, answer_code FROM answer a JOIN response r ON r.id = a.response_id WHERE r.status = 'submitted'").ToList();
        Assert.Equal(9, answers.Count);
        Assert.Equal(Scores.Select((s, i) => ($"U{i + 1}", s.ToString(System.Globalization.CultureInfo.InvariantCulture))), answers.OrderBy(a => a.Code));
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM response"));
    }

    [Fact]
    public async Task ComingBackAfterTheRestart_IsToldWhereTheSurveyStopped()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator, new Dictionary<string, string?> { ["Survey:ResumePromptAfter"] = "00:00:01" });
        var resident = emulator.Resident(30_002);
        await SurveyScript.ToFirstElementAsync(resident);
        await bot.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await bot.StartAgainAsync();

        await resident.SendText("halo, saya kembali");

        await resident.WaitForText("Lanjutkan survei?");
        Assert.Contains("Pertanyaan 1 dari 9", resident.LastMessage.Text, StringComparison.Ordinal);
        await resident.Press("Lanjutkan");
        await resident.WaitForText("Pertanyaan 1 dari 9");
    }

    [Fact]
    public async Task StopBetweenCommitAndReply_TheReplyIsSentAfterTheRestart_AndTheAnswerCountsOnce()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(30_003);
        await SurveyScript.ToFirstElementAsync(resident);

        // Telegram refuses every send: the answer commits, its reply stays in the outbox.
        emulator.FailNext(1_000, 502, "Bad Gateway");
        await resident.Press(SurveyScript.Label(SurveyScript.Elements.First(), 4));
        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM answer") == 1 && bot.Database.Count("SELECT COUNT(*) FROM outbox") > 0);
        await bot.StopAsync();
        emulator.ClearFaults();

        await bot.StartAgainAsync();

        await resident.WaitForText("Pertanyaan 2 dari 9", TimeSpan.FromSeconds(20));
        Assert.Equal(1, bot.Database.Count("SELECT COUNT(*) FROM answer"));
        await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM outbox") == 0);
    }

    [Fact]
    public async Task UpdateDeliveredTwice_HasOneEffect()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(30_004);
        await SurveyScript.ToFirstElementAsync(resident);
        var press = await resident.Press(SurveyScript.Label(SurveyScript.Elements.First(), 2));
        await resident.WaitForText("Pertanyaan 2 dari 9");
        var callsBefore = emulator.Calls.Count(c => c.Method is "editMessageText" or "sendMessage");

        emulator.Redeliver(press);
        await resident.SendText("/datasaya");
        await resident.WaitForText("Data Anda yang tersimpan");

        Assert.Equal(1, bot.Database.Count("SELECT COUNT(*) FROM answer"));
        Assert.Equal(callsBefore + 1, emulator.Calls.Count(c => c.Method is "editMessageText" or "sendMessage"));
        Assert.StartsWith("Pertanyaan 2 dari 9", resident.Messages.Single(m => m.Text.StartsWith("Pertanyaan", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
    }
}

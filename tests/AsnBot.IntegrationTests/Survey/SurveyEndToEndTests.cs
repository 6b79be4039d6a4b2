using AsnBot.IntegrationTests.Support;
using Dapper;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Survey;

public sealed class SurveyEndToEndTests
{
    [Fact]
    public async Task SeveralResidentsAtOnce_CompleteTheSurvey_AndTheStoredAnswersMatchExactly()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var plans = Enumerable.Range(0, 8)
            .Select(i => (UserId: 20_000L + i, Scores: Enumerable.Range(0, 9).Select(e => ((i + e) % 4) + 1).ToArray(), Suggestion: i % 2 == 0 ? $"Saran nomor {i}" : null))
            .ToList();

        await Task.WhenAll(plans.Select(async plan =>
        {
            var resident = emulator.Resident(plan.UserId);
            await SurveyScript.CompleteAsync(resident, plan.Scores, plan.Suggestion, plan.UserId % 2 == 0 ? "Puskesmas Datuk Bandar" : "Puskesmas Teluk Nibung");
        }));

        using var connection = bot.Database.Open();
        foreach (var plan in plans)
        {
            var stored = connection.Query<(string Code, string? Answer, string? Text)>(
                """
                SELECT a.question_code, a.answer_code, a.answer_text FROM answer a JOIN response r ON r.id = a.response_id
                WHERE r.resident_id = @UserId AND r.status = 'submitted'
                """,
                new { plan.UserId }).ToDictionary(a => a.Code);
            for (var e = 0; e < 9; e++)
            {
                Assert.Equal(plan.Scores[e].ToString(System.Globalization.CultureInfo.InvariantCulture), stored[$"U{e + 1}"].Answer);
            }

            Assert.Equal(plan.Suggestion, stored.TryGetValue("SARAN", out var s) ? s.Text : null);
            Assert.Equal(plan.Suggestion is null ? 9 : 10, stored.Count);
        }

        Assert.Equal(8, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM response WHERE status = 'submitted'"));
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM response WHERE status = 'draft'"));
    }

    [Fact]
    public async Task DeepLinkFromAPoster_OpensTheUnitsServices()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(20_100);

        await SurveyScript.ConsentAsync(resident, "u_RSUD");

        var screen = await resident.WaitForText("Jenis layanan apa yang Anda terima di RSUD Dr. Tengku Mansyur?");
        Assert.Contains(screen.InlineKeyboard.SelectMany(r => r), b => b.Text == "Rawat jalan");
    }

    [Fact]
    public async Task CommandMenu_IsRegisteredInIndonesianAndEnglish()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);

        Assert.Equal(["start", "lapor", "status", "kembali", "batal", "bahasa", "datasaya", "hapus", "berhenti", "langganan", "bantuan"], emulator.CommandsSet(null));
        Assert.Equal(["start", "report", "status", "back", "cancel", "language", "mydata", "delete", "stop", "subscribe", "help"], emulator.CommandsSet("en"));
    }

    [Fact]
    public async Task EnglishAliases_WorkLikeTheIndonesianCommands()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(20_200);
        await SurveyScript.ToFirstElementAsync(resident);

        await resident.SendText("/cancel");
        await resident.WaitForText("Batalkan survei ini?");
        await resident.Press("Ya, batalkan");
        await resident.WaitForText("Survei dibatalkan");
        await resident.SendText("/help");
        await resident.WaitForText("/kembali — kembali satu langkah");
    }
}

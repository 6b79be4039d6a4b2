using AsnBot.Tests.Support;
using Dapper;

namespace AsnBot.Tests.Data;

/// <summary>The database's running answer counts always equal a recount of the submitted answers.</summary>
public sealed class ScoreTallyTests : IDisposable
{
    private const string Recount = """
        SELECT r.round_code, r.unit_code, a.question_code, a.answer_code, COUNT(*)
        FROM response r JOIN answer a ON a.response_id = r.id
        WHERE r.status = 'submitted' AND a.answer_code IS NOT NULL
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        """;

    private const string Tallies = """
        SELECT round_code, unit_code, question_code, answer_code, count FROM score_tally WHERE count > 0 ORDER BY 1, 2, 3, 4
        """;

    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Tallies_FollowSubmissionsBulkLoadsChangesAndDeletions()
    {
        await _bot.Resident(1).CompleteSurvey("RSUD Dr. Tengku Mansyur", score: 4);
        await _bot.Resident(2).CompleteSurvey("RSUD Dr. Tengku Mansyur", score: 2);
        var draft = _bot.Resident(3);
        await draft.Command("start", "u_PKM");
        await draft.Press("Setuju");
        for (var i = 0; i < 4; i++)
        {
            await draft.Press("Lewati");
        }

        await draft.Press("1 · Tidak sesuai");
        using var connection = _bot.Database.Open();

        // A bulk load writes submitted responses directly; a repair changes and removes answers.
        connection.Execute("""
            INSERT INTO response (id, round_code, unit_code, survey_id, survey_version, status, started_at, submitted_at)
            VALUES (900, '2026-TEST', 'SAMSAT', 's', 1, 'submitted', 'x', 'x');
            INSERT INTO answer (response_id, question_code, answer_code, answered_at) VALUES (900, 'U1', '3', 'x'), (900, 'U2', '3', 'x');
            UPDATE answer SET answer_code = '1' WHERE response_id = 900 AND question_code = 'U2';
            DELETE FROM answer WHERE response_id = 900 AND question_code = 'U1';
            """);

        var recount = connection.Query<(string, string, string, string, long)>(Recount).ToList();
        Assert.Equal(recount, connection.Query<(string, string, string, string, long)>(Tallies).ToList());
        Assert.Contains(("2026-TEST", "RSUD", "U1", "4", 1L), recount);
        Assert.DoesNotContain(recount, r => r.Item2 == "PKM");
    }
}

using System.Globalization;
using AsnBot.Data.Residents;
using AsnBot.Data.Responses;
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

    private const string RecountScores = """
        SELECT r.id, COUNT(*), SUM(CAST(a.answer_code AS INTEGER))
        FROM response r JOIN answer a ON a.response_id = r.id
        WHERE r.status = 'submitted' AND a.answer_code IN ('1', '2', '3', '4')
        GROUP BY r.id ORDER BY r.id
        """;

    private const string Scores = "SELECT response_id, answered, total FROM response_score ORDER BY response_id";

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

    /// <summary>
    /// Eight writers at once (on PostgreSQL truly at once: READ COMMITTED, no process writer queue) submit 200 responses
    /// whose answers share 72 tally rows, then change answers of submitted responses: not one count is lost.
    /// </summary>
    [Fact]
    public async Task Tallies_UnderConcurrentWriters_EqualARecount()
    {
        var database = _bot.Database;
        var now = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 8).Select(writer => Enumerable.Range(1, 25).Select(i => (writer * 100) + i).ToList()).ToList();
        var responses = new System.Collections.Concurrent.ConcurrentBag<long>();

        await Task.WhenAll(ids.Select(batch => Task.Run(() =>
        {
            foreach (var id in batch)
            {
                using var work = database.Begin();
                work.Residents.Save(new ResidentRow { UserId = id, ChatId = id, Language = "id", ConsentVersion = "v", ConsentedAt = now });
                var response = work.Responses.CreateDraft(id, new ResponseKey("2026-C", id % 2 == 0 ? "RSUD" : "SAMSAT", "s", 1), now);
                for (var question = 1; question <= 9; question++)
                {
                    work.Responses.SaveAnswer(new AnswerRow { ResponseId = response, QuestionCode = $"U{question}", AnswerCode = Code(id + question), AnsweredAt = now });
                }

                Assert.True(work.Responses.Submit(response, now));
                work.Commit();
                responses.Add(response);
            }
        })));

        // Repairs of submitted answers, one transaction each, all writers at once: each takes a count from one row and adds
        // it to another. Two repairs moving counts between the same two rows in opposite directions can deadlock on
        // PostgreSQL; that is a transient Locked error, and the repair is tried again, as the bot does.
        await Task.WhenAll(responses.Chunk(25).Select(chunk => Task.Run(() =>
        {
            foreach (var response in chunk)
            {
                while (!Repair(response))
                {
                }
            }
        })));

        using var connection = database.Open();
        var recount = connection.Query<(string, string, string, string, long)>(Recount).ToList();
        Assert.Equal(200 * 9, recount.Sum(r => r.Item5));
        Assert.Equal(recount, connection.Query<(string, string, string, string, long)>(Tallies).ToList());
        Assert.Equal(connection.Query<(long, long, long)>(RecountScores).ToList(), connection.Query<(long, long, long)>(Scores).ToList());
    }

    private bool Repair(long response)
    {
        try
        {
            using var work = _bot.Database.Begin();
            work.Responses.SaveAnswer(new AnswerRow { ResponseId = response, QuestionCode = "U1", AnswerCode = Code((int)response), AnsweredAt = DateTimeOffset.UnixEpoch });
            work.Commit();
            return true;
        }
        catch (Exception ex) when (_bot.Database.Classify(ex)?.Fault == AsnBot.Data.StorageFault.Locked)
        {
            return false;
        }
    }

    private static string Code(int seed) => ((seed % 4) + 1).ToString(CultureInfo.InvariantCulture);
}

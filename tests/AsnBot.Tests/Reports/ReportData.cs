using AsnBot.Data;
using AsnBot.Data.Residents;
using AsnBot.Data.Responses;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Reports;

/// <summary>Hand-made responses written through the real stores.</summary>
internal static class ReportData
{
    public static readonly string[] Elements = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"];

    public static readonly DateTimeOffset Noon = new(2026, 11, 30, 5, 0, 0, TimeSpan.Zero);

    /// <summary>A resident's response; scores[i] is U(i+1), null leaves that element unanswered.</summary>
    public static long Add(
        SqlDatabase database, long residentId, string unit, int?[] scores, string? suggestion = null,
        bool submit = true, DateTimeOffset? at = null, string round = TestUnits.Round, string? service = null)
    {
        var now = at ?? Noon;
        using var work = database.Begin();
        var residents = work.Residents;
        if (residents.Find(residentId) is null)
        {
            residents.Save(new ResidentRow { UserId = residentId, ChatId = residentId, Language = "id", ConsentVersion = "1", ConsentedAt = now });
        }

        var responses = work.Responses;
        var id = responses.CreateDraft(residentId, new ResponseKey(round, unit, "skm-permenpanrb-14-2017", 1), now);
        responses.SetService(id, service);
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] is { } score)
            {
                responses.SaveAnswer(new AnswerRow { ResponseId = id, QuestionCode = Elements[i], AnswerCode = score.ToString(System.Globalization.CultureInfo.InvariantCulture), AnsweredAt = now });
            }
        }

        if (suggestion is not null)
        {
            responses.SaveAnswer(new AnswerRow { ResponseId = id, QuestionCode = "SARAN", AnswerText = suggestion, AnsweredAt = now });
        }

        if (submit)
        {
            Assert.True(responses.Submit(id, now));
        }

        work.Commit();
        return id;
    }

    public static int?[] All(int score) => [.. Enumerable.Repeat<int?>(score, 9)];

    /// <summary>Erases a resident as /hapus does: responses stay, unlinked.</summary>
    public static void Erase(SqlDatabase database, long residentId)
    {
        using var work = database.Begin();
        work.Residents.Delete(residentId);
        work.Commit();
    }
}

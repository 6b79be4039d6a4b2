using System.Globalization;
using AsnBot.Data;
using AsnBot.Survey;
using Microsoft.Data.Sqlite;

namespace AsnBot.Bench.Support;

/// <summary>
/// Fills a database with submitted SKM responses straight through SQL (one transaction, prepared
/// commands): one resident per response, the four profile answers and U1–U9. For the export and IKM
/// scenarios, which need a million answer rows in seconds rather than through the bot.
/// </summary>
public static class SyntheticResponses
{
    private const string InsertResident = """
        INSERT INTO resident (user_id, chat_id, language, consent_version, consented_at, subscribed)
        VALUES ($user, $user, 'id', 'bench', $at, 1)
        """;

    private const string InsertResponse = """
        INSERT INTO response (resident_id, round_code, unit_code, service_code, survey_id, survey_version, status, started_at, submitted_at)
        VALUES ($user, $round, $unit, NULL, $survey, $version, 'submitted', $at, $at)
        RETURNING id
        """;

    private const string InsertAnswer = """
        INSERT INTO answer (response_id, question_code, answer_code, answer_text, answered_at)
        VALUES ($response, $question, $code, NULL, $at)
        """;

    /// <summary>Answer rows each generated response has: profile questions plus the nine elements.</summary>
    public static int AnswersPerResponse(bool withProfile) =>
        Questions(SurveyLoader.LoadBuiltIn(), withProfile).Count;

    /// <summary>
    /// Inserts <paramref name="count"/> submitted responses for <paramref name="round"/>, spread over
    /// <paramref name="units"/>, with deterministic pseudo-random scores (seeded). The schema is migrated first.
    /// Returns the number of answer rows written.
    /// </summary>
    public static long Insert(Database database, int count, string round, IReadOnlyList<string> units, bool withProfile = true, int seed = 6)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(units);
        database.Migrate();
        var survey = SurveyLoader.LoadBuiltIn();
        var questions = Questions(survey, withProfile);
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
        using var connection = database.Open();
        var firstUser = 1_000_000_000L + CountResidents(connection);
        using var transaction = connection.BeginTransaction();
        using var resident = Prepare(connection, transaction, InsertResident, "$user", "$at");
        using var response = Prepare(connection, transaction, InsertResponse, "$user", "$round", "$unit", "$survey", "$version", "$at");
        using var answer = Prepare(connection, transaction, InsertAnswer, "$response", "$question", "$code", "$at");
        response.Parameters["$round"].Value = round;
        response.Parameters["$survey"].Value = survey.Id;
        response.Parameters["$version"].Value = survey.Version;
        long rows = 0;
        for (var i = 0; i < count; i++)
        {
            var user = firstUser + i;
            var at = (start + TimeSpan.FromSeconds(i * 7L)).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
            resident.Parameters["$user"].Value = user;
            resident.Parameters["$at"].Value = at;
            resident.ExecuteNonQuery();
            response.Parameters["$user"].Value = user;
            response.Parameters["$unit"].Value = units[i % units.Count];
            response.Parameters["$at"].Value = at;
            var responseId = (long)response.ExecuteScalar()!;
            answer.Parameters["$response"].Value = responseId;
            answer.Parameters["$at"].Value = at;
            foreach (var question in questions)
            {
                answer.Parameters["$question"].Value = question.Code;
                answer.Parameters["$code"].Value = question.Options[Score(random, question)].Code;
                answer.ExecuteNonQuery();
                rows++;
            }
        }

        transaction.Commit();
        return rows;
    }

    private static List<Question> Questions(SurveyDefinition survey, bool withProfile) =>
        survey.Questions.Where(q => q.Group == QuestionGroup.Element || (withProfile && q.Group == QuestionGroup.Profile)).ToList();

    // Elements lean towards 3 ("sesuai") as real SKM data does; profile options are uniform.
    private static int Score(Random random, Question question) =>
        question.Group == QuestionGroup.Element
            ? Math.Min(question.Options.Count - 1, random.Next(100) switch { < 5 => 0, < 20 => 1, < 75 => 2, _ => 3 })
            : random.Next(question.Options.Count);

    internal static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        }

        command.Prepare();
        return command;
    }

    private static long CountResidents(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM resident";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

using AsnBot.Data;
using AsnBot.IntegrationTests.Support;
using AsnBot.Survey;
using Dapper;

namespace AsnBot.IntegrationTests.Dashboard;

/// <summary>
/// Two rounds of answers (a past one and <see cref="RoundSeed.Code"/>), complaints of every privacy and one invitation,
/// written straight into the bot's database file, as if they had come over months. Each unit's answers are made so
/// the change between the rounds is clear: RSUD rises, DINSOS stays, DISDUKCAPIL falls.
/// </summary>
internal static class DashboardSeed
{
    public const string PreviousRound = "2026-S1";
    public const string CurrentRound = RoundSeed.Code;
    public const string ConfidentialNumber = "ADU-2026-RHS01";
    public const string ConfidentialText = "RAHASIA-ISI dokter jaga";
    public const string AnonymousText = "Petugas meminta uang tambahan tanpa kuitansi";
    public const string IdentifiedText = "Loket RSUD tutup lebih awal dari jadwal";
    public const long IdentifiedReporter = 70_001;
    public const long AnonymousReporter = 70_002;
    public const long ConfidentialReporter = 70_003;

    /// <summary>Suggestions of RSUD in the current round, newest first.</summary>
    public static readonly string[] Suggestions = ["Parkir sempit dan panas", "Petugas ramah sekali", "Antrean panjang di loket"];

    /// <summary>Answers U1…U9 of each respondent: (round, unit) → respondents.</summary>
    public static readonly Dictionary<(string Round, string Unit), int[][]> Answers = new()
    {
        [(PreviousRound, "RSUD")] = Respondents(40, (i, j) => (i + j) % 3 != 0 ? 3 : 2),
        [(CurrentRound, "RSUD")] = Respondents(40, (i, j) => (i + j) % 3 != 0 ? 4 : 3),
        [(PreviousRound, "DINSOS")] = Respondents(35, (i, j) => (i + j) % 2 == 0 ? 3 : 4),
        [(CurrentRound, "DINSOS")] = Respondents(35, (i, j) => (i + j + 1) % 2 == 0 ? 3 : 4),
        [(PreviousRound, "DISDUKCAPIL")] = Respondents(30, (i, j) => (i + j) % 4 != 0 ? 4 : 3),
        [(CurrentRound, "DISDUKCAPIL")] = Respondents(30, (i, j) => (i + j) % 4 != 0 ? 2 : 3),
    };

    public static void Write(SqlDatabase database, DateTimeOffset now)
    {
        var survey = SurveyLoader.LoadBuiltIn();
        var elements = survey.Questions.Where(q => q.Group == QuestionGroup.Element).Select(q => q.Code).ToList();
        var suggestion = survey.Questions.Single(q => q.Group == QuestionGroup.Suggestion).Code;
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            """
            INSERT INTO survey_round (code, name, survey_id, opens_at, closes_at, created_at)
            SELECT @code, 'Semester I 2026', survey_id, @opens, @closes, @opens FROM survey_round WHERE code = @current;
            INSERT INTO survey_round_unit (round_code, unit_code) SELECT @code, unit_code FROM survey_round_unit WHERE round_code = @current;
            """,
            new { code = PreviousRound, current = CurrentRound, opens = now.AddDays(-120), closes = now.AddDays(-60) },
            transaction);
        foreach (var id in new long[] { IdentifiedReporter, AnonymousReporter, ConfidentialReporter, 70_011, 70_012, 70_013, 70_014 })
        {
            connection.Execute(
                "INSERT INTO resident (user_id, chat_id, language, consent_version, consented_at) VALUES (@id, @id, 'id', 'v1', @now)",
                new { id, now }, transaction);
        }

        foreach (var ((round, unit), respondents) in Answers)
        {
            for (var i = 0; i < respondents.Length; i++)
            {
                var current = round == CurrentRound;
                var submitted = current ? now.AddHours(-1).AddDays(-(i % 3)) : now.AddDays(-90);
                long? resident = current && unit == "RSUD" && i < 2 ? 70_011 + i : null;
                var id = connection.ExecuteScalar<long>(
                    """
                    INSERT INTO response (resident_id, round_code, unit_code, survey_id, survey_version, status, started_at, submitted_at)
                    VALUES (@resident, @round, @unit, @surveyId, @version, 'submitted', @submitted, @submitted) RETURNING id
                    """,
                    new { resident, round, unit, surveyId = survey.Id, version = survey.Version, submitted },
                    transaction);
                for (var j = 0; j < elements.Count; j++)
                {
                    connection.Execute(
                        "INSERT INTO answer (response_id, question_code, answer_code, answered_at) VALUES (@id, @question, @answer, @submitted)",
                        new { id, question = elements[j], answer = respondents[i][j].ToString(System.Globalization.CultureInfo.InvariantCulture), submitted },
                        transaction);
                }

                if (current && unit == "RSUD" && i < Suggestions.Length)
                {
                    connection.Execute(
                        "INSERT INTO answer (response_id, question_code, answer_text, answered_at) VALUES (@id, @question, @text, @submitted)",
                        new { id, question = suggestion, text = Suggestions[i], submitted },
                        transaction);
                }
            }
        }

        Complaint(connection, transaction, "ADU-2026-IDN01", IdentifiedReporter, "RSUD", IdentifiedText, "identified", "submitted", now.AddHours(-1), null);
        Complaint(connection, transaction, "ADU-2026-ANN01", AnonymousReporter, "RSUD", AnonymousText, "anonymous", "verified", now.AddDays(-30), null);
        Complaint(connection, transaction, ConfidentialNumber, ConfidentialReporter, "RSUD", ConfidentialText, "confidential", "in_progress", now.AddDays(-30), now.AddDays(-29));
        Complaint(connection, transaction, "ADU-2026-DNS01", IdentifiedReporter, "DINSOS", "Antrean bantuan sosial tidak jelas jadwalnya", "identified", "submitted", now.AddHours(-2), null);

        var broadcast = connection.ExecuteScalar<long>(
            """
            INSERT INTO broadcast (round_code, kind, unit_code, status, admin_chat_id, total, created_at, finished_at)
            VALUES (@round, 'invitation', NULL, 'done', 1, 4, @created, @created) RETURNING id
            """,
            new { round = CurrentRound, created = now.AddDays(-5) },
            transaction);
        foreach (var (user, state) in new[] { (70_011L, "sent"), (70_012L, "sent"), (70_013L, "sent"), (70_014L, "failed") })
        {
            connection.Execute(
                "INSERT INTO broadcast_recipient (broadcast_id, user_id, chat_id, state, updated_at) VALUES (@broadcast, @user, @user, @state, @now)",
                new { broadcast, user, state, now },
                transaction);
        }

        transaction.Commit();
    }

    /// <summary>Each respondent's own score on the IKM scale: the mean of their element answers × 25.</summary>
    public static double[] Scores(string round, string unit) => [.. Answers[(round, unit)].Select(a => a.Average() * 25)];

    private static int[][] Respondents(int count, Func<int, int, int> answer) =>
        [.. Enumerable.Range(0, count).Select(i => Enumerable.Range(0, 9).Select(j => answer(i, j)).ToArray())];

    private static void Complaint(
        System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, string number, long reporter, string unit, string text,
        string privacy, string status, DateTimeOffset submitted, DateTimeOffset? firstResponse) =>
        connection.Execute(
            """
            INSERT INTO complaint (tracking_no, resident_id, category_code, unit_code, description, privacy, status, created_at, submitted_at, first_response_at)
            VALUES (@number, @reporter, 'PUNGLI', @unit, @text, @privacy, @status, @submitted, @submitted, @firstResponse)
            """,
            new { number, reporter, unit, text, privacy, status, submitted, firstResponse },
            transaction);
}

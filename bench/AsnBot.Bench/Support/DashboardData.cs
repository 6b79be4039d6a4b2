using System.Globalization;
using AsnBot.Data;
using AsnBot.Survey;

namespace AsnBot.Bench.Support;

/// <summary>
/// The dashboard scenario's database: ≈1 M answer rows over two rounds (so the Ringkasan has a change to work out)
/// and 100 000 complaints filed over the past year in every status and privacy, all written by bulk SQL in one
/// transaction per table set.
/// </summary>
public static class DashboardData
{
    public const string PreviousRound = "2026-BENCH-S1";
    public const string CurrentRound = "2026-BENCH-S2";
    public const int Complaints = 100_000;

    private const string InsertRound = """
        INSERT INTO survey_round (code, name, survey_id, opens_at, closes_at, created_at) VALUES ($code, $code, $survey, $opens, $closes, $opens)
        """;

    private const string InsertComplaint = """
        INSERT INTO complaint (tracking_no, resident_id, category_code, unit_code, description, privacy, status, created_at, submitted_at, first_response_at, resolved_at)
        VALUES ($number, NULL, $category, $unit, 'Uraian pengaduan untuk uji beban dasbor, cukup panjang seperti aslinya.', $privacy, $status, $at, $at, $first, $resolved)
        """;

    private static readonly string[] Categories = ["LAMBAT", "PUNGLI", "PERILAKU", "PERSYARATAN", "DISKRIMINASI", "WEWENANG", "SARANA", "LAINNYA"];
    private static readonly string[] Privacies = ["identified", "anonymous", "confidential"];
    private static readonly string[] Statuses = ["submitted", "verified", "in_progress", "resolved", "closed", "rejected", "resolved", "closed"];

    /// <summary>Fills <paramref name="database"/>; returns the answer rows written.</summary>
    public static long Fill(Database database, IReadOnlyList<string> units, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(units);
        var half = ReportData.Large / 2;
        var rows = SyntheticResponses.Insert(database, half, PreviousRound, units, withProfile: false, seed: 16)
            + SyntheticResponses.Insert(database, ReportData.Large - half, CurrentRound, units, withProfile: false, seed: 17);
        var survey = SurveyLoader.LoadBuiltIn();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var round = SyntheticResponses.Prepare(connection, transaction, InsertRound, "$code", "$survey", "$opens", "$closes"))
        {
            foreach (var (code, opens) in new[] { (PreviousRound, now.AddDays(-200)), (CurrentRound, now.AddDays(-20)) })
            {
                round.Parameters["$code"].Value = code;
                round.Parameters["$survey"].Value = survey.Id;
                round.Parameters["$opens"].Value = Text(opens);
                round.Parameters["$closes"].Value = Text(opens.AddDays(60));
                round.ExecuteNonQuery();
            }
        }

        using var complaint = SyntheticResponses.Prepare(connection, transaction, InsertComplaint, "$number", "$category", "$unit", "$privacy", "$status", "$at", "$first", "$resolved");
        var random = new Random(18);
        for (var i = 0; i < Complaints; i++)
        {
            var at = now.AddMinutes(-random.Next(365 * 24 * 60));
            var status = Statuses[i % Statuses.Length];
            complaint.Parameters["$number"].Value = string.Create(CultureInfo.InvariantCulture, $"ADU-B-{i:D6}");
            complaint.Parameters["$category"].Value = Categories[random.Next(Categories.Length)];
            complaint.Parameters["$unit"].Value = units[i % units.Count];
            complaint.Parameters["$privacy"].Value = Privacies[i % Privacies.Length];
            complaint.Parameters["$status"].Value = status;
            complaint.Parameters["$at"].Value = Text(at);
            complaint.Parameters["$first"].Value = status == "submitted" ? DBNull.Value : Text(at.AddDays(random.Next(1, 10)));
            complaint.Parameters["$resolved"].Value = status is "resolved" or "closed" ? Text(at.AddDays(random.Next(10, 30))) : DBNull.Value;
            complaint.ExecuteNonQuery();
        }

        transaction.Commit();
        return rows;
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}

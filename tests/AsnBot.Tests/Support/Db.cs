using AsnBot.Data;
using Dapper;

namespace AsnBot.Tests.Support;

/// <summary>Direct reads of the real tables, for assertions.</summary>
public static class Db
{
    public static long Count(this SqlDatabase database, string sql, object? parameters = null)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(sql, parameters);
    }

    public static IReadOnlyList<T> Rows<T>(this SqlDatabase database, string sql, object? parameters = null)
    {
        using var connection = database.Open();
        return connection.Query<T>(sql, parameters).AsList();
    }

    /// <summary>Question code → answer code of the resident's submitted responses.</summary>
    public static Dictionary<string, string?> SubmittedAnswers(this SqlDatabase database, long residentId) =>
        database.Rows<(string Code, string? Answer)>(
            """
            SELECT a.question_code, COALESCE(a.answer_code, a.answer_text) FROM answer a
            JOIN response r ON r.id = a.response_id WHERE r.resident_id = @residentId AND r.status = 'submitted'
            """,
            new { residentId }).ToDictionary(r => r.Code, r => r.Answer);
}

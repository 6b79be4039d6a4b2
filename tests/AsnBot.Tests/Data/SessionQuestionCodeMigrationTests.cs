using AsnBot.Data;
using AsnBot.Data.Sessions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AsnBot.Tests.Data;

/// <summary>The session saved the question a resident is at by position; it saves the question's code now.</summary>
public sealed class SessionQuestionCodeMigrationTests : IDisposable
{
    /// <summary>The order of the built-in survey skm-permenpanrb-14-2017 v1, whose positions old sessions hold.</summary>
    private static readonly string[] PositionsOfVersion1 = ["AGE", "SEX", "EDU", "JOB", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "SARAN"];

    private readonly string _folder = Directory.CreateTempSubdirectory("asnbot-migration-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Migrate_SessionsSavedByPosition_KeepTheirQuestionAsItsCode()
    {
        var path = Path.Combine(_folder, "old.db");
        var old = new Database(path);
        // Up to the script before the question-code one; the dashboard's three scripts (issue 17) and the webhook's
        // handled_update (issue 16) come after it.
        Migrations.Apply(old, upTo: Migrations.Latest - 5);
        using (var connection = old.Open())
        {
            connection.Execute("INSERT INTO resident (user_id, chat_id, language, consent_version, consented_at) VALUES (@id, @id, 'id', 'v', 'x')",
                Enumerable.Range(1, 17).Select(id => new { id }));
            // A resident at every position, one before the first and two past the last (read as the nearest end).
            connection.Execute(
                "INSERT INTO session (chat_id, user_id, state, step, question_index, updated_at) VALUES (@id, @id, 'Answering', 9, @index, '2026-11-30T09:00:00.0000000+00:00')",
                Enumerable.Range(-1, 17).Select(index => new { id = index + 2, index }));
        }

        SqliteConnection.ClearAllPools();
        var migrated = new Database(path);
        Assert.Equal(Migrations.Latest, migrated.Migrate());

        using var work = migrated.Begin();
        var sessions = new SessionStore(work);
        var codes = Enumerable.Range(1, 17).Select(id => sessions.Find(id)!.QuestionCode).ToList();
        Assert.Equal(["AGE", .. PositionsOfVersion1, "SARAN", "SARAN"], codes);
        Assert.All(Enumerable.Range(1, 17), id => Assert.Equal("Answering", sessions.Find(id)!.State));
        var columns = work.Connection.Query<string>("SELECT name FROM pragma_table_info('session')", transaction: work.Transaction).ToList();
        Assert.DoesNotContain("question_index", columns);
    }
}

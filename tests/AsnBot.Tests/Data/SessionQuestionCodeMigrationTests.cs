using System.Data.Common;
using AsnBot.Data;
using AsnBot.Data.Sessions;
using AsnBot.Tests.Support;
using Dapper;

namespace AsnBot.Tests.Data;

/// <summary>The session saved the question a resident is at by position; it saves the question's code now.</summary>
public sealed class SessionQuestionCodeMigrationTests : IDisposable
{
    /// <summary>The order of the built-in survey skm-permenpanrb-14-2017 v1, whose positions old sessions hold.</summary>
    private static readonly string[] PositionsOfVersion1 = ["AGE", "SEX", "EDU", "JOB", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "SARAN"];

    private readonly string _folder = Directory.CreateTempSubdirectory("asnbot-migration-").FullName;
    private readonly TestStorage _storage;

    public SessionQuestionCodeMigrationTests() => _storage = TestStorage.In(_folder);

    public void Dispose()
    {
        _storage.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Migrate_SessionsSavedByPosition_KeepTheirQuestionAsItsCode()
    {
        var database = _storage.Database;
        // Up to the script before the question-code one; the dashboard's three scripts (issue 17), the webhook's
        // handled_update and the outbox leases (issue 16) come after it.
        database.Migrate(upTo: Migrations.Latest - 6);
        using (var connection = database.Open())
        {
            connection.Execute("INSERT INTO resident (user_id, chat_id, language, consent_version, consented_at) VALUES (@id, @id, 'id', 'v', 'x')",
                Enumerable.Range(1, 17).Select(id => new { id }));
            // A resident at every position, one before the first and two past the last (read as the nearest end).
            connection.Execute(
                "INSERT INTO session (chat_id, user_id, state, step, question_index, updated_at) VALUES (@id, @id, 'Answering', 9, @index, '2026-11-30T09:00:00.0000000+00:00')",
                Enumerable.Range(-1, 17).Select(index => new { id = index + 2, index }));
        }

        Assert.Equal(Migrations.Latest, database.Migrate());

        using var work = database.Begin();
        var sessions = new SessionStore(work);
        var codes = Enumerable.Range(1, 17).Select(id => sessions.Find(id)!.QuestionCode).ToList();
        Assert.Equal(["AGE", .. PositionsOfVersion1, "SARAN", "SARAN"], codes);
        Assert.All(Enumerable.Range(1, 17), id => Assert.Equal("Answering", sessions.Find(id)!.State));
        using var other = database.Open();
        Assert.ThrowsAny<DbException>(() => other.Execute("SELECT question_index FROM session"));
    }
}

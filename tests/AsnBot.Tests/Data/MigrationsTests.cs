using AsnBot.Data;
using AsnBot.Tests.Support;
using Dapper;

namespace AsnBot.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    public void Migrate_NewFile_CreatesTheSchemaInWalMode_AndASecondRunChangesNothing()
    {
        using var temp = new TempDatabase();

        var again = temp.Database.Migrate();

        using var connection = temp.Database.Open();
        Assert.Equal(again, connection.ExecuteScalar<int>("PRAGMA user_version"));
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA foreign_keys"));
        Assert.Equal(5000, connection.ExecuteScalar<int>("PRAGMA busy_timeout"));
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").ToList();
        Assert.Superset(new HashSet<string> { "answer", "bot_state", "outbox", "resident", "response", "session" }, tables.ToHashSet());
    }

    [Fact]
    public void Migrate_FileFromANewerVersion_IsRefused()
    {
        using var temp = new TempDatabase();
        using (var connection = temp.Database.Open())
        {
            connection.Execute("PRAGMA user_version = 999");
        }

        var error = Assert.Throws<InvalidOperationException>(() => temp.Database.Migrate());

        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmittedResponse_IsUniquePerResidentRoundAndUnit_EvenIfTheCheckIsBypassed()
    {
        using var temp = new TempDatabase();
        using var connection = temp.Database.Open();
        connection.Execute("INSERT INTO resident (user_id, chat_id, language, consent_version, consented_at) VALUES (1, 1, 'id', 'v', 'x')");
        const string Insert = """
            INSERT INTO response (resident_id, round_code, unit_code, survey_id, survey_version, status, started_at)
            VALUES (1, 'R', 'U', 's', 1, 'submitted', 'x')
            """;
        connection.Execute(Insert);

        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => connection.Execute(Insert));
    }
}

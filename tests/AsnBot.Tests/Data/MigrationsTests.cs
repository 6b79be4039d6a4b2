using AsnBot.Tests.Support;
using Dapper;

namespace AsnBot.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    [Trait("Storage", "sqlite")]
    public void Migrate_NewFile_CreatesTheSchemaInWalMode_AndASecondRunChangesNothing()
    {
        using var temp = new TempDatabase();

        var again = temp.Sqlite.Migrate();

        using var connection = temp.Sqlite.Open();
        Assert.Equal(again, connection.ExecuteScalar<int>("PRAGMA user_version"));
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA foreign_keys"));
        Assert.Equal(5000, connection.ExecuteScalar<int>("PRAGMA busy_timeout"));
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").ToList();
        Assert.Superset(new HashSet<string> { "answer", "bot_state", "outbox", "resident", "response", "session" }, tables.ToHashSet());
    }

    [Fact]
    [Trait("Storage", "sqlite")]
    public void APooledConnection_OpenedAgain_KeepsItsPragmas_AndTheyRunOncePerConnection()
    {
        using var temp = new TempDatabase();
        SQLitePCL.sqlite3 native;
        using (var first = temp.Sqlite.Open())
        {
            native = first.Handle!;
            Assert.Equal(1, first.ExecuteScalar<int>("PRAGMA synchronous"));
        }

        using var again = temp.Sqlite.Open();

        // The pool gives back the same native connection; the pragmas set on its first Open are still in force.
        Assert.Same(native, again.Handle);
        Assert.Equal(1, again.ExecuteScalar<int>("PRAGMA foreign_keys"));
        Assert.Equal(5000, again.ExecuteScalar<int>("PRAGMA busy_timeout"));
        Assert.Equal(1, again.ExecuteScalar<int>("PRAGMA synchronous"));

        // Set again on every Open, a changed value would be back to 5000: it stays, so they ran once.
        again.Execute("PRAGMA busy_timeout=1234");
        again.Close();
        using var third = temp.Sqlite.Open();
        Assert.Equal(1234, third.ExecuteScalar<int>("PRAGMA busy_timeout"));
    }

    [Fact]
    public void ADeliveredOutboxRowsId_IsNeverGivenToTheNextMessage()
    {
        using var temp = new TempDatabase();
        using var connection = temp.Database.Open();
        const string Insert = "INSERT INTO outbox (chat_id, priority, kind, payload, created_at) VALUES (@chat, 0, 'send', '{}', '2026-11-30') RETURNING id";

        var first = connection.ExecuteScalar<long>(Insert, new { chat = 1 });
        connection.Execute("DELETE FROM outbox WHERE id = @first", new { first });
        var next = connection.ExecuteScalar<long>(Insert, new { chat = 2 });

        // The sender may still hold the first id (read earlier, or a delivery being recorded): it must not name chat 2's message.
        Assert.True(next > first, $"id {first} was used again");
    }

    [Fact]
    [Trait("Storage", "sqlite")]
    public void Migrate_FileFromANewerVersion_IsRefused()
    {
        using var temp = new TempDatabase();
        using (var connection = temp.Sqlite.Open())
        {
            connection.Execute("PRAGMA user_version = 999");
        }

        var error = Assert.Throws<InvalidOperationException>(() => temp.Sqlite.Migrate());

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

        Assert.NotNull(temp.Database.Classify(Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute(Insert))));
    }
}

using AsnBot.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AsnBot.Tests.Support;

/// <summary>
/// Where a test's data lives: a SQLite file in the test's folder, or, when <see cref="Variable"/> holds an admin
/// connection string, a fresh PostgreSQL database of its own (dropped at dispose), so the whole suite runs on either
/// provider. Shared by the unit and integration tests.
/// </summary>
public sealed class TestStorage : IDisposable
{
    /// <summary>An admin connection string (Host=…;Port=…;Username=postgres): run on PostgreSQL.</summary>
    public const string Variable = "ASNBOT_TEST_POSTGRES";

    /// <summary>The start of the test databases' names (a shared server may allow only some names).</summary>
    public const string PrefixVariable = "ASNBOT_TEST_POSTGRES_PREFIX";

    private readonly string? _name;

    private TestStorage(string folder, string? name)
    {
        Folder = folder;
        _name = name;
        var path = Path.Combine(folder, "asnbot.db");
        Settings = new Dictionary<string, string?> { ["Storage:Path"] = path };
        if (name is null)
        {
            Database = new Database(path);
            return;
        }

        Settings["Storage:Provider"] = StorageOptions.Postgres;
        Settings["Storage:ConnectionString"] = ConnectionString(name);
        Database = new PostgresDatabase(ConnectionString(name));
    }

    /// <summary>The admin connection string when the suite runs on PostgreSQL; null on SQLite.</summary>
    public static string? Server => System.Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool OnPostgres => Server is not null;

    public string Folder { get; }

    public SqlDatabase Database { get; }

    /// <summary>The storage settings a host of the bot needs to use this database (Storage:Path always, for the documents folder).</summary>
    public Dictionary<string, string?> Settings { get; }

    /// <summary>The same settings as environment variables, for a bot process.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Variables =>
        Settings.Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value));

    /// <summary>The SQLite database, for the tests about SQLite itself (they carry the Storage=sqlite trait).</summary>
    public Database Sqlite => Database as Database ?? throw new InvalidOperationException("This test is about SQLite; run it without " + Variable + ".");

    /// <summary>Storage in <paramref name="folder"/> (the test removes the folder): its SQLite file, or a new PostgreSQL database.</summary>
    public static TestStorage In(string folder)
    {
        if (Server is not { } server)
        {
            return new TestStorage(folder, null);
        }

        var name = NewDatabaseName();
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            admin.Execute($"CREATE DATABASE \"{name}\"");
        }

        return new TestStorage(folder, name);
    }

    /// <summary>A name no other test database has, starting with <see cref="PrefixVariable"/>'s value.</summary>
    public static string NewDatabaseName() =>
        (System.Environment.GetEnvironmentVariable(PrefixVariable) is { Length: > 0 } prefix ? prefix : "asnbot_test_") + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        if (_name is null)
        {
            SqliteConnection.ClearAllPools();
            return;
        }

        ((PostgresDatabase)Database).Dispose();
        using var admin = new NpgsqlConnection(Server);
        admin.Open();
        admin.Execute($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;
}

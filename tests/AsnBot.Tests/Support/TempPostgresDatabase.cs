using AsnBot.Data;
using Npgsql;

namespace AsnBot.Tests.Support;

/// <summary>
/// A fresh database with the bot's schema for the tests about several instances, which need PostgreSQL whichever provider the suite runs
/// on (they carry the Storage=postgres trait and run in the PostgreSQL pass): the server of
/// <see cref="TestStorage.Variable"/>. Dropped afterwards with every session still on it. Advisory locks belong to a
/// database, so tests on different databases never see each other's locks.
/// </summary>
public sealed class TempPostgresDatabase : IDisposable
{
    private readonly string _server;

    public TempPostgresDatabase()
    {
        _server = TestStorage.Server
            ?? throw new InvalidOperationException($"This test needs PostgreSQL: set {TestStorage.Variable} (bash .ci/run starts a cluster and does).");
        Name = TestStorage.NewDatabaseName();
        Admin($"CREATE DATABASE {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Name }.ToString();
        using var database = new PostgresDatabase(ConnectionString);
        database.Migrate();
    }

    public string Name { get; }

    private static string ThisDatabase => "database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    public string ConnectionString { get; }

    /// <summary>The same database as libpq (psql) names it.</summary>
    public string Conninfo
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}";
        }
    }

    /// <summary>Runs one statement on the test database and returns its first value.</summary>
    public T? Scalar<T>(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T?)command.ExecuteScalar();
    }

    /// <summary>Ends the session that holds the advisory lock numbered <paramref name="objid"/> in this database; false when none does.</summary>
    public bool TerminateHolder(int objid) => Scalar<bool?>(
        $"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = {objid} AND {ThisDatabase}") == true;

    /// <summary>How many sessions hold the advisory lock numbered <paramref name="objid"/> in this database (pg_locks shows every database's).</summary>
    public long Holders(int objid) => Scalar<long>(
        $"SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = {objid} AND {ThisDatabase}");

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

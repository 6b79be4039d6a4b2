using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AsnBot.Data;

/// <summary>
/// Opens SQLite connections with the settings every connection needs (WAL, NORMAL sync,
/// busy timeout, foreign keys) and runs the schema migrations.
/// </summary>
public sealed class Database
{
    // WAL is a property of the file (set by Migrate); these two are per connection.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    private readonly string _connectionString;

    static Database()
    {
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    public Database(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = true,
            DefaultTimeout = 30,
            ForeignKeys = true,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    public SqliteConnection Open()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(Pragmas);
        return connection;
    }

    /// <summary>Opens a connection and starts a write transaction (BEGIN IMMEDIATE).</summary>
    public UnitOfWork Begin()
    {
        var connection = Open();
        try
        {
            return new UnitOfWork(connection, connection.BeginTransaction(IsolationLevel.Serializable));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Brings the schema up to date; returns the schema version now in force.</summary>
    public int Migrate() => Migrations.Apply(this);
}

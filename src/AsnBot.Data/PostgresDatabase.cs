using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;

namespace AsnBot.Data;

/// <summary>
/// The PostgreSQL provider, through one <see cref="NpgsqlDataSource"/> (its pool). Write transactions are READ
/// COMMITTED: the tallies change by atomic statements and a resident's session row is locked while an update of
/// that chat is applied (<see cref="SqlDialect.LockRow"/>), so several instances may share the database.
/// </summary>
public sealed class PostgresDatabase : SqlDatabase, IDisposable
{
    /// <summary>
    /// Statements Npgsql keeps prepared per connection when the connection string sets no <c>Max Auto Prepare</c>.
    /// Unprepared, every one of the dozen or more statements of an update is parsed and planned again by the server:
    /// on a busy machine the poller then applies updates more slowly than residents send them, and a bot restarted
    /// with a backlog never catches up (CrashSafetyTests on PostgreSQL).
    /// </summary>
    public const int DefaultMaxAutoPrepare = 100;

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">
    /// An Npgsql connection string (Host=…;Database=…;Username=…;Password=…); without <c>Max Auto Prepare</c> (or with 0)
    /// it gets <see cref="DefaultMaxAutoPrepare"/>.
    /// </param>
    public PostgresDatabase(string connectionString)
        : base(SqlDialect.Postgres)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Why the text is not an Npgsql connection string naming a host and a database; null when it is one.</summary>
    public static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrEmpty(builder.Host) ? "it names no Host."
                : string.IsNullOrEmpty(builder.Database) ? "it names no Database."
                : null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Host, port and database (never the password).</summary>
    public override string Location { get; }

    /// <summary>Whether the schema was created here (the database itself must exist to be reached at all).</summary>
    public override bool Exists
    {
        get
        {
            using var connection = Open();
            return connection.ExecuteScalar<bool>("SELECT to_regclass('schema_version') IS NOT NULL");
        }
    }

    public override NpgsqlConnection Open() => _dataSource.OpenConnection();

    internal override int Migrate(int? upTo) => Migrations.Apply(this, upTo);

    /// <summary>REPEATABLE READ, read only: every query sees the snapshot taken by the first.</summary>
    internal override DbTransaction BeginSnapshot(DbConnection connection)
    {
        var snapshot = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        connection.Execute("SET TRANSACTION READ ONLY", transaction: snapshot);
        return snapshot;
    }

    /// <summary>True when the server takes only reads (a standby, or default_transaction_read_only).</summary>
    public override bool IsReadOnly()
    {
        using var connection = Open();
        return connection.ExecuteScalar<string>("SELECT current_setting('transaction_read_only')") == "on";
    }

    /// <summary>Opens a connection and starts a READ COMMITTED transaction; writers of this process do not queue.</summary>
    public override UnitOfWork Begin()
    {
        var connection = Open();
        try
        {
            return new UnitOfWork(connection, connection.BeginTransaction(IsolationLevel.ReadCommitted), Dialect, release: null);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads a storage error by its SQLSTATE (<see href="https://www.postgresql.org/docs/15/errcodes-appendix.html"/>);
    /// an Npgsql error without one is the server out of reach (refused, reset, timed out, pool exhausted).
    /// </summary>
    public override StorageError? Classify(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState switch
        {
            "53100" => new(StorageFault.Full, $"disk full: the PostgreSQL server of {Location} has no space left ({pg.MessageText})"),
            "25006" => new(StorageFault.ReadOnly, $"read-only: {Location} takes only reads ({pg.MessageText})"),
            "55P03" or "40001" or "40P01" => new(StorageFault.Locked, $"database is locked: {pg.MessageText} on {Location}"),
            _ when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                || pg.SqlState.StartsWith("53", StringComparison.Ordinal) =>
                new(StorageFault.Unavailable, $"{Location} is unavailable: {pg.MessageText}"),
            _ => new(StorageFault.Other, $"PostgreSQL error on {Location}: {pg.MessageText}"),
        },
        NpgsqlException { InnerException: TimeoutException } => new(StorageFault.Locked, $"timed out waiting on {Location}: {exception.Message}"),
        NpgsqlException => new(StorageFault.Unavailable, $"cannot reach {Location}: {exception.Message}"),
        _ => null,
    };

    public void Dispose() => _dataSource.Dispose();
}

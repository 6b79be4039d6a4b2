using System.Data;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AsnBot.Data;

/// <summary>
/// The SQLite provider: opens connections with the settings every connection needs (WAL, NORMAL sync,
/// busy timeout, foreign keys), queues this process's writers, and runs the schema migrations.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The writer semaphore never allocates a wait handle (AvailableWaitHandle is not used): there is nothing to dispose.")]
public sealed class Database : SqlDatabase
{
    // WAL is a property of the file (set by Migrate); these are per connection.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";

    private static readonly object Configured = new();

    /// <summary>How long a writer of this process waits for another one before giving up as SQLite would.</summary>
    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;

    /// <summary>
    /// Writers of this process queue here for the write lock rather than in SQLite's busy handler, which sleeps
    /// 1, 2, 5, 10 ms… between tries and so takes the lock up several milliseconds after it was let go. Other
    /// processes (the CLI, sqlite3) still meet busy_timeout.
    /// </summary>
    private readonly SemaphoreSlim _writer = new(1, 1);

    private readonly Lock _createGate = new();

    /// <summary>
    /// The SQLite connections <see cref="Pragmas"/> already ran on. The pool hands the same native connection out
    /// again with its pragmas still in force, so they run once per connection rather than on every Open: the
    /// survey-throughput benchmark opens one or two a handled update, and these were three statements prepared
    /// and run each time (with ForeignKeys in the connection string, Microsoft.Data.Sqlite ran foreign_keys on each Open too).
    /// </summary>
    private readonly ConditionalWeakTable<sqlite3, object> _configured = new();

    public Database(string path)
        : base(SqlDialect.Sqlite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    public override string Location => Path;

    public override bool Exists => File.Exists(Path);

    public override SqliteConnection Open()
    {
        if (!File.Exists(Path))
        {
            CreatePrivately();
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
        {
            // SQLite falls back to read-only when the file cannot be opened for writing. Such a connection
            // would stay read-only in the pool after the file is writable again, so it is not pooled.
            SqliteConnection.ClearPool(connection);
        }

        var handle = connection.Handle!;
        if (!_configured.TryGetValue(handle, out _))
        {
            connection.Execute(Pragmas);
            _configured.AddOrUpdate(handle, Configured);
        }

        return connection;
    }

    /// <summary>
    /// Creates the folder (0700) and an empty database file (0600) before SQLite does: SQLite would create the file
    /// 0644, and it gives its -wal and -shm files the mode of the database file. Under a lock, so that no connection
    /// of this process has the file open (and POSIX locks on it) while it is being created and closed here.
    /// </summary>
    private void CreatePrivately()
    {
        lock (_createGate)
        {
            if (File.Exists(Path))
            {
                return;
            }

            try
            {
                var directory = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(directory))
                {
                    PrivateFiles.CreateFolder(directory);
                }

                PrivateFiles.Create(Path).Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A folder that cannot be written: SQLite's own open reports it, with the error code Classify reads.
            }
        }
    }

    /// <summary>True when SQLite could only open the file for reading (read-only file, folder or mount).</summary>
    public override bool IsReadOnly() => !CanOpenForWriting();

    /// <summary>
    /// Reads a storage error: SQLite's result code says what kind it is (busy, locked, full, read-only, …), and the
    /// explanation says it in plain words for the log. Any other exception is not a storage error (null).
    /// </summary>
    public override StorageError? Classify(Exception exception) =>
        exception is not SqliteException sqlite ? null : sqlite.SqliteErrorCode switch
        {
            5 or 6 => new(StorageFault.Locked, $"database is locked: another connection or process holds the write lock on {Path}"),
            13 => new(StorageFault.Full, $"disk full: no space left to write {Path} or its -wal journal"),
            8 => new(StorageFault.ReadOnly, $"read-only: {Path} or its folder cannot be written"),
            10 when !CanOpenForWriting() => new(StorageFault.ReadOnly, $"read-only: {Path} cannot be opened for writing (SQLite: {sqlite.Message})"),
            10 => new(StorageFault.Unavailable, $"disk I/O error on {Path} (SQLite: {sqlite.Message})"),
            14 => new(StorageFault.Unavailable, $"cannot open {Path}: its folder is missing or not accessible"),
            7 => new(StorageFault.Unavailable, $"out of memory reading {Path} (SQLite: {sqlite.Message})"),
            _ => new(StorageFault.Other, $"SQLite error on {Path}: {sqlite.Message}"),
        };

    /// <summary>
    /// Whether SQLite can open the file for writing; root needs more than permission bits to fail here (an
    /// immutable file). Asked of SQLite itself on a connection of its own: opening the file with a FileStream
    /// and closing it would drop every POSIX lock this process holds on it (fcntl semantics), and another
    /// process could then take the database for its own, checkpoint and remove the WAL under the bot's feet
    /// (which is what the lock test met: "disk I/O error" after a sqlite3 process let go of the lock).
    /// </summary>
    private bool CanOpenForWriting()
    {
        try
        {
            using var probe = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path,
                Pooling = false,
                Mode = SqliteOpenMode.ReadWrite,
            }.ToString());
            probe.Open();
            return SQLitePCL.raw.sqlite3_db_readonly(probe.Handle, "main") == 0;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>Opens a connection and starts a write transaction (BEGIN IMMEDIATE), after any other writer of this process.</summary>
    public override UnitOfWork Begin()
    {
        if (!_writer.Wait(WriterWait))
        {
            throw new SqliteException($"database is locked: another writer of this process held {Path} for {WriterWait.TotalSeconds} s", 5);
        }

        SqliteConnection? connection = null;
        try
        {
            connection = Open();
            return new UnitOfWork(connection, connection.BeginTransaction(IsolationLevel.Serializable), Dialect, () => _writer.Release());
        }
        catch
        {
            connection?.Dispose();
            _writer.Release();
            throw;
        }
    }

    internal override int Migrate(int? upTo) => Migrations.Apply(this, upTo);
}

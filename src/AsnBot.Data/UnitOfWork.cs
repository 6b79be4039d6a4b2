using Microsoft.Data.Sqlite;

namespace AsnBot.Data;

/// <summary>
/// One connection and its write transaction: everything an update changes commits together. Disposing it lets
/// the next writer of this process in.
/// </summary>
public sealed class UnitOfWork(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim writer) : IDisposable
{
    private bool _disposed;

    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; } = transaction;

    public void Commit() => Transaction.Commit();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Transaction.Dispose();
            Connection.Dispose();
        }
        finally
        {
            writer.Release();
        }
    }
}

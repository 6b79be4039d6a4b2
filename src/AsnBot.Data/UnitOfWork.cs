using Microsoft.Data.Sqlite;

namespace AsnBot.Data;

/// <summary>One connection and its write transaction: everything an update changes commits together.</summary>
public sealed class UnitOfWork(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; } = transaction;

    public void Commit() => Transaction.Commit();

    public void Dispose()
    {
        Transaction.Dispose();
        Connection.Dispose();
    }
}

using AsnBot.Data;
using AsnBot.Tests.Support;
using Dapper;

namespace AsnBot.Tests.Data;

/// <summary>The data project reads the provider's errors for the bot, which decides on the kind alone (retry the batch or apologise).</summary>
public sealed class StorageErrorTests : IDisposable
{
    private const string InsertResident = "INSERT INTO resident (user_id, chat_id, language, consent_version, consented_at) VALUES (1, 1, 'id', 'v', 'x')";

    private readonly TempDatabase _temp = new();

    [Fact]
    public void Classify_ABrokenConstraint_IsOther_AndNotTransient()
    {
        using var work = _temp.Database.Connect();
        work.Connection.Execute(InsertResident);

        var error = _temp.Database.Classify(Assert.ThrowsAny<Exception>(() => work.Connection.Execute(InsertResident)));

        Assert.Equal(StorageFault.Other, error?.Fault);
        Assert.False(error!.IsTransient);
    }

    [Fact]
    public void Classify_AWriteWhileAnotherConnectionHoldsTheLock_IsLocked_AndTransient()
    {
        using var holder = _temp.Database.Begin();
        holder.Connection.Execute(InsertResident, transaction: holder.Transaction);

        // SQLite: the write lock of the file, from a connection outside this process's writer queue; PostgreSQL: the
        // uncommitted row's key, with lock_timeout (SQLSTATE 55P03).
        using var other = TestStorage.OnPostgres ? _temp.Database.Connect() : new Database(_temp.Sqlite.Path).Connect();
        other.Connection.Execute(TestStorage.OnPostgres ? "SET lock_timeout = '100ms'" : "PRAGMA busy_timeout=0");

        var error = _temp.Database.Classify(Assert.ThrowsAny<Exception>(() => other.Connection.Execute(InsertResident, commandTimeout: 1)));

        Assert.Equal(StorageFault.Locked, error?.Fault);
        Assert.True(error!.IsTransient);
        Assert.Contains(_temp.Database.Location, error.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_AWriteToADatabaseThatOnlyReads_IsReadOnly_AndTransient()
    {
        using var work = _temp.Database.Connect();
        work.Connection.Execute(TestStorage.OnPostgres ? "SET default_transaction_read_only = on" : "PRAGMA query_only = 1");

        var error = _temp.Database.Classify(Assert.ThrowsAny<Exception>(() => work.Connection.Execute(InsertResident)));

        Assert.Equal(StorageFault.ReadOnly, error?.Fault);
        Assert.True(error!.IsTransient);
    }

    [Fact]
    public void Classify_ADatabaseThatCannotBeReached_IsUnavailable_AndTransient()
    {
        // SQLite: a file under a path that is not a folder; PostgreSQL: a port nobody listens on.
        var blocker = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(_temp.Settings["Storage:Path"]!))!, "not-a-folder");
        File.WriteAllText(blocker, string.Empty);
        SqlDatabase unreachable = TestStorage.OnPostgres
            ? new PostgresDatabase("Host=127.0.0.1;Port=1;Database=asnbot;Username=asnbot;Timeout=2")
            : new Database(Path.Combine(blocker, "asnbot.db"));

        var error = unreachable.Classify(Assert.ThrowsAny<Exception>(() => unreachable.Connect().Dispose()));

        Assert.Equal(StorageFault.Unavailable, error?.Fault);
        Assert.True(error!.IsTransient);
        (unreachable as IDisposable)?.Dispose();
    }

    [Fact]
    public void Classify_AnErrorThatIsNotStorage_IsNull() =>
        Assert.Null(_temp.Database.Classify(new InvalidOperationException("not a database error")));

    public void Dispose() => _temp.Dispose();
}

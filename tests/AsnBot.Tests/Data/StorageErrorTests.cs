using AsnBot.Data;
using AsnBot.Tests.Support;
using Dapper;

namespace AsnBot.Tests.Data;

/// <summary>The data project reads SQLite's errors for the bot, which decides on the kind alone (retry the batch or apologise).</summary>
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
        using var other = new Database(_temp.Database.Path).Connect();
        other.Connection.Execute("PRAGMA busy_timeout=0");

        var error = _temp.Database.Classify(Assert.ThrowsAny<Exception>(() => other.Connection.Execute(InsertResident, commandTimeout: 1)));

        Assert.Equal(StorageFault.Locked, error?.Fault);
        Assert.True(error!.IsTransient);
        Assert.Contains(_temp.Database.Path, error.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_AnErrorThatIsNotStorage_IsNull() =>
        Assert.Null(_temp.Database.Classify(new InvalidOperationException("not a database error")));

    public void Dispose() => _temp.Dispose();
}

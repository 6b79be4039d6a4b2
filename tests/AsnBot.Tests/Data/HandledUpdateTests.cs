using AsnBot.Tests.Support;

namespace AsnBot.Tests.Data;

/// <summary>Webhook mode's record of applied update ids, on a real SQLite file.</summary>
public sealed class HandledUpdateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void MarkHandled_IsTrueOnlyTheFirstTime_AndOnlyOnceCommitted()
    {
        using (var rolledBack = _database.Database.Begin())
        {
            Assert.True(rolledBack.Updates.MarkHandled(500, Now));
        }

        using (var work = _database.Database.Begin())
        {
            Assert.True(work.Updates.MarkHandled(500, Now));
            work.Commit();
        }

        using var again = _database.Database.Begin();
        Assert.False(again.Updates.MarkHandled(500, Now.AddMinutes(1)));
        Assert.True(again.Updates.MarkHandled(501, Now.AddMinutes(1)));
    }

    [Fact]
    public void ForgetHandledBefore_ForgetsOnlyOlderIds()
    {
        using (var work = _database.Database.Begin())
        {
            work.Updates.MarkHandled(1, Now.AddDays(-2));
            work.Updates.MarkHandled(2, Now.AddHours(-1));
            Assert.Equal(1, work.Updates.ForgetHandledBefore(Now.AddDays(-1)));
            work.Commit();
        }

        Assert.Equal(1, _database.Database.Count("SELECT COUNT(*) FROM handled_update WHERE update_id = 2"));
        Assert.Equal(0, _database.Database.Count("SELECT COUNT(*) FROM handled_update WHERE update_id = 1"));
    }
}

using AsnBot.Data;
using AsnBot.Data.Residents;
using AsnBot.Data.Sessions;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Data.Cluster;

/// <summary>
/// One chat's updates on two instances at once (two connections to one PostgreSQL database): the second update's
/// transaction reads the resident's session only after the first committed, so it continues from the first's state
/// instead of overwriting it with a stale one.
/// </summary>
[Trait("Storage", "postgres")]
public sealed class SessionLockTests : IDisposable
{
    private const long ChatId = 5_000_001;
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 4, 0, 0, TimeSpan.Zero);
    private readonly TempPostgresDatabase _postgres = new();
    private readonly PostgresDatabase _database;

    public SessionLockTests() => _database = new PostgresDatabase(_postgres.ConnectionString);

    [Fact]
    public async Task TheSecondInstancesUpdateOfAChat_WaitsForTheFirstsCommit_AndSeesItsState()
    {
        using (var seed = _database.Begin())
        {
            seed.Residents.Save(new ResidentRow { UserId = ChatId, ChatId = ChatId, Language = "id", ConsentVersion = "v", ConsentedAt = Now });
            seed.Sessions.Save(new SessionRow { ChatId = ChatId, UserId = ChatId, State = "Question", QuestionCode = "U1", UpdatedAt = Now });
            seed.Commit();
        }

        // Instance A is applying an answer to U1: it has read (and so locked) the session, and not committed yet.
        var first = _database.Begin();
        var atA = first.Sessions.Find(ChatId)!;
        Assert.Equal("U1", atA.QuestionCode);

        // Instance B gets the resident's next update meanwhile.
        var second = Task.Run(() =>
        {
            using var work = _database.Begin();
            var atB = work.Sessions.Find(ChatId)!;
            work.Commit();
            return atB.QuestionCode;
        });
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(second.IsCompleted, "B read the session while A's update of the same chat was still open");

        atA.QuestionCode = "U2";
        first.Sessions.Save(atA);
        first.Commit();
        first.Dispose();
        Assert.Equal("U2", await second.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose()
    {
        _database.Dispose();
        _postgres.Dispose();
    }
}

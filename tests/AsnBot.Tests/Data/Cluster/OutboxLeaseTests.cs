using AsnBot.Data;
using AsnBot.Data.Outbox;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Npgsql;

namespace AsnBot.Tests.Data.Cluster;

/// <summary>
/// Outbox leases on a real PostgreSQL database: a claimed row is nobody else's until its lease runs out, then the
/// next sender takes it over (and learns whose claim it replaced), and a row being claimed elsewhere is skipped, not
/// waited for.
/// </summary>
[Trait("Storage", "postgres")]
public sealed class OutboxLeaseTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly TempPostgresDatabase _postgres = new();
    private readonly PostgresDatabase _database;

    public OutboxLeaseTests()
    {
        _database = new PostgresDatabase(_postgres.ConnectionString);
        _database.Migrate();
    }

    [Fact]
    public void ARowClaimedByADeadSender_IsTakenOverOnlyAfterItsLeaseRanOut()
    {
        var id = Enqueue(chatId: 7, "hello");

        var first = Claim(id, "a", Now);
        Assert.NotNull(first);
        Assert.Null(first.TakenOverFrom);
        Assert.Equal("hello", ((SendText)OutboundJson.Deserialize(first.Payload)).Text);

        // While a's lease runs, the row is neither due nor claimable by b.
        Assert.Null(Claim(id, "b", Now + Lease - TimeSpan.FromSeconds(1)));
        Assert.DoesNotContain(Due(Now + Lease - TimeSpan.FromSeconds(1)), d => d.Id == id);

        // a died without recording the send: after its lease, b sends it, knowing it may be the second time.
        Assert.Contains(Due(Now + Lease), d => d.Id == id);
        var takeover = Claim(id, "b", Now + Lease);
        Assert.NotNull(takeover);
        Assert.Equal("a", takeover.TakenOverFrom);
    }

    [Fact]
    public void ARowAnotherTransactionIsClaiming_IsSkippedWithoutWaiting()
    {
        var id = Enqueue(chatId: 8, "busy");
        using var other = new NpgsqlConnection(_postgres.ConnectionString);
        other.Open();
        using var claiming = other.BeginTransaction();
        using (var lockRow = new NpgsqlCommand("SELECT id FROM outbox WHERE id = @id FOR UPDATE", other, claiming))
        {
            lockRow.Parameters.AddWithValue("id", id);
            lockRow.ExecuteScalar();
        }

        // Without SKIP LOCKED this would wait for the other transaction, which is still open.
        Assert.Null(Claim(id, "b", Now));

        claiming.Rollback();
        Assert.NotNull(Claim(id, "b", Now));
    }

    [Fact]
    public void ASendersOwnClaim_ItsOutcomeNotRecorded_IsDueToItAgainAtOnce_AndNoTakeover()
    {
        var id = Enqueue(chatId: 10, "unrecorded");
        Assert.NotNull(Claim(id, "a", Now));

        Assert.Contains(Due(Now + TimeSpan.FromSeconds(1), "a"), d => d.Id == id);
        var again = Claim(id, "a", Now + TimeSpan.FromSeconds(1));
        Assert.NotNull(again);
        Assert.Null(again.TakenOverFrom);
    }

    [Fact]
    public void ARetry_ClearsTheClaim_SoTheNextClaimIsNoTakeover()
    {
        var id = Enqueue(chatId: 9, "retry");
        Assert.NotNull(Claim(id, "a", Now));
        using (var work = _database.Connect())
        {
            work.Outbox.RetryLater(id, Now + TimeSpan.FromSeconds(2));
        }

        var again = Claim(id, "a", Now + TimeSpan.FromSeconds(2));
        Assert.NotNull(again);
        Assert.Null(again.TakenOverFrom);
    }

    public void Dispose()
    {
        _database.Dispose();
        _postgres.Dispose();
    }

    private long Enqueue(long chatId, string text)
    {
        using (var work = _database.Begin())
        {
            work.Outbox.Enqueue(chatId, OutboxPriority.Reply, "send", OutboundJson.Serialize(new SendText(chatId, text)), Now);
            work.Commit();
        }

        return _postgres.Scalar<long>("SELECT MAX(id) FROM outbox");
    }

    private OutboxRow? Claim(long id, string owner, DateTimeOffset at)
    {
        using var work = _database.Connect();
        return work.Outbox.Claim(id, owner, at, at + Lease);
    }

    private IReadOnlyList<OutboxDue> Due(DateTimeOffset at, string owner = "b")
    {
        using var work = _database.Connect();
        return work.Outbox.Due(at, 100, owner);
    }
}

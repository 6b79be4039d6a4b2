using AsnBot.Data;
using AsnBot.Data.Cluster;
using AsnBot.Data.Outbox;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Npgsql;

namespace AsnBot.Tests.Data.Cluster;

/// <summary>
/// Outbox leases on a real PostgreSQL database: a claimed row is nobody else's until its lease runs out, then the
/// next sender takes it over (and learns whose claim it replaced), a row being claimed elsewhere is skipped, not
/// waited for, a sender whose turn of sending was taken over claims nothing, and a takeover cuts the leases short.
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

    [Fact]
    public void AClaimUnderAnOlderTurnOfSending_ClaimsNothing_TheNewestTurnClaims()
    {
        var id = Enqueue(chatId: 11, "fenced");
        _postgres.Scalar<int>($"INSERT INTO duty_fence (duty, epoch) VALUES ({(int)Duty.Sending}, 2) RETURNING 1");

        // An instance whose lock session ended took sending at epoch 1; another has taken it since (epoch 2).
        Assert.Null(Claim(id, "a", Now, epoch: 1));
        var claimed = Claim(id, "b", Now, epoch: 2);
        Assert.NotNull(claimed);
        Assert.Null(claimed.TakenOverFrom);
    }

    [Fact]
    public void CutLeases_EndsTheOtherSendersLeasesByThen_AndKeepsTheTakersOwn()
    {
        var dead = Enqueue(chatId: 12, "claimed by a, which died");
        var own = Enqueue(chatId: 13, "claimed by b");
        Assert.NotNull(Claim(dead, "a", Now));
        Assert.NotNull(Claim(own, "b", Now));

        using (var work = _database.Connect())
        {
            work.Outbox.CutLeases("b", Now + TimeSpan.FromSeconds(4));
        }

        // a's row is b's to send 4 s after the takeover, not 30; b's own lease is untouched.
        Assert.DoesNotContain(Due(Now + TimeSpan.FromSeconds(3)), d => d.Id == dead);
        Assert.Contains(Due(Now + TimeSpan.FromSeconds(4)), d => d.Id == dead);
        Assert.DoesNotContain(Due(Now + TimeSpan.FromSeconds(4), owner: "c"), d => d.Id == own);
        Assert.Equal("a", Claim(dead, "b", Now + TimeSpan.FromSeconds(4))?.TakenOverFrom);
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

    private OutboxRow? Claim(long id, string owner, DateTimeOffset at, long epoch = 0)
    {
        using var work = _database.Connect();
        return work.Outbox.Claim(id, owner, new DutyTurn(Duty.Sending, epoch), at, at + Lease);
    }

    private IReadOnlyList<OutboxDue> Due(DateTimeOffset at, string owner = "b")
    {
        using var work = _database.Connect();
        return work.Outbox.Due(at, 100, owner);
    }
}

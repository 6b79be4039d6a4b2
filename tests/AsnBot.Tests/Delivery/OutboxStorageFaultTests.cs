using AsnBot.Data.Outbox;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AsnBot.Tests.Delivery;

/// <summary>Telegram accepted a message but its delivery cannot be recorded (disk full, read-only, locked).</summary>
public sealed class OutboxStorageFaultTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ARecordThatFails_PausesSending_InsteadOfSendingTheSameMessageAgainAndAgain()
    {
        Enqueue(new SendText(42, "Pertanyaan 2 dari 9"));

        // Storage refuses to record any delivery, as a full disk would.
        using (var connection = _database.Database.Open())
        {
            connection.Execute("CREATE TRIGGER fail_record BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
        }

        var transport = new CountingTransport();
        var options = Microsoft.Extensions.Options.Options.Create(new DeliveryOptions { GlobalPerSecond = 1000, PerChatPerSecond = 100, PerChatBurst = 20 });
        using var limiter = new SendRateLimiter(options);
        using var sender = new OutboxSender(_database.Database, transport, limiter, NoAdminGroup.Watch(), new OutboxSignal(), _clock, options, NullLogger<OutboxSender>.Instance);
        await sender.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(600));

        // One send, then a pause on the bot's clock; no tight loop of re-sends.
        Assert.Equal(1, transport.Sends);

        using (var connection = _database.Database.Open())
        {
            connection.Execute("DROP TRIGGER fail_record");
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        for (var waited = 0; _database.Database.Count("SELECT COUNT(*) FROM outbox") > 0 && waited < 100; waited++)
        {
            await Task.Delay(50);
        }

        await sender.StopAsync(CancellationToken.None);

        // Sent once more once storage recovered: the one duplicate a lost record costs, and no more.
        Assert.Equal(2, transport.Sends);
    }

    private void Enqueue(Outbound outbound)
    {
        using var work = _database.Database.Begin();
        work.Outbox.Enqueue(outbound.ChatId, OutboxPriority.Reply, OutboundJson.Kind(outbound), OutboundJson.Serialize(outbound), _clock.GetUtcNow());
        work.Commit();
    }

    public void Dispose() => _database.Dispose();

    private sealed class CountingTransport : IMessageTransport
    {
        private int _sends;

        public int Sends => Volatile.Read(ref _sends);

        public Task<DeliveryResult> DeliverAsync(Outbound outbound, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sends);
            return Task.FromResult(new DeliveryResult(DeliveryStatus.Delivered));
        }
    }
}

using AsnBot.Data.Residents;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AsnBot.Tests.Engine;

/// <summary>The engine's parts of a finished send: tagged messages remembered, residents who blocked the bot marked.</summary>
public sealed class DeliveryOutcomeTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedTransport _transport = new();
    private readonly OutboxSender _sender;

    public DeliveryOutcomeTests() => _sender = TestSender.Create(_database.Database, _transport, _clock);

    [Fact]
    public async Task ADeliveredTaggedMessage_IsRememberedWithItsMessageId_ButNotOneRefusedOrUntagged()
    {
        _database.Database.Enqueue(new SendText(1, "untagged"), _clock.GetUtcNow());
        _database.Database.Enqueue(new SendText(1, "post") { Tag = "post:7" }, _clock.GetUtcNow());
        _database.Database.Enqueue(new SendText(2, "refused") { Tag = "post:8" }, _clock.GetUtcNow());
        _transport.Answer(2, new DeliveryResult(DeliveryStatus.Rejected, Reason: "Bad Request: message is too long"));
        await _sender.DrainAsync(CancellationToken.None);

        var remembered = _database.Database.Rows<(long ChatId, int MessageId, string Tag)>("SELECT chat_id, message_id, tag FROM sent_message");
        Assert.Equal([(1L, 2, "post:7")], remembered);
        Assert.Equal(0, _database.Database.Count("SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task AResidentWhoBlockedTheBot_IsMarkedBlocked_AndWhatIsQueuedForThemIsDropped()
    {
        using (var work = _database.Database.Begin())
        {
            var residents = work.Residents;
            foreach (var id in new long[] { 1, 2 })
            {
                residents.Save(new ResidentRow { UserId = id, ChatId = id, Language = "id", ConsentVersion = "1", ConsentedAt = _clock.GetUtcNow() });
            }

            work.Commit();
        }

        _database.Database.Enqueue(new SendText(1, "first"), _clock.GetUtcNow());
        _database.Database.Enqueue(new SendText(1, "second"), _clock.GetUtcNow());
        _database.Database.Enqueue(new SendText(2, "other"), _clock.GetUtcNow());
        _transport.Answer(1, new DeliveryResult(DeliveryStatus.Unreachable, Reason: "Forbidden: bot was blocked by the user"));
        await _sender.DrainAsync(CancellationToken.None);

        Assert.Equal(1, _database.Database.Count("SELECT COUNT(*) FROM resident WHERE blocked_at IS NOT NULL AND user_id = 1"));
        Assert.Equal(0, _database.Database.Count("SELECT COUNT(*) FROM resident WHERE blocked_at IS NOT NULL AND user_id = 2"));
        Assert.Equal(0, _database.Database.Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(["other"], _transport.Delivered.Select(m => ((SendText)m).Text));
    }

    public void Dispose()
    {
        _sender.Dispose();
        _database.Dispose();
    }
}

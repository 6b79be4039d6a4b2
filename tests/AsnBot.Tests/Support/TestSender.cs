using AsnBot.Admin;
using AsnBot.Data;
using AsnBot.Data.Cluster;
using AsnBot.Data.Outbox;
using AsnBot.Delivery;
using AsnBot.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsnBot.Tests.Support;

/// <summary>An outbox sender over a real database with every feature's outcome, and rows queued for it.</summary>
public static class TestSender
{
    /// <summary>
    /// A sender with limits no test reaches. Its rate limiter runs on real time: a fake clock stands still while a
    /// test sends dozens of messages; <paramref name="clock"/> is the bot's clock (retry deadlines, a stop's grace).
    /// </summary>
    public static OutboxSender Create(SqlDatabase database, IMessageTransport transport, TimeProvider clock, AdminOptions? admin = null, int maxConcurrency = 16, OutboxSignal? signal = null, IDutyLocks? duties = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new DeliveryOptions
        {
            GlobalPerSecond = 10_000,
            PerChatPerSecond = 100,
            PerChatBurst = 20,
            MaxConcurrency = maxConcurrency,
        });
        return new OutboxSender(database, transport, new SendRateLimiter(options, TimeProvider.System), DeliveryOutcomes.All(admin), signal ?? new OutboxSignal(),
            new DutyOwner(duties ?? new SingleProcess(), clock, NullLogger<DutyOwner>.Instance), new SingleProcess(), clock, options, NullLogger<OutboxSender>.Instance);
    }

    public static void Enqueue(this SqlDatabase database, Outbound message, DateTimeOffset now, int priority = OutboxPriority.Reply, long? broadcastId = null)
    {
        using var work = database.Begin();
        work.Outbox.Enqueue(message.ChatId, priority, OutboundJson.Kind(message), OutboundJson.Serialize(message), now, broadcastId);
        work.Commit();
    }
}

using AsnBot.Data.Outbox;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AsnBot.Tests.Delivery;

/// <summary>
/// How the sender chooses what to send when it reuses an earlier read of the outbox, and how it records what
/// finished: the choices must stay those of a fresh read, and every outcome must be recorded once.
/// </summary>
public sealed class OutboxSenderTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly OutboxSignal _signal = new();
    private readonly List<SendRateLimiter> _limiters = [];

    [Fact]
    public async Task ARowDroppedAfterTheSenderReadIt_IsNotSent()
    {
        Enqueue(new SendText(1, "first"));
        Enqueue(new SendText(2, "dropped"));
        var transport = new GatedTransport(hold: "first");
        using var sender = Sender(transport, maxConcurrency: 1);
        await sender.StartAsync(CancellationToken.None);
        await transport.Held.WaitAsync(TimeSpan.FromSeconds(10));

        // The sender has read both rows and is sending the first. Chat 2 blocks the bot, say: its row goes,
        // and another chat's message is queued, both without waking the sender.
        using (var work = _database.Database.Begin())
        {
            work.Outbox.DropChat(2);
            work.Outbox.Enqueue(3, OutboxPriority.Reply, "send", OutboundJson.Serialize(new SendText(3, "last")), _clock.GetUtcNow());
            work.Commit();
        }

        transport.Release();
        await transport.WaitForAsync("last");
        await sender.StopAsync(CancellationToken.None);

        Assert.Equal(["first", "last"], transport.Sent);
    }

    [Fact]
    public async Task AReplyQueuedWhileTheSenderIsBusy_GoesBeforeInvitationsItReadEarlier()
    {
        Enqueue(new SendText(1, "first"));
        Enqueue(new SendText(2, "invitation"), OutboxPriority.Broadcast);
        var transport = new GatedTransport(hold: "first");
        using var sender = Sender(transport, maxConcurrency: 1);
        await sender.StartAsync(CancellationToken.None);
        await transport.Held.WaitAsync(TimeSpan.FromSeconds(10));

        Enqueue(new SendText(3, "reply"));
        _signal.Notify();
        transport.Release();
        await transport.WaitForAsync("invitation");
        await sender.StopAsync(CancellationToken.None);

        Assert.Equal(["first", "reply", "invitation"], transport.Sent);
    }

    [Fact]
    public async Task ManySendsFinishingTogether_AreEachSentOnceAndRecordedOnce()
    {
        const int Chats = 120;
        for (var chat = 1; chat <= Chats; chat++)
        {
            Enqueue(new SendText(chat, $"a{chat}") { Tag = "probe" });
            Enqueue(new SendText(chat, $"b{chat}"));
        }

        var transport = new GatedTransport(hold: null);
        using var sender = Sender(transport, maxConcurrency: 16);
        await sender.DrainAsync(CancellationToken.None);

        Assert.Equal(2 * Chats, transport.Sent.Count);
        Assert.Equal(2 * Chats, transport.Sent.Distinct().Count());
        for (var chat = 1; chat <= Chats; chat++)
        {
            // In order within each chat.
            Assert.True(transport.Sent.IndexOf($"a{chat}") < transport.Sent.IndexOf($"b{chat}"));
        }

        Assert.Equal(0, _database.Database.Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(Chats, _database.Database.Count("SELECT COUNT(*) FROM sent_message WHERE tag = 'probe'"));
    }

    [Fact]
    public async Task AWriterOfThisProcess_WaitsForAnotherLongerThanSQLitesBusyTimeout_InsteadOfFailing()
    {
        var first = _database.Database.Begin();
        var second = Task.Run(() =>
        {
            using var work = _database.Database.Begin();
            work.Outbox.Enqueue(2, OutboxPriority.Reply, "send", OutboundJson.Serialize(new SendText(2, "second")), _clock.GetUtcNow());
            work.Commit();
        });

        // SQLite's own busy timeout is 5 s: a second connection would have failed with "database is locked" by now.
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        Assert.False(second.IsCompleted);

        first.Outbox.Enqueue(1, OutboxPriority.Reply, "send", OutboundJson.Serialize(new SendText(1, "first")), _clock.GetUtcNow());
        first.Commit();
        first.Dispose();
        await second.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, _database.Database.Count("SELECT COUNT(*) FROM outbox"));
    }

    public void Dispose()
    {
        _limiters.ForEach(l => l.Dispose());
        _database.Dispose();
    }

    private OutboxSender Sender(IMessageTransport transport, int maxConcurrency)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new DeliveryOptions
        {
            GlobalPerSecond = 10_000,
            PerChatPerSecond = 100,
            PerChatBurst = 20,
            MaxConcurrency = maxConcurrency,
        });
        var limiter = new SendRateLimiter(options);
        _limiters.Add(limiter);
        return new OutboxSender(_database.Database, transport, limiter, NoAdminGroup.Watch(), _signal, _clock, options, NullLogger<OutboxSender>.Instance);
    }

    private void Enqueue(SendText message, int priority = OutboxPriority.Reply)
    {
        using var work = _database.Database.Begin();
        work.Outbox.Enqueue(message.ChatId, priority, OutboundJson.Kind(message), OutboundJson.Serialize(message), _clock.GetUtcNow());
        work.Commit();
    }

    /// <summary>Accepts every message and keeps their order; holds the one named <c>hold</c> until released.</summary>
    private sealed class GatedTransport(string? hold) : IMessageTransport
    {
        private readonly Lock _gate = new();
        private readonly List<string> _sent = [];
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _nextId;

        /// <summary>Completes when the held message reached the transport.</summary>
        public Task Held => _held.Task;

        public List<string> Sent
        {
            get
            {
                lock (_gate)
                {
                    return [.. _sent];
                }
            }
        }

        public void Release() => _release.TrySetResult();

        public async Task WaitForAsync(string text)
        {
            for (var waited = 0; !Sent.Contains(text); waited++)
            {
                Assert.True(waited < 200, $"\"{text}\" was not sent; sent: {string.Join(", ", Sent)}");
                await Task.Delay(50);
            }
        }

        public async Task<DeliveryResult> DeliverAsync(Outbound outbound, CancellationToken cancellationToken)
        {
            var text = ((SendText)outbound).Text;
            if (text == hold)
            {
                _held.TrySetResult();
                await _release.Task.WaitAsync(cancellationToken);
            }

            lock (_gate)
            {
                _sent.Add(text);
                return DeliveryResult.Delivered with { MessageId = ++_nextId };
            }
        }
    }
}

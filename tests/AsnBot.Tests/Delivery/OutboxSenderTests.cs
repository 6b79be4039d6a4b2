using AsnBot.Data.Outbox;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AsnBot.Tests.Delivery;

/// <summary>
/// How the sender chooses what to send when it reuses an earlier read of the outbox, how it records what
/// finished, and how it stops: the choices must stay those of a fresh read, every outcome must be recorded once, and
/// a stop must await the sends on the wire.
/// </summary>
public sealed class OutboxSenderTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private static readonly DateTimeOffset StartOfTest = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(StartOfTest);
    private readonly OutboxSignal _signal = new();

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
    public async Task AStopWhileASendIsOnTheWire_WaitsForIt_AndItsOutcomeIsRecordedBeforeTheStopReturns()
    {
        Enqueue(new SendText(1, "first") { Tag = "probe" });
        var transport = new GatedTransport(hold: "first");
        using var sender = Sender(transport, maxConcurrency: 1);
        await sender.StartAsync(CancellationToken.None);
        await transport.Held.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = sender.StopAsync(CancellationToken.None);
        transport.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["first"], transport.Sent);
        Assert.Equal(0, _database.Database.Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(1, _database.Database.Count("SELECT COUNT(*) FROM sent_message WHERE tag = 'probe'"));
    }

    [Fact]
    public async Task AStopWhoseSendOutlastsTheGrace_CutsItOffOnTheBotsClock_AndStillAwaitsIt()
    {
        Enqueue(new SendText(1, "stuck"));
        // Once cut off, the request takes 30 s of the bot's clock to unwind, as a slow connection might.
        var transport = new GatedTransport(hold: "stuck", unwinding: (_clock, TimeSpan.FromSeconds(30)));
        using var sender = Sender(transport, maxConcurrency: 1);
        await sender.StartAsync(CancellationToken.None);
        await transport.Held.WaitAsync(TimeSpan.FromSeconds(10));

        // The send never ends by itself: only the grace running out on the bot's clock ends the stop.
        var stopping = sender.StopAsync(CancellationToken.None);
        for (var step = 0; !stopping.IsCompleted; step++)
        {
            Assert.True(step < 400, "the stop did not end after its grace");
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(stopping, Task.Delay(50));
        }

        await stopping;
        Assert.True(transport.CutOffAt - StartOfTest >= OutboxSender.SendGrace, $"cut off after {transport.CutOffAt - StartOfTest}");
        Assert.True(transport.Returned, "the stop returned before the send it cut off");

        // Cut off half-way, the message may or may not have gone out: it stays queued for the next start.
        Assert.Equal(1, _database.Database.Count("SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    [Trait("Storage", "sqlite")]
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

    public void Dispose() => _database.Dispose();

    private OutboxSender Sender(IMessageTransport transport, int maxConcurrency) =>
        TestSender.Create(_database.Database, transport, _clock, maxConcurrency: maxConcurrency, signal: _signal);

    private void Enqueue(SendText message, int priority = OutboxPriority.Reply) => _database.Database.Enqueue(message, _clock.GetUtcNow(), priority);

    /// <summary>
    /// Accepts every message and keeps their order; holds the one named <c>hold</c> until released. Cut off while
    /// held, it returns after <c>unwinding</c> on that clock, if given.
    /// </summary>
    private sealed class GatedTransport(string? hold, (TimeProvider Clock, TimeSpan Time)? unwinding = null) : IMessageTransport
    {
        private readonly Lock _gate = new();
        private readonly List<string> _sent = [];
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _nextId;
        private DateTimeOffset? _cutOffAt;
        private volatile bool _returned;

        /// <summary>Completes when the held message reached the transport.</summary>
        public Task Held => _held.Task;

        /// <summary>When the held send was cancelled, on the unwinding clock.</summary>
        public DateTimeOffset? CutOffAt => _cutOffAt;

        /// <summary>The cancelled send's call returned.</summary>
        public bool Returned => _returned;

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
                try
                {
                    await _release.Task.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (unwinding is { } slow)
                {
                    _cutOffAt = slow.Clock.GetUtcNow();
                    await Task.Delay(slow.Time, slow.Clock, CancellationToken.None);
                    _returned = true;
                    throw;
                }
            }

            lock (_gate)
            {
                _sent.Add(text);
                return DeliveryResult.Delivered with { MessageId = ++_nextId };
            }
        }
    }
}

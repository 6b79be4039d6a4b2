using AsnBot.Admin;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AsnBot.Tests.Admin;

/// <summary>The admin group's part of a finished send: what the group refuses as a whole is kept, and the admins are told once per outage.</summary>
public sealed class AdminGroupWatchTests : IDisposable
{
    private const long Group = -100_500_000;
    private const long FirstAdmin = 501;
    private const long SecondAdmin = 502;
    private static readonly DeliveryResult GroupRefuses = new(DeliveryStatus.Rejected, Reason: "Bad Request: chat not found") { ChatRefused = true };

    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedTransport _transport = new();
    private readonly OutboxSender _sender;

    public AdminGroupWatchTests() =>
        _sender = TestSender.Create(_database.Database, _transport, _clock, new AdminOptions { UserIds = [FirstAdmin, SecondAdmin], GroupChatId = Group });

    [Fact]
    public async Task PostsTheGroupRefuses_StayQueued_AndEachAdminIsToldOncePerOutage()
    {
        _transport.Answer(Group, GroupRefuses);
        Enqueue(new SendText(Group, "Pengaduan ADU-1"));
        Enqueue(new SendText(Group, "Pengaduan ADU-2"));
        await _sender.DrainAsync(CancellationToken.None);

        Assert.Equal(2, _database.Database.Count($"SELECT COUNT(*) FROM outbox WHERE chat_id = {Group}"));
        Assert.Equal([1, 1], Notices());
        Assert.Contains("chat not found", Assert.Single(_transport.Delivered, m => m.ChatId == FirstAdmin) is SendText notice ? notice.Text : null, StringComparison.Ordinal);

        // Retried with back-off, refused again: the outage goes on, and the admins heard of it already.
        await RetryAsync();
        Assert.Equal(2, _database.Database.Count($"SELECT COUNT(*) FROM outbox WHERE chat_id = {Group}"));
        Assert.Equal([1, 1], Notices());

        // The group takes messages again: the posts arrive in order, and the outage is over.
        _transport.Answer(Group, DeliveryResult.Delivered);
        await RetryAsync();
        Assert.Equal(["Pengaduan ADU-1", "Pengaduan ADU-2"], _transport.Delivered.Where(m => m.ChatId == Group).Select(m => ((SendText)m).Text));

        // A new outage is told again.
        _transport.Answer(Group, GroupRefuses);
        Enqueue(new SendText(Group, "Pengaduan ADU-3"));
        await _sender.DrainAsync(CancellationToken.None);
        Assert.Equal([2, 2], Notices());
        Assert.Equal(1, _database.Database.Count($"SELECT COUNT(*) FROM outbox WHERE chat_id = {Group}"));
    }

    [Fact]
    public async Task AnotherChatRefusingAsAWhole_IsNotKept_AndNobodyIsTold()
    {
        _transport.Answer(-100_600_000, GroupRefuses);
        Enqueue(new SendText(-100_600_000, "Pengaduan ADU-1"));
        await _sender.DrainAsync(CancellationToken.None);

        Assert.Equal(0, _database.Database.Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal([0, 0], Notices());
    }

    public void Dispose()
    {
        _sender.Dispose();
        _database.Dispose();
    }

    private void Enqueue(SendText message) => _database.Database.Enqueue(message, _clock.GetUtcNow());

    /// <summary>Past any back-off, then sends what is due.</summary>
    private async Task RetryAsync()
    {
        _clock.Advance(TimeSpan.FromMinutes(2));
        await _sender.DrainAsync(CancellationToken.None);
    }

    private int[] Notices() => [.. new[] { FirstAdmin, SecondAdmin }.Select(admin => _transport.Delivered.Count(m => m.ChatId == admin))];
}

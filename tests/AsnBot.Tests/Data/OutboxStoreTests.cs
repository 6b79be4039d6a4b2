using AsnBot.Data.Outbox;
using AsnBot.Tests.Support;
using Dapper;

namespace AsnBot.Tests.Data;

/// <summary>What one chat's queue can cost everyone, on a real SQLite file.</summary>
public sealed class OutboxStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();

    [Fact]
    [Trait("Storage", "sqlite")]
    public void Due_FindsEachChatsNextMessageInTheIndex_WithoutSortingTheChatsBacklog()
    {
        using var connection = _database.Sqlite.Open();

        var plan = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + OutboxStore.SelectDue, new { now = Now, limit = 64 })
            .Select(step => step.Detail).ToList();

        // Sorting a chat's rows for every queued row made one chat's backlog of thousands cost seconds per read.
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("ix_outbox_chat (chat_id=?)", StringComparison.Ordinal));
    }

    [Fact]
    public void QueueReply_InAPrivateChat_KeepsOnlyTheNewestReplies_InTheirOrder_AndLeavesFilesAndBroadcasts()
    {
        using (var work = _database.Database.Begin())
        {
            work.Outbox.Enqueue(42, OutboxPriority.Broadcast, "send", "invitation", Now, broadcastId: 1);
            work.Outbox.QueueReply(new OutboxReply(42, "document", "export"), 20, Now);
            for (var i = 1; i <= 30; i++)
            {
                work.Outbox.QueueReply(new OutboxReply(42, "send", $"r{i}"), 20, Now);
            }

            work.Outbox.QueueReply(new OutboxReply(43, "send", "other"), 20, Now);
            work.Commit();
        }

        Assert.Equal(Enumerable.Range(11, 20).Select(i => $"r{i}"), Payloads(42, "send", OutboxPriority.Reply));
        Assert.Equal(["export"], Payloads(42, "document", OutboxPriority.Reply));
        Assert.Equal(["invitation"], Payloads(42, "send", OutboxPriority.Broadcast));
        Assert.Equal(["other"], Payloads(43, "send", OutboxPriority.Reply));
    }

    [Fact]
    public void QueueReply_ANoticeAhead_CountsAgainstTheCap_AndIsNeverSuperseded()
    {
        using (var work = _database.Database.Begin())
        {
            work.Outbox.QueueReply(new OutboxReply(42, "send", "slow down", Ahead: true), 20, Now);
            for (var i = 1; i <= 30; i++)
            {
                work.Outbox.QueueReply(new OutboxReply(42, "send", $"r{i}"), 20, Now);
            }

            work.Commit();
        }

        Assert.Equal(20, _database.Database.Count("SELECT COUNT(*) FROM outbox WHERE chat_id = 42"));
        Assert.Equal(["slow down"], Payloads(42, "send", OutboxPriority.Ahead));
        Assert.Equal("slow down", Head(42));
    }

    [Fact]
    public void QueueReply_AnEditOfAGroupPost_SupersedesItsQueuedEdits_AndGoesAheadOfTheGroupsNotices()
    {
        const long Group = -100_5;
        using (var work = _database.Database.Begin())
        {
            work.Outbox.QueueReply(new OutboxReply(Group, "send", "notice 1"), 20, Now);
            work.Outbox.QueueReply(new OutboxReply(Group, "edit", "post 7: verified", EditOf: 7), 20, Now);
            work.Outbox.QueueReply(new OutboxReply(Group, "send", "notice 2"), 20, Now);
            work.Outbox.QueueReply(new OutboxReply(Group, "edit", "post 8: verified", EditOf: 8), 20, Now);
            work.Outbox.QueueReply(new OutboxReply(Group, "edit", "post 7: in progress", EditOf: 7), 20, Now);
            work.Commit();
        }

        Assert.Equal(["post 8: verified", "post 7: in progress"], Payloads(Group, "edit", OutboxPriority.Ahead));
        Assert.Equal(["notice 1", "notice 2"], Payloads(Group, "send", OutboxPriority.Reply));
        Assert.Equal("post 8: verified", Head(Group));
    }

    public void Dispose() => _database.Dispose();

    private List<string> Payloads(long chatId, string kind, int priority)
    {
        using var connection = _database.Database.Open();
        return [.. connection.Query<string>("SELECT payload FROM outbox WHERE chat_id = @chatId AND kind = @kind AND priority = @priority ORDER BY id", new { chatId, kind, priority })];
    }

    /// <summary>The payload of the chat's row the sender would choose now.</summary>
    private string Head(long chatId)
    {
        using var connection = _database.Database.Connect();
        var due = connection.Outbox.Due(Now, 100).Single(d => d.ChatId == chatId && d.Kind != "answer");
        return connection.Connection.ExecuteScalar<string>("SELECT payload FROM outbox WHERE id = @id", new { id = due.Id })!;
    }
}

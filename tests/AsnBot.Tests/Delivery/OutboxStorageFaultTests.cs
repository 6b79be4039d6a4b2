using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Dapper;
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
        _database.Database.Enqueue(new SendText(42, "Pertanyaan 2 dari 9"), _clock.GetUtcNow());

        // Storage refuses to record any delivery, as a full disk would.
        using (var connection = _database.Database.Open())
        {
            connection.Execute(TestStorage.OnPostgres
                ? """
                  CREATE FUNCTION fail_record() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END $$;
                  CREATE TRIGGER fail_record BEFORE DELETE ON outbox FOR EACH ROW EXECUTE FUNCTION fail_record();
                  """
                : "CREATE TRIGGER fail_record BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
        }

        var transport = new ScriptedTransport();
        using var sender = TestSender.Create(_database.Database, transport, _clock);

        // Draining ends once nothing more may go: one send, then a pause on the bot's clock, not a loop of re-sends.
        await sender.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(transport.Delivered);

        using (var connection = _database.Database.Open())
        {
            connection.Execute(TestStorage.OnPostgres ? "DROP TRIGGER fail_record ON outbox" : "DROP TRIGGER fail_record");
        }

        // Storage works again, but the pause (1 s on the bot's clock) is not over: still nothing is sent.
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        await sender.DrainAsync(CancellationToken.None);
        Assert.Single(transport.Delivered);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await sender.DrainAsync(CancellationToken.None);

        // Sent once more once storage recovered: the one duplicate a lost record costs, and no more.
        Assert.Equal(2, transport.Delivered.Count);
        Assert.Equal(0, _database.Database.Count("SELECT COUNT(*) FROM outbox"));
    }

    public void Dispose() => _database.Dispose();
}

using AsnBot.Data.Updates;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using Dapper;

namespace AsnBot.Tests.Delivery;

public sealed class InboundProcessorTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task RedeliveredUpdate_HasOneEffect()
    {
        var resident = await _bot.Resident(801).ToFirstElement();

        var data = resident.Last.Buttons.First().Data;
        var press = new Inbound { ChatId = 801, UserId = 801, Kind = InboundKind.Button, ButtonData = data, ButtonId = "x", ButtonMessageId = resident.Last.Id };

        Assert.True(await _bot.Deliver(press, updateId: 5000));
        var outboxAfterFirst = _bot.Transcript.Messages(801).Sum(m => m.Edits + 1);
        Assert.False(await _bot.Deliver(press, updateId: 5000));
        Assert.False(await _bot.Deliver(press, updateId: 4999));

        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM answer"));
        Assert.Equal(outboxAfterFirst, _bot.Transcript.Messages(801).Sum(m => m.Edits + 1));
        using var connection = _bot.Database.Connect();
        Assert.Equal(5001, connection.Updates.NextUpdateId());
    }

    [Fact]
    public async Task CorruptSession_GetsAnApology_AndTheUpdateIsNotRetriedForever()
    {
        var resident = _bot.Resident(802);
        await resident.Command("start", "u_RSUD");
        await resident.Press("Setuju");
        using (var connection = _bot.Database.Open())
        {
            connection.Execute("UPDATE session SET state = 'NoSuchState'");
        }

        Assert.True(await _bot.Deliver(new Inbound { ChatId = 802, UserId = 802, Kind = InboundKind.Text, Text = "halo" }, updateId: 7000));

        Assert.StartsWith("Maaf, terjadi kesalahan", resident.Last.Text, StringComparison.Ordinal);
        using var check = _bot.Database.Connect();
        Assert.Equal(7001, check.Updates.NextUpdateId());

        // A press gets its spinner stopped too, and the apology is in the resident's chosen language.
        check.Connection.Execute("UPDATE resident SET language = 'en' WHERE user_id = 802");
        await _bot.Deliver(new Inbound { ChatId = 802, UserId = 802, LanguageCode = "id", Kind = InboundKind.Button, ButtonData = "a:1:1", ButtonId = "press-1" }, updateId: 7001);
        Assert.Contains(_bot.Transcript.Answers, a => a.ButtonId == "press-1");
        Assert.StartsWith("Sorry, something went wrong", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_AFaultInOneUpdate_RollsBackOnlyThatUpdate_AndSkipsWhatWasHandledBefore()
    {
        var good = _bot.Resident(803);
        var broken = _bot.Resident(804);
        await broken.Command("start");
        await broken.Press("Setuju");
        using (var connection = _bot.Database.Open())
        {
            connection.Execute("UPDATE session SET state = 'NoSuchState' WHERE chat_id = 804");
        }

        Inbound Start(long user) => new() { ChatId = user, UserId = user, Kind = InboundKind.Command, Command = "start" };
        _bot.Processor.ProcessBatch([(8000, Start(803)), (8001, new Inbound { ChatId = 804, UserId = 804, Kind = InboundKind.Text, Text = "halo" }), (8002, null)]);
        _bot.Processor.ProcessBatch([(8000, Start(803)), (8003, Start(803))]);
        await _bot.Sender.DrainAsync(CancellationToken.None);

        Assert.StartsWith("Maaf, terjadi kesalahan", broken.Last.Text, StringComparison.Ordinal);
        Assert.Equal(2, good.Messages.Count(m => m.Buttons.Any(b => b.Label == "Setuju")));
        using var check = _bot.Database.Connect();
        Assert.Equal(8004, check.Updates.NextUpdateId());
        Assert.Equal("NoSuchState", check.Connection.ExecuteScalar<string>("SELECT state FROM session WHERE chat_id = 804"));
    }

    [Fact]
    public async Task UpdateWithNothingToHandle_StillAdvancesTheOffset()
    {
        Assert.True(_bot.Processor.Process(9000, inbound: null));
        await _bot.Sender.DrainAsync(CancellationToken.None);

        using var connection = _bot.Database.Connect();
        Assert.Equal(9001, connection.Updates.NextUpdateId());
    }
}

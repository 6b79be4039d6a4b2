using AsnBot.Data;
using AsnBot.Engine;
using AsnBot.Tests.Support;
using AsnBot.Texts;
using Stateless;

namespace AsnBot.Tests.Engine;

/// <summary>The machine of a flow type is configured once and lent to the flow of each update in turn.</summary>
public sealed class FlowMachineTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly UnitOfWork _work;
    private static readonly TextCatalog Texts = TextCatalog.LoadBuiltIn();
    private int _configured;

    public FlowMachineTests() => _work = _database.Database.Begin();

    public void Dispose()
    {
        _work.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void ManyUpdatesInTurn_ConfigureTheMachineOnce_AndEachChangesOnlyItsOwnRow()
    {
        var machine = NewMachine();
        var rows = Enumerable.Range(0, 100).Select(_ => new DoorRow()).ToList();

        for (var i = 0; i < rows.Count; i++)
        {
            var door = new Door(Turn(i), rows[i], machine);
            door.Press(DoorTrigger.Open);
            if (i % 2 == 0)
            {
                door.Press(DoorTrigger.Close);
            }
        }

        Assert.Equal(1, _configured);
        Assert.All(rows.Where((_, i) => i % 2 == 0), r => Assert.Equal((DoorState.Closed, 2, 1), (r.State, r.Step, r.Openings)));
        Assert.All(rows.Where((_, i) => i % 2 == 1), r => Assert.Equal((DoorState.Open, 1, 1), (r.State, r.Step, r.Openings)));
    }

    [Fact]
    public async Task UpdatesOfManyChatsAtOnce_EachGetAMachineOfTheirOwn_WhileItIsLent()
    {
        var machine = NewMachine();
        var rows = Enumerable.Range(0, 2000).Select(_ => new DoorRow()).ToList();
        var start = new Barrier(4);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = worker; i < rows.Count; i += 4)
            {
                var door = new Door(Turn(i), rows[i], machine);
                door.Press(DoorTrigger.Open);
                door.Press(DoorTrigger.Close);
                door.Press(DoorTrigger.Open);
            }
        })));

        Assert.All(rows, r => Assert.Equal((DoorState.Open, 3, 2), (r.State, r.Step, r.Openings)));
        Assert.InRange(_configured, 1, 4);
    }

    [Fact]
    public void InputTheStepDoesNotTake_ChangesNothing_AndIsAnsweredWithTheStepAgain()
    {
        var row = new DoorRow();
        var door = new Door(Turn(1), row, NewMachine());

        door.Press(DoorTrigger.Close);

        Assert.Equal((DoorState.Closed, 0), (row.State, row.Step));
        Assert.Equal(["input.pressButton", "shown Closed"], door.Shown);
    }

    private FlowMachine<Door, DoorState, DoorTrigger> NewMachine() => new((machine, flow) =>
    {
        Interlocked.Increment(ref _configured);
        machine.Configure(DoorState.Closed)
            .Permit(DoorTrigger.Open, DoorState.Open);
        machine.Configure(DoorState.Open)
            .OnEntry(() => flow().Row.Openings++)
            .Permit(DoorTrigger.Close, DoorState.Closed);
    });

    private Turn Turn(long chat) =>
        new(_work, new Inbound { ChatId = chat, UserId = chat, Kind = InboundKind.Text, Text = "x" }, DateTimeOffset.UnixEpoch, Texts, Language.Id);
}

internal enum DoorState
{
    Closed,
    Open,
}

internal enum DoorTrigger
{
    Open,
    Close,
}

internal sealed class DoorRow
{
    public DoorState State { get; set; }

    public long Step { get; set; }

    public int Openings { get; set; }
}

/// <summary>The smallest flow: its state, step and a count its machine's entry action keeps, all in its own row.</summary>
internal sealed class Door(Turn turn, DoorRow row, FlowMachine<Door, DoorState, DoorTrigger> machine)
    : Flow<Door, DoorState, DoorTrigger>(turn, machine)
{
    public DoorRow Row { get; } = row;

    public List<string> Shown { get; } = [];

    public override DoorState State
    {
        get => Row.State;
        internal set => Row.State = value;
    }

    protected override long Step
    {
        get => Row.Step;
        set => Row.Step = value;
    }

    public void Press(DoorTrigger trigger) => Fire(trigger, show: false);

    protected override void ShowStep() => Shown.Add($"shown {State}");

    protected override void ShowAgain(string key, string notice)
    {
        Shown.Add(key);
        ShowStep();
    }
}

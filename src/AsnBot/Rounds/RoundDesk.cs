using System.Text;
using System.Text.Json;
using AsnBot.Data.Admin;
using AsnBot.Data.Rounds;
using AsnBot.Engine;
using AsnBot.Reports.Ikm;
using AsnBot.Survey;
using AsnBot.Texts;
using Stateless;

namespace AsnBot.Rounds;

/// <summary>
/// /putaran shows each open round's progress per unit against the Krejcie &amp; Morgan minimum sample;
/// /putaran buka|tutup &lt;kode&gt; opens or closes one; /putaran_baru asks, step by step, for the name,
/// the opening and closing days and the units, then shows the round and creates it on "Buat".
/// </summary>
internal sealed class RoundDesk
{
    public const string WizardButton = "RW";
    private const string Toggle = "t";
    private const string AllUnits = "all";
    private const string Next = "next";
    private const string Create = "ok";
    private const string Discard = "no";

    private readonly Turn _turn;
    private readonly RoundPlanner _planner;
    private readonly AdminSessionStore _sessions;
    private readonly AdminSessionRow _session;
    private readonly StateMachine<Step, Trigger> _machine;
    private readonly RoundWizardDraft _draft;

    public RoundDesk(Turn turn, RoundPlanner planner)
    {
        _turn = turn;
        _planner = planner;
        _sessions = new AdminSessionStore(turn.Work);
        _session = _sessions.Find(turn.Inbound.ChatId, turn.Inbound.UserId) ?? new AdminSessionRow
        {
            ChatId = turn.Inbound.ChatId,
            UserId = turn.Inbound.UserId,
            State = nameof(Step.None),
            Step = 0,
            Draft = "{}",
            UpdatedAt = turn.Now,
        };
        _draft = JsonSerializer.Deserialize<RoundWizardDraft>(_session.Draft) ?? new RoundWizardDraft();
        _machine = new StateMachine<Step, Trigger>(() => Enum.Parse<Step>(_session.State), s => _session.State = s.ToString());
        _machine.OnTransitioned(_ => _session.Step++);
        _machine.Configure(Step.None).Permit(Trigger.Begin, Step.Name);
        _machine.Configure(Step.Name).Permit(Trigger.Next, Step.Opens).Permit(Trigger.Cancel, Step.None);
        _machine.Configure(Step.Opens).Permit(Trigger.Next, Step.Closes).Permit(Trigger.Cancel, Step.None);
        _machine.Configure(Step.Closes).Permit(Trigger.Next, Step.Units).Permit(Trigger.Cancel, Step.None);
        _machine.Configure(Step.Units).PermitReentry(Trigger.Toggle).Permit(Trigger.Next, Step.Confirm).Permit(Trigger.Cancel, Step.None);
        _machine.Configure(Step.Confirm).Permit(Trigger.Next, Step.None).Permit(Trigger.Cancel, Step.None);
    }

    private enum Step
    {
        None,
        Name,
        Opens,
        Closes,
        Units,
        Confirm,
    }

    private enum Trigger
    {
        Begin,
        Next,
        Toggle,
        Cancel,
    }

    /// <summary>The admin is in the middle of creating a round in this chat.</summary>
    public bool Active => _machine.State != Step.None;

    /// <summary>/putaran, /putaran buka &lt;kode&gt;, /putaran tutup &lt;kode&gt;.</summary>
    public void Command(string? arguments)
    {
        var words = (arguments ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words)
        {
            case ["buka" or "open", var code]:
                Change(() => RoundPlanner.Open(_turn.Work, code, _turn.Now), "round.opened");
                return;
            case ["tutup" or "close", var code]:
                Change(() => RoundPlanner.Close(_turn.Work, code, _turn.Now), "round.closed");
                return;
            default:
                _turn.Send(Progress());
                return;
        }
    }

    /// <summary>/putaran_baru: the first question.</summary>
    public void Begin()
    {
        _session.State = nameof(Step.None);
        _draft.Units.Clear();
        _machine.Fire(Trigger.Begin);
        _turn.Send(_turn.Text("round.askName", RoundPlanner.MaxNameLength));
        Save();
    }

    public void Cancel()
    {
        _machine.Fire(Trigger.Cancel);
        _turn.Send(_turn.Text("round.wizardCancelled"));
        _sessions.Delete(_session.ChatId, _session.UserId);
    }

    /// <summary>A typed answer to the current question.</summary>
    public void Input(string? text)
    {
        var value = text?.Trim() ?? string.Empty;
        switch (_machine.State)
        {
            case Step.Name when value.Length is > 0 and <= RoundPlanner.MaxNameLength:
                _draft.Name = value;
                Advance("round.askOpens");
                return;
            case Step.Name:
                _turn.Send(_turn.Text("round.error.name", RoundPlanner.MaxNameLength));
                return;
            case Step.Opens when ParseDay(value) is { } opens:
                _draft.Opens = opens;
                Advance("round.askCloses", Day(opens));
                return;
            case Step.Closes when ParseDay(value) is { } closes && closes >= _draft.Opens:
                _draft.Closes = closes;
                _machine.Fire(Trigger.Next);
                ShowUnits();
                Save();
                return;
            case Step.Opens or Step.Closes:
                _turn.Send(_turn.Text("round.error.day"));
                return;
            default:
                _turn.Send(_turn.Text("round.usePressButtons"));
                return;
        }
    }

    public void Press(ButtonPress press)
    {
        if (press.Step != _session.Step || _machine.State is not (Step.Units or Step.Confirm))
        {
            _turn.AnswerButton(_turn.Text("button.stale"));
            return;
        }

        _turn.MayEditPressedMessage = true;
        switch (press.Argument.Split('/', 2))
        {
            case [Toggle, var unit] when _planner.Units.Any(u => u.Code == unit) && _machine.State == Step.Units:
                if (!_draft.Units.Remove(unit))
                {
                    _draft.Units.Add(unit);
                }

                _machine.Fire(Trigger.Toggle);
                _turn.AnswerButton();
                ShowUnits();
                break;
            case [AllUnits] when _machine.State == Step.Units:
                _draft.Units = [.. _planner.Units.Select(u => u.Code)];
                _machine.Fire(Trigger.Toggle);
                _turn.AnswerButton();
                ShowUnits();
                break;
            case [Next] when _machine.State == Step.Units && _draft.Units.Count > 0:
                _machine.Fire(Trigger.Next);
                _turn.AnswerButton();
                ShowSummary();
                break;
            case [Next]:
                _turn.AnswerButton(_turn.Text("round.error.noUnits"));
                break;
            case [Create] when _machine.State == Step.Confirm:
                CreateRound();
                break;
            case [Discard]:
                _turn.AnswerButton();
                _machine.Fire(Trigger.Cancel);
                _turn.Show(_turn.Text("round.wizardCancelled"));
                break;
            default:
                _turn.AnswerButton(_turn.Text("button.invalid"));
                break;
        }

        Save();
    }

    private void CreateRound()
    {
        var request = new RoundRequest(null, _draft.Name, _draft.Opens, _draft.Closes, _draft.Units);
        try
        {
            var round = _planner.Create(_turn.Work, request, _turn.Now);
            _machine.Fire(Trigger.Next);
            _turn.AnswerButton(_turn.Text("round.createdShort"));
            _turn.Show(_turn.Text("round.created", round.Name, round.Code, RoundPlanner.Describe(round)));
        }
        catch (RoundRefusedException refused)
        {
            // Nothing created; the admin sees why and can start again with /putaran_baru.
            _machine.Fire(Trigger.Cancel);
            _turn.AnswerButton();
            _turn.Show(_turn.Text(refused.Key, [.. refused.Arguments]) + "\n" + _turn.Text("round.tryAgain"));
        }
    }

    private void Advance(string nextQuestion, params object?[] arguments)
    {
        _machine.Fire(Trigger.Next);
        _turn.Send(_turn.Text(nextQuestion, arguments));
        Save();
    }

    private void ShowUnits()
    {
        var rows = _planner.Units
            .Select(u => (IReadOnlyList<Button>)[new Button((_draft.Units.Contains(u.Code) ? "✓ " : string.Empty) + u.Name, Data($"{Toggle}/{u.Code}"))])
            .Append([new Button(_turn.Text("round.allUnits"), Data(AllUnits)), new Button(_turn.Text("round.nextButton"), Data(Next))])
            .ToList();
        _turn.Show(_turn.Text("round.askUnits", _draft.Units.Count), new Keyboard(rows));
    }

    private void ShowSummary()
    {
        var names = _planner.Units.Where(u => _draft.Units.Contains(u.Code)).Select(u => $"• {u.Name}");
        _turn.Show(
            _turn.Text("round.summary", _draft.Name, RoundPlanner.CodeFor(_draft.Name), Day(_draft.Opens), Day(_draft.Closes), _planner.SurveyName, string.Join("\n", names)),
            new Keyboard([[new Button(_turn.Text("round.create"), Data(Create)), new Button(_turn.Text("round.discard"), Data(Discard))]]));
    }

    private void Change(Func<RoundRow> change, string doneKey)
    {
        try
        {
            var round = change();
            _turn.Send(_turn.Text(doneKey, round.Name, RoundPlanner.Describe(round)));
        }
        catch (RoundRefusedException refused)
        {
            _turn.Send(_turn.Text(refused.Key, [.. refused.Arguments]));
        }
    }

    /// <summary>Responses per unit of each open round, against the minimum sample; and what opens next.</summary>
    private string Progress()
    {
        var calendar = RoundCalendar.Load(_turn.Work, _turn.Now);
        var text = new StringBuilder();
        foreach (var round in calendar.Open)
        {
            var counts = new RoundStore(_turn.Work).SubmittedPerUnit(round.Code);
            text.Append(_turn.Text("round.progressTitle", round.Name, round.Code, RoundPlanner.Describe(round))).Append('\n');
            foreach (var unit in _planner.Units.Where(u => round.Covers(u.Code)))
            {
                text.Append(UnitLine(unit, counts.GetValueOrDefault(unit.Code))).Append('\n');
            }

            text.Append('\n');
        }

        if (text.Length == 0)
        {
            text.Append(_turn.Text("round.noneOpen")).Append('\n');
        }

        foreach (var round in calendar.All.Where(r => r.OpensAt > _turn.Now))
        {
            text.Append(_turn.Text("round.planned", round.Name, round.Code, RoundPlanner.Describe(round))).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    private string UnitLine(ServiceUnit unit, int responses)
    {
        if (unit.ServiceUsers is not { } users)
        {
            return _turn.Text("round.unitNoPopulation", unit.Name, responses);
        }

        var minimum = KrejcieMorgan.MinimumSample(users);
        return _turn.Text(responses >= minimum ? "round.unitReached" : "round.unitShort", unit.Name, responses, minimum, users);
    }

    private string Data(string argument) => ButtonPress.Of(WizardButton, _session.Step, argument);

    private void Save()
    {
        if (_machine.State == Step.None)
        {
            _sessions.Delete(_session.ChatId, _session.UserId);
            return;
        }

        _session.Draft = JsonSerializer.Serialize(_draft);
        _session.UpdatedAt = _turn.Now;
        _sessions.Save(_session);
    }

    private static string Day(DateOnly day) => CalendarDays.Display(day);

    /// <summary>dd-mm-yyyy, yyyy-mm-dd, or "hari ini" / "today" (WIB).</summary>
    private DateOnly? ParseDay(string text)
    {
        if (text.Equals("hari ini", StringComparison.OrdinalIgnoreCase) || text.Equals("today", StringComparison.OrdinalIgnoreCase))
        {
            return Complaints.WorkingDays.LocalDate(_turn.Now);
        }

        return CalendarDays.TryParse(text, out var day) ? day : null;
    }

    private sealed class RoundWizardDraft
    {
        public string Name { get; set; } = string.Empty;

        public DateOnly Opens { get; set; }

        public DateOnly Closes { get; set; }

        public List<string> Units { get; set; } = [];
    }
}

using System.Text.Json;
using AsnBot.Complaints;
using AsnBot.Data.Admin;
using AsnBot.Engine;
using AsnBot.Texts;
using Stateless;

namespace AsnBot.Rounds;

/// <summary>The question an admin is at in /putaran_baru; saved by name in the admin session row.</summary>
internal enum RoundWizardStep
{
    None,
    Name,
    Opens,
    Closes,
    Units,
    Confirm,
}

internal enum RoundWizardTrigger
{
    Begin,
    Next,
    Toggle,
    AllUnits,
    Proceed,
    Create,
    Cancel,
}

/// <summary>
/// /putaran_baru: asks, step by step, for the name, the opening and closing days and the units, then shows the
/// round and creates it on "Buat". The answers so far are kept as JSON in the admin's session row.
/// </summary>
internal sealed class RoundWizard : Flow<RoundWizard, RoundWizardStep, RoundWizardTrigger>
{
    /// <summary>Callback action of the wizard's buttons: <c>RW:step:argument</c>.</summary>
    public const string Button = "RW";

    private static readonly StateMachine<RoundWizardStep, RoundWizardTrigger>.TriggerWithParameters<string> Toggle = new(RoundWizardTrigger.Toggle);

    private static readonly FlowMachine<RoundWizard, RoundWizardStep, RoundWizardTrigger> Machine = new(Configure);

    private readonly RoundPlanner _planner;
    private readonly IAdminSessionStore _sessions;
    private readonly AdminSessionRow _session;

    public RoundWizard(Turn turn, RoundPlanner planner)
        : base(turn, Machine)
    {
        _planner = planner;
        _sessions = turn.Work.AdminSessions;
        _session = _sessions.Find(turn.Inbound.ChatId, turn.Inbound.UserId) ?? new AdminSessionRow
        {
            ChatId = turn.Inbound.ChatId,
            UserId = turn.Inbound.UserId,
            State = nameof(RoundWizardStep.None),
            Step = 0,
            Draft = "{}",
            UpdatedAt = turn.Now,
        };
        Draft = JsonSerializer.Deserialize<RoundWizardDraft>(_session.Draft) ?? new RoundWizardDraft();
    }

    public override RoundWizardStep State
    {
        get => Enum.Parse<RoundWizardStep>(_session.State);
        internal set => _session.State = value.ToString();
    }

    /// <summary>The admin is in the middle of creating a round in this chat.</summary>
    public bool Active => State != RoundWizardStep.None;

    public RoundWizardDraft Draft { get; }

    protected override long Step
    {
        get => _session.Step;
        set => _session.Step = value;
    }

    /// <summary>/putaran_baru: the first question (a wizard left open starts again).</summary>
    public void Begin()
    {
        State = RoundWizardStep.None;
        Draft.Units.Clear();
        Fire(RoundWizardTrigger.Begin);
        Save();
    }

    public void Cancel()
    {
        Fire(RoundWizardTrigger.Cancel, show: false);
        Turn.Send(Turn.Text("round.wizardCancelled"));
        Save();
    }

    /// <summary>A typed answer to the current question.</summary>
    public void Input(string? text)
    {
        var value = text?.Trim() ?? string.Empty;
        switch (State)
        {
            case RoundWizardStep.Name when value.Length is > 0 and <= RoundPlanner.MaxNameLength:
                Draft.Name = value;
                Fire(RoundWizardTrigger.Next);
                break;
            case RoundWizardStep.Name:
                Turn.Send(Turn.Text("round.error.name", RoundPlanner.MaxNameLength));
                break;
            case RoundWizardStep.Opens when ParseDay(value) is { } opens:
                Draft.Opens = opens;
                Fire(RoundWizardTrigger.Next);
                break;
            case RoundWizardStep.Closes when ParseDay(value) is { } closes && closes >= Draft.Opens:
                Draft.Closes = closes;
                Fire(RoundWizardTrigger.Next);
                break;
            case RoundWizardStep.Opens or RoundWizardStep.Closes:
                Turn.Send(Turn.Text("round.error.day"));
                break;
            default:
                Reject("round.usePressButtons");
                break;
        }

        Save();
    }

    public void Press(ButtonPress press)
    {
        if (!PressIsCurrent(press))
        {
            return;
        }

        switch (press.Argument.Split('/', 2))
        {
            case [RoundWizardScreens.Toggle, var unit]: Fire(Toggle, unit); break;
            case [RoundWizardScreens.AllUnits]: Fire(RoundWizardTrigger.AllUnits); break;
            case [RoundWizardScreens.Next]: Fire(RoundWizardTrigger.Proceed); break;
            case [RoundWizardScreens.Create] when CanFire(RoundWizardTrigger.Create): CreateRound(); break;
            case [RoundWizardScreens.Discard]: Discard(); break;
            default: Reject("button.invalid"); break;
        }

        Save();
    }

    protected override void ShowStep()
    {
        switch (State)
        {
            case RoundWizardStep.Name: Turn.Send(Turn.Text("round.askName", RoundPlanner.MaxNameLength)); break;
            case RoundWizardStep.Opens: Turn.Send(Turn.Text("round.askOpens")); break;
            case RoundWizardStep.Closes: Turn.Send(Turn.Text("round.askCloses", Day(Draft.Opens))); break;
            case RoundWizardStep.Units: RoundWizardScreens.ShowUnits(Turn, _planner, Draft, Data); break;
            case RoundWizardStep.Confirm: RoundWizardScreens.ShowSummary(Turn, _planner, Draft, Data); break;
            default: break;
        }
    }

    /// <summary>A refused press has its notice on the button; typed text where a button was wanted gets it as a message.</summary>
    protected override void ShowAgain(string key, string notice)
    {
        if (Turn.Inbound.Kind != InboundKind.Button)
        {
            Turn.Send(notice);
        }
    }

    /// <summary>The wizard's current step is the admin's latest message; an older one's press is only answered.</summary>
    protected override void StalePressed()
    {
    }

    protected override string UnhandledKey(RoundWizardTrigger trigger) =>
        trigger == RoundWizardTrigger.Proceed ? "round.error.noUnits" : "button.invalid";

    private static void Configure(StateMachine<RoundWizardStep, RoundWizardTrigger> machine, Func<RoundWizard> flow)
    {
        machine.SetTriggerParameters<string>(RoundWizardTrigger.Toggle);
        machine.Configure(RoundWizardStep.None).Permit(RoundWizardTrigger.Begin, RoundWizardStep.Name);
        machine.Configure(RoundWizardStep.Name).Permit(RoundWizardTrigger.Next, RoundWizardStep.Opens).Permit(RoundWizardTrigger.Cancel, RoundWizardStep.None);
        machine.Configure(RoundWizardStep.Opens).Permit(RoundWizardTrigger.Next, RoundWizardStep.Closes).Permit(RoundWizardTrigger.Cancel, RoundWizardStep.None);
        machine.Configure(RoundWizardStep.Closes).Permit(RoundWizardTrigger.Next, RoundWizardStep.Units).Permit(RoundWizardTrigger.Cancel, RoundWizardStep.None);
        machine.Configure(RoundWizardStep.Units)
            .PermitReentryIf(Toggle, unit => flow()._planner.Units.Any(u => u.Code == unit), "a unit of the survey")
            .OnEntryFrom(Toggle, unit =>
            {
                var units = flow().Draft.Units;
                if (!units.Remove(unit))
                {
                    units.Add(unit);
                }
            })
            .PermitReentry(RoundWizardTrigger.AllUnits)
            .OnEntryFrom(RoundWizardTrigger.AllUnits, () => flow().Draft.Units = [.. flow()._planner.Units.Select(u => u.Code)])
            .PermitIf(RoundWizardTrigger.Proceed, RoundWizardStep.Confirm, () => flow().Draft.Units.Count > 0, "a unit chosen")
            .Permit(RoundWizardTrigger.Cancel, RoundWizardStep.None);
        machine.Configure(RoundWizardStep.Confirm).Permit(RoundWizardTrigger.Create, RoundWizardStep.None).Permit(RoundWizardTrigger.Cancel, RoundWizardStep.None);
    }

    private void CreateRound()
    {
        var request = new RoundRequest(null, Draft.Name, Draft.Opens, Draft.Closes, Draft.Units);
        try
        {
            var round = _planner.Create(Turn.Work, request, Turn.Now);
            Fire(RoundWizardTrigger.Create, show: false);
            Turn.AnswerButton(Turn.Text("round.createdShort"));
            Turn.Show(Turn.Text("round.created", round.Name, round.Code, RoundPlanner.Describe(round)));
        }
        catch (RoundRefusedException refused)
        {
            // Nothing created; the admin sees why and can start again with /putaran_baru.
            Fire(RoundWizardTrigger.Cancel, show: false);
            Turn.AnswerButton();
            Turn.Show(Turn.Text(refused.Key, [.. refused.Arguments]) + "\n" + Turn.Text("round.tryAgain"));
        }
    }

    private void Discard()
    {
        if (Fire(RoundWizardTrigger.Cancel, show: false))
        {
            Turn.Show(Turn.Text("round.wizardCancelled"));
        }
    }

    private string Data(string argument) => ButtonPress.Of(Button, Step, argument);

    private void Save()
    {
        if (State == RoundWizardStep.None)
        {
            _sessions.Delete(_session.ChatId, _session.UserId);
            return;
        }

        _session.Draft = JsonSerializer.Serialize(Draft);
        _session.UpdatedAt = Turn.Now;
        _sessions.Save(_session);
    }

    private static string Day(DateOnly day) => CalendarDays.Display(day);

    /// <summary>dd-mm-yyyy, yyyy-mm-dd, or "hari ini" / "today" (WIB).</summary>
    private DateOnly? ParseDay(string text)
    {
        if (text.Equals("hari ini", StringComparison.OrdinalIgnoreCase) || text.Equals("today", StringComparison.OrdinalIgnoreCase))
        {
            return WorkingDays.LocalDate(Turn.Now);
        }

        return CalendarDays.TryParse(text, out var day) ? day : null;
    }
}

using AsnBot.Data.Sessions;
using AsnBot.Engine;
using AsnBot.Rounds;
using Stateless;

namespace AsnBot.Survey;

/// <summary>
/// The SKM conversation. Built per update over the persisted session row: the machine decides which
/// steps may follow which, the public methods check the input and prepare the data, and the screen of
/// the resulting state is shown at the end.
/// </summary>
internal sealed class SurveyFlow
{
    private readonly StateMachine<SurveyState, Trigger> _machine;
    private readonly StateMachine<SurveyState, Trigger>.TriggerWithParameters<int> _edit;
    private readonly SurveyContext _context;
    private readonly SessionRow _session;
    private Trigger? _unhandled;

    public SurveyFlow(SurveyContext context)
    {
        _context = context;
        _session = context.Session;
        _machine = new StateMachine<SurveyState, Trigger>(
            () => Enum.Parse<SurveyState>(_session.State),
            s => _session.State = s.ToString());
        _edit = _machine.SetTriggerParameters<int>(Trigger.Edit);
        _machine.OnUnhandledTrigger((_, trigger) => _unhandled = trigger);
        _machine.OnTransitioned(_ => _session.Step++);
        Configure();
    }

    private enum Trigger
    {
        Begin,
        Page,
        PickUnit,
        PickService,
        Answer,
        Back,
        OpenEdit,
        Edit,
        EditUnit,
        EditService,
        Submit,
        Cancel,
        Discard,
        CancelDeclined,
        Pause,
        Resume,
        Restart,
    }

    public SurveyState State => _machine.State;

    public bool InProgress => State != SurveyState.Idle;

    /// <summary>The step takes free text (the suggestion), so typed words are not read as button presses.</summary>
    public bool TakesText => State == SurveyState.Answering && _context.CurrentQuestion.Kind == QuestionKind.Text;

    /// <summary>Nothing answered yet: still choosing the unit, with no draft. Nothing to resume.</summary>
    private bool NothingToResume => State == SurveyState.ChoosingUnit && _session.ResponseId is null;

    /// <summary>/start, possibly from a deep link naming a unit.</summary>
    public void Start(string? unitCode)
    {
        if (!InProgress && !_context.Calendar.Open.Any())
        {
            _context.Turn.Send(NoRoundText());
            return;
        }

        if (NothingToResume)
        {
            if (unitCode is null)
            {
                _context.Screens.Show(State);
            }
            else
            {
                PickUnit(unitCode);
            }

            return;
        }

        if (InProgress)
        {
            _session.PendingUnit = unitCode;
            Pause();
            return;
        }

        Begin(unitCode);
    }

    /// <summary>The button of an invitation or reminder: the survey, if the round still takes responses.</summary>
    public void Invited(string roundCode, string? unitCode)
    {
        if (_context.Calendar.Find(roundCode) is not { } round || !round.IsOpen(_context.Turn.Now))
        {
            _context.Turn.Send(_context.Turn.Text("invitation.closed") + "\n" + NoRoundText());
            return;
        }

        Start(unitCode is not null && round.Covers(unitCode) ? unitCode : null);
    }

    /// <summary>"No survey is open; the next one opens on …".</summary>
    private string NoRoundText()
    {
        var turn = _context.Turn;
        return _context.Calendar.Next is { } next
            ? turn.Text("round.next", next.Name, RoundPlanner.Describe(next))
            : turn.Text("round.none");
    }

    /// <summary>Asks "Lanjutkan survei?" before going on with a survey left open.</summary>
    public void Pause()
    {
        if (!_machine.IsInState(SurveyState.Active))
        {
            _context.Screens.Show(State);
            return;
        }

        Fire(Trigger.Pause);
    }

    public void Cancel() => Fire(Trigger.Cancel);

    /// <summary>Shows the current step again as a new message (after a language change, say).</summary>
    public void ShowCurrent()
    {
        if (InProgress)
        {
            _context.Screens.Show(State);
        }
    }

    /// <summary>Text, a sticker or /kembali from someone back after a long pause gets "Lanjutkan survei?" first.</summary>
    public bool PauseIfAway(TimeSpan resumeAfter)
    {
        if (!InProgress || NothingToResume || _context.Turn.Now - _session.UpdatedAt < resumeAfter)
        {
            return false;
        }

        Pause();
        return true;
    }

    public void Back() => Fire(Trigger.Back);

    public void Press(ButtonPress press)
    {
        if (press.Step != _session.Step)
        {
            _context.Turn.AnswerButton(_context.Turn.Text("button.stale"));
            _context.Screens.Show(State);
            return;
        }

        _context.Turn.MayEditPressedMessage = true;
        switch (press.Action)
        {
            case SurveyButtons.Unit: PickUnit(press.Argument); break;
            case SurveyButtons.Page when int.TryParse(press.Argument, out var page): ChangePage(page); break;
            case SurveyButtons.Service: PickService(press.Argument); break;
            case SurveyButtons.Answer: AnswerChoice(press.Argument); break;
            case SurveyButtons.Skip: Skip(); break;
            case SurveyButtons.Back: Back(); break;
            case SurveyButtons.OpenEdit: Fire(Trigger.OpenEdit); break;
            case SurveyButtons.Edit: EditAnswer(press.Argument); break;
            case SurveyButtons.EditUnit: Fire(Trigger.EditUnit); break;
            case SurveyButtons.EditService when _context.Unit?.Services.Count > 0: Fire(Trigger.EditService); break;
            case SurveyButtons.Submit: Submit(); break;
            case SurveyButtons.CancelYes: ConfirmCancel(); break;
            case SurveyButtons.CancelNo: Fire(Trigger.CancelDeclined); break;
            case SurveyButtons.Resume: Fire(Trigger.Resume); break;
            case SurveyButtons.Restart: Restart(); break;
            default: Reject("button.invalid"); break;
        }
    }

    /// <summary>Typed text, or something unreadable (sticker, photo…) where the resident was expected to act.</summary>
    public void Input(Inbound inbound)
    {
        var question = State == SurveyState.Answering ? _context.CurrentQuestion : null;
        if (question?.Kind != QuestionKind.Text)
        {
            var key = inbound.Kind == InboundKind.Text ? "input.pressButton" : "input.unsupported";
            Reject(State == SurveyState.Idle ? "idle" : key);
            return;
        }

        var text = inbound.Text?.Trim() ?? string.Empty;
        if (inbound.Kind != InboundKind.Text)
        {
            Reject("input.expectText");
        }
        else if (text.Length == 0)
        {
            Reject("input.empty");
        }
        else if (TextLength.Of(text) > question.MaxLength)
        {
            _context.Turn.Send(_context.Turn.Text("input.tooLong", TextLength.Of(text), question.MaxLength));
        }
        else
        {
            SaveAnswer(question, code: null, text);
        }
    }

    private void Configure()
    {
        _machine.Configure(SurveyState.Idle)
            .Permit(Trigger.Begin, SurveyState.ChoosingUnit)
            .OnEntryFrom(Trigger.Discard, _context.DiscardDraft)
            .OnEntryFrom(Trigger.Restart, _context.DiscardDraft)
            .OnEntryFrom(Trigger.Submit, () => _session.ResponseId = null);

        _machine.Configure(SurveyState.Active)
            .Permit(Trigger.Cancel, SurveyState.ConfirmingCancel)
            .Permit(Trigger.Pause, SurveyState.ConfirmingResume)
            .Permit(Trigger.Discard, SurveyState.Idle);

        // From "Ubah jawaban" the unit and the kind of service can be changed too; the answers stay and the review follows.
        _machine.Configure(SurveyState.ChoosingUnit)
            .SubstateOf(SurveyState.Active)
            .OnEntry(() => _session.UnitPage = 0)
            .OnEntryFrom(Trigger.EditUnit, () => _session.BackToReview = true)
            .PermitReentry(Trigger.Page)
            .PermitDynamic(Trigger.PickUnit, () => _context.Unit?.Services.Count > 0 ? SurveyState.ChoosingService : AfterUnitAndService())
            .PermitIf(Trigger.Back, SurveyState.Review, () => _session.BackToReview, "changing the unit from the review");

        _machine.Configure(SurveyState.ChoosingService)
            .SubstateOf(SurveyState.Active)
            .OnEntryFrom(Trigger.EditService, () => _session.BackToReview = true)
            .PermitDynamic(Trigger.PickService, AfterUnitAndService)
            .PermitDynamic(Trigger.Back, () => _session.BackToReview ? SurveyState.Review : SurveyState.ChoosingUnit);

        _machine.Configure(SurveyState.Answering)
            .SubstateOf(SurveyState.Active)
            .OnEntryFrom(Trigger.PickUnit, () => _session.QuestionIndex = 0)
            .OnEntryFrom(Trigger.PickService, () => _session.QuestionIndex = 0)
            .OnEntryFrom(Trigger.Answer, () => _session.QuestionIndex++)
            .OnEntryFrom(Trigger.Back, t => _session.QuestionIndex = t.Source == SurveyState.Answering
                ? _session.QuestionIndex - 1
                : _context.Survey.Questions.Count - 1)
            .OnEntryFrom(_edit, index =>
            {
                _session.QuestionIndex = index;
                _session.BackToReview = true;
            })
            .PermitDynamic(Trigger.Answer, () => _session.BackToReview || _session.QuestionIndex + 1 >= _context.Survey.Questions.Count
                ? SurveyState.Review
                : SurveyState.Answering)
            .PermitDynamic(Trigger.Back, BackFromQuestion);

        _machine.Configure(SurveyState.Review)
            .SubstateOf(SurveyState.Active)
            .OnEntry(() => _session.BackToReview = false)
            .Permit(Trigger.Submit, SurveyState.Idle)
            .Permit(Trigger.OpenEdit, SurveyState.ChoosingEdit)
            .Permit(Trigger.Back, SurveyState.Answering);

        _machine.Configure(SurveyState.ChoosingEdit)
            .SubstateOf(SurveyState.Active)
            .Permit(Trigger.Edit, SurveyState.Answering)
            .Permit(Trigger.EditUnit, SurveyState.ChoosingUnit)
            .Permit(Trigger.EditService, SurveyState.ChoosingService)
            .Permit(Trigger.Back, SurveyState.Review);

        _machine.Configure(SurveyState.ConfirmingCancel)

            // From the resume prompt, "no, continue" goes back to where the survey stopped, not to the prompt.
            .OnEntryFrom(Trigger.Cancel, t =>
            {
                if (t.Source != SurveyState.ConfirmingResume)
                {
                    _session.ReturnState = t.Source.ToString();
                }
            })
            .InternalTransition(Trigger.Cancel, () => { })
            .Permit(Trigger.Discard, SurveyState.Idle)
            .PermitDynamic(Trigger.CancelDeclined, ReturnState)
            .PermitDynamic(Trigger.Back, ReturnState);

        _machine.Configure(SurveyState.ConfirmingResume)
            .OnEntryFrom(Trigger.Pause, t => _session.ReturnState = t.Source.ToString())
            .PermitDynamic(Trigger.Resume, ReturnState)
            .Permit(Trigger.Restart, SurveyState.Idle)
            .Permit(Trigger.Cancel, SurveyState.ConfirmingCancel);
    }

    private SurveyState AfterUnitAndService() => _session.BackToReview ? SurveyState.Review : SurveyState.Answering;

    private SurveyState BackFromQuestion()
    {
        if (_session.BackToReview)
        {
            return SurveyState.Review;
        }

        if (_session.QuestionIndex > 0)
        {
            return SurveyState.Answering;
        }

        return _context.Unit?.Services.Count > 0 ? SurveyState.ChoosingService : SurveyState.ChoosingUnit;
    }

    private SurveyState ReturnState() =>
        Enum.TryParse<SurveyState>(_session.ReturnState, out var state) && state != SurveyState.Active
            ? state
            : SurveyState.ChoosingUnit;

    private void Begin(string? unitCode)
    {
        Fire(Trigger.Begin, show: unitCode is null);
        if (unitCode is null)
        {
            return;
        }

        if (_context.FindUnit(unitCode) is null)
        {
            _context.Turn.Note(_context.Turn.Text("unit.unknown"));
            _context.Screens.Show(State);
            return;
        }

        PickUnit(unitCode);
    }

    private void ChangePage(int page)
    {
        var pages = _context.Screens.UnitPageCount;
        if (page < 0 || page >= pages)
        {
            Reject("button.invalid");
            return;
        }

        if (Fire(Trigger.Page, show: false))
        {
            _session.UnitPage = page;
            _context.Screens.Show(State);
        }
    }

    private void PickUnit(string unitCode)
    {
        var unit = _context.FindUnit(unitCode);
        if (unit is null || !_machine.CanFire(Trigger.PickUnit))
        {
            Reject("button.invalid");
            return;
        }

        if (_context.Calendar.OpenFor(unit.Code) is not { } round)
        {
            _context.Turn.AnswerButton();
            _context.Turn.Note(_context.Turn.Text("unit.notOpen", unit.Name));
            _context.Screens.Show(State);
            return;
        }

        if (_context.AlreadySubmitted(unit, round))
        {
            _context.Turn.AnswerButton();
            _context.Turn.Note(_context.Turn.Text("unit.already", unit.Name, round.Name));
            _context.Screens.Show(State);
            return;
        }

        _context.StartDraft(unit, round);
        Fire(Trigger.PickUnit);
    }

    private void PickService(string serviceCode)
    {
        var unit = _context.Unit;
        if (unit is null || !_machine.CanFire(Trigger.PickService) || (serviceCode.Length > 0 && unit.Service(serviceCode) is null))
        {
            Reject("button.invalid");
            return;
        }

        _context.SetService(serviceCode.Length == 0 ? null : serviceCode);
        Fire(Trigger.PickService);
    }

    private void AnswerChoice(string optionCode)
    {
        var question = State == SurveyState.Answering ? _context.CurrentQuestion : null;
        if (question?.Option(optionCode) is null)
        {
            Reject("button.invalid");
            return;
        }

        SaveAnswer(question, optionCode, text: null);
    }

    private void Skip()
    {
        var question = State == SurveyState.Answering ? _context.CurrentQuestion : null;
        if (question is null || question.Required)
        {
            Reject(question is null ? "button.invalid" : "input.required");
            return;
        }

        _context.RemoveAnswer(question);
        Fire(Trigger.Answer);
    }

    private void SaveAnswer(Question question, string? code, string? text)
    {
        _context.SaveAnswer(question, code, text);
        Fire(Trigger.Answer);
    }

    private void EditAnswer(string questionCode)
    {
        var index = _context.Survey.IndexOf(questionCode);
        if (index < 0 || !_machine.CanFire(Trigger.Edit))
        {
            Reject("button.invalid");
            return;
        }

        _unhandled = null;
        _machine.Fire(_edit, index);
        Shown(Trigger.Edit);
    }

    private void Submit()
    {
        if (!_machine.CanFire(Trigger.Submit))
        {
            Reject("button.invalid");
            return;
        }

        var missing = _context.FirstMissingRequired();
        if (missing is not null)
        {
            _context.Turn.AnswerButton(_context.Turn.Text("input.required"));
            _machine.Fire(Trigger.OpenEdit);
            _machine.Fire(_edit, _context.Survey.IndexOf(missing.Code));
            _context.Screens.Show(State);
            return;
        }

        var unit = _context.Unit!;
        var round = _context.DraftRound;
        if (round is null || !round.IsOpen(_context.Turn.Now))
        {
            // The round closed while the resident was answering: its figures are final.
            _machine.Fire(Trigger.Discard);
            _context.Turn.Show(_context.Turn.Text("round.closedBeforeSubmit", round?.Name ?? string.Empty));
            return;
        }

        var submitted = _context.Submit();
        _machine.Fire(submitted ? Trigger.Submit : Trigger.Discard);
        _context.Turn.Show(submitted
            ? _context.Turn.Text("thanks", unit.Name)
            : _context.Turn.Text("unit.already", unit.Name, round.Name));
    }

    private void ConfirmCancel()
    {
        if (Fire(Trigger.Discard, show: false))
        {
            _context.Turn.Show(_context.Turn.Text("cancel.done"));
        }
    }

    private void Restart()
    {
        var unit = _session.PendingUnit;
        _session.PendingUnit = null;
        if (Fire(Trigger.Restart, show: false))
        {
            Begin(unit);
        }
    }

    /// <summary>Fires a trigger; an input the current step does not accept is answered, not thrown.</summary>
    private bool Fire(Trigger trigger, bool show = true)
    {
        _unhandled = null;
        _machine.Fire(trigger);
        return Shown(trigger, show);
    }

    private bool Shown(Trigger trigger, bool show = true)
    {
        if (_unhandled is null)
        {
            if (show)
            {
                _context.Screens.Show(State);
            }

            return true;
        }

        Reject(trigger switch
        {
            Trigger.Cancel => "cancel.nothing",
            Trigger.Back => "back.none",
            _ when State == SurveyState.Idle => "idle",
            _ => "input.pressButton",
        });
        return false;
    }

    /// <summary>Input that does not fit the current step: say so, then show the step again below.</summary>
    private void Reject(string key)
    {
        var notice = _context.Turn.Text(key);
        _context.Turn.AnswerButton(notice);
        _context.Turn.MayEditPressedMessage = false;
        if (State == SurveyState.Idle)
        {
            // Nothing open: the notice is the menu's own text, shown once with its buttons.
            if (key != "idle")
            {
                _context.Turn.Note(notice);
            }

            MainMenu.Show(_context.Turn);
            return;
        }

        _context.Turn.Note(notice);
        _context.Screens.Show(State);
    }
}

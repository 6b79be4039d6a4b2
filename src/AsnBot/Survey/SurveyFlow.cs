using AsnBot.Data.Sessions;
using AsnBot.Engine;

namespace AsnBot.Survey;

/// <summary>
/// The SKM conversation over the persisted session row: the public methods read the input and prepare the data,
/// <see cref="SurveyMachine"/> decides which step follows, and the screen of the resulting step is shown.
/// How a survey is opened (a round open or not, a survey left open) is <see cref="SurveyOpening"/>.
/// </summary>
internal sealed class SurveyFlow(SurveyContext context) : Flow<SurveyFlow, SurveyState, SurveyTrigger>(context.Turn, SurveyMachine.Instance)
{
    private readonly SessionRow _session = context.Session;

    public SurveyContext Context { get; } = context;

    public override SurveyState State
    {
        get => Enum.Parse<SurveyState>(_session.State);
        internal set => _session.State = value.ToString();
    }

    public bool InProgress => State != SurveyState.Idle;

    /// <summary>The step takes free text (the suggestion), so typed words are not read as button presses.</summary>
    public bool TakesText => State == SurveyState.Answering && Context.CurrentQuestion.Kind == QuestionKind.Text;

    /// <summary>Nothing answered yet: still choosing the unit, with no draft. Nothing to resume.</summary>
    public bool NothingToResume => State == SurveyState.ChoosingUnit && _session.ResponseId is null;

    protected override long Step
    {
        get => _session.Step;
        set => _session.Step = value;
    }

    /// <summary>Asks "Lanjutkan survei?" before going on with a survey left open.</summary>
    public void Pause()
    {
        if (!IsInState(SurveyState.Active))
        {
            ShowStep();
            return;
        }

        Fire(SurveyTrigger.Pause);
    }

    public void Cancel() => Fire(SurveyTrigger.Cancel);

    public void Back() => Fire(SurveyTrigger.Back);

    /// <summary>Shows the current step again as a new message (after a language change, say).</summary>
    public void ShowCurrent()
    {
        if (InProgress)
        {
            ShowStep();
        }
    }

    public void Press(ButtonPress press)
    {
        if (!PressIsCurrent(press))
        {
            return;
        }

        switch (press.Action)
        {
            case SurveyButtons.Unit: PickUnit(press.Argument); break;
            case SurveyButtons.Page when int.TryParse(press.Argument, out var page): ChangePage(page); break;
            case SurveyButtons.Service: PickService(press.Argument); break;
            case SurveyButtons.Answer: AnswerChoice(press.Argument); break;
            case SurveyButtons.Skip: Skip(); break;
            case SurveyButtons.Back: Back(); break;
            case SurveyButtons.OpenEdit: Fire(SurveyTrigger.OpenEdit); break;
            case SurveyButtons.Edit: EditAnswer(press.Argument); break;
            case SurveyButtons.EditUnit: Fire(SurveyTrigger.EditUnit); break;
            case SurveyButtons.EditService: Fire(SurveyTrigger.EditService); break;
            case SurveyButtons.Submit: Submit(); break;
            case SurveyButtons.CancelYes: ConfirmCancel(); break;
            case SurveyButtons.CancelNo: Fire(SurveyTrigger.CancelDeclined); break;
            case SurveyButtons.Resume: Fire(SurveyTrigger.Resume); break;
            case SurveyButtons.Restart: new SurveyOpening(this).Restart(); break;
            default: Reject("button.invalid"); break;
        }
    }

    /// <summary>Typed text, or something unreadable (sticker, photo…) where the resident was expected to act.</summary>
    public void Input(Inbound inbound)
    {
        var question = State == SurveyState.Answering ? Context.CurrentQuestion : null;
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
            Turn.Send(Turn.Text("input.tooLong", TextLength.Of(text), question.MaxLength));
        }
        else
        {
            SaveAnswer(question, code: null, text);
        }
    }

    /// <summary>A new survey: the unit list, shown unless a unit is picked right after.</summary>
    public bool Open(bool show) => Fire(SurveyTrigger.Begin, show);

    /// <summary>"Mulai dari awal" on the resume prompt: the survey left open is dropped.</summary>
    public bool StartOver() => Fire(SurveyTrigger.Restart, show: false);

    /// <summary>A unit (from its button, a link or a restart): its questions, unless no open round takes it or it is done.</summary>
    public void PickUnit(string unitCode)
    {
        var unit = Context.FindUnit(unitCode);
        if (unit is null || !CanFire(SurveyTrigger.PickUnit))
        {
            Reject("button.invalid");
            return;
        }

        if (Context.Calendar.OpenFor(unit.Code) is not { } round)
        {
            Turn.AnswerButton();
            Turn.Note(Turn.Text("unit.notOpen", unit.Name));
            ShowStep();
            return;
        }

        if (Context.AlreadySubmitted(unit, round))
        {
            Turn.AnswerButton();
            Turn.Note(Turn.Text("unit.already", unit.Name, round.Name));
            ShowStep();
            return;
        }

        Context.StartDraft(unit, round);
        Fire(SurveyTrigger.PickUnit);
    }

    protected override void ShowStep() => Context.Screens.Show(State);

    protected override string UnhandledKey(SurveyTrigger trigger) => trigger switch
    {
        SurveyTrigger.Cancel => "cancel.nothing",
        SurveyTrigger.Back => "back.none",
        _ when State == SurveyState.Idle => "idle",
        SurveyTrigger.EditService => "button.invalid",
        _ => "input.pressButton",
    };

    /// <summary>The notice leads the step shown again; with nothing open, the menu, whose own text is the idle notice.</summary>
    protected override void ShowAgain(string key, string notice)
    {
        if (State == SurveyState.Idle)
        {
            if (key != "idle")
            {
                Turn.Note(notice);
            }

            MainMenu.Show(Turn);
            return;
        }

        Turn.Note(notice);
        ShowStep();
    }

    private void ChangePage(int page)
    {
        if (page < 0 || page >= Context.Screens.UnitPageCount)
        {
            Reject("button.invalid");
            return;
        }

        if (Fire(SurveyTrigger.Page, show: false))
        {
            _session.UnitPage = page;
            ShowStep();
        }
    }

    private void PickService(string serviceCode)
    {
        var unit = Context.Unit;
        if (unit is null || !CanFire(SurveyTrigger.PickService) || (serviceCode.Length > 0 && unit.Service(serviceCode) is null))
        {
            Reject("button.invalid");
            return;
        }

        Context.SetService(serviceCode.Length == 0 ? null : serviceCode);
        Fire(SurveyTrigger.PickService);
    }

    private void AnswerChoice(string optionCode)
    {
        var question = State == SurveyState.Answering ? Context.CurrentQuestion : null;
        if (question?.Option(optionCode) is null)
        {
            Reject("button.invalid");
            return;
        }

        SaveAnswer(question, optionCode, text: null);
    }

    private void Skip()
    {
        var question = State == SurveyState.Answering ? Context.CurrentQuestion : null;
        if (question is null || question.Required)
        {
            Reject(question is null ? "button.invalid" : "input.required");
            return;
        }

        Context.RemoveAnswer(question);
        Fire(SurveyTrigger.Answer);
    }

    private void SaveAnswer(Question question, string? code, string? text)
    {
        Context.SaveAnswer(question, code, text);
        Fire(SurveyTrigger.Answer);
    }

    private void EditAnswer(string questionCode)
    {
        if (Context.Survey.IndexOf(questionCode) < 0 || !CanFire(SurveyTrigger.Edit))
        {
            Reject("button.invalid");
            return;
        }

        Fire(SurveyMachine.Edit, questionCode);
    }

    private void Submit()
    {
        if (!CanFire(SurveyTrigger.Submit))
        {
            Reject("button.invalid");
            return;
        }

        if (Context.FirstMissingRequired() is { } missing)
        {
            Turn.AnswerButton(Turn.Text("input.required"));
            Fire(SurveyTrigger.OpenEdit, show: false);
            Fire(SurveyMachine.Edit, missing.Code);
            return;
        }

        var unit = Context.Unit!;
        var round = Context.DraftRound;
        if (round is null || !round.IsOpen(Turn.Now))
        {
            // The round closed while the resident was answering: its figures are final.
            Fire(SurveyTrigger.Discard, show: false);
            Turn.Show(Turn.Text("round.closedBeforeSubmit", round?.Name ?? string.Empty));
            return;
        }

        var submitted = Context.Submit();
        Fire(submitted ? SurveyTrigger.Submit : SurveyTrigger.Discard, show: false);
        Turn.Show(submitted ? Turn.Text("thanks", unit.Name) : Turn.Text("unit.already", unit.Name, round.Name));
    }

    private void ConfirmCancel()
    {
        if (Fire(SurveyTrigger.Discard, show: false))
        {
            Turn.Show(Turn.Text("cancel.done"));
        }
    }
}

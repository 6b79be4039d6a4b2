using AsnBot.Engine;
using Stateless;

namespace AsnBot.Survey;

/// <summary>What the resident can do in the survey.</summary>
internal enum SurveyTrigger
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

/// <summary>
/// The survey's rules: which step may follow which, and what each step keeps in the session on the way in.
/// Configured once; the flow of the update at hand is bound to it by <see cref="FlowMachine{TFlow,TState,TTrigger}"/>.
/// </summary>
internal static class SurveyMachine
{
    /// <summary>"Ubah" on one answer of the review: the code of the question to change.</summary>
    public static readonly StateMachine<SurveyState, SurveyTrigger>.TriggerWithParameters<string> Edit = new(SurveyTrigger.Edit);

    public static readonly FlowMachine<SurveyFlow, SurveyState, SurveyTrigger> Instance = new(Configure);

    /// <summary>Sets up one machine; internal so the flow-machine benchmark can build one afresh, as each update once did.</summary>
    internal static void Configure(StateMachine<SurveyState, SurveyTrigger> machine, Func<SurveyFlow> flow)
    {
        machine.SetTriggerParameters<string>(SurveyTrigger.Edit);
        SurveyContext Context() => flow().Context;

        machine.Configure(SurveyState.Idle)
            .Permit(SurveyTrigger.Begin, SurveyState.ChoosingUnit)
            .OnEntryFrom(SurveyTrigger.Discard, () => Context().DiscardDraft())
            .OnEntryFrom(SurveyTrigger.Restart, () => Context().DiscardDraft())
            .OnEntryFrom(SurveyTrigger.Submit, () => Context().Session.ResponseId = null);

        machine.Configure(SurveyState.Active)
            .Permit(SurveyTrigger.Cancel, SurveyState.ConfirmingCancel)
            .Permit(SurveyTrigger.Pause, SurveyState.ConfirmingResume)
            .Permit(SurveyTrigger.Discard, SurveyState.Idle);

        // From "Ubah jawaban" the unit and the kind of service can be changed too; the answers stay and the review follows.
        machine.Configure(SurveyState.ChoosingUnit)
            .SubstateOf(SurveyState.Active)
            .OnEntry(() => Context().Session.UnitPage = 0)
            .OnEntryFrom(SurveyTrigger.EditUnit, () => Context().Session.BackToReview = true)
            .PermitReentry(SurveyTrigger.Page)
            .PermitDynamic(SurveyTrigger.PickUnit, () => Context().Unit?.Services.Count > 0 ? SurveyState.ChoosingService : AfterUnitAndService(Context()))
            .PermitIf(SurveyTrigger.Back, SurveyState.Review, () => Context().Session.BackToReview, "changing the unit from the review");

        machine.Configure(SurveyState.ChoosingService)
            .SubstateOf(SurveyState.Active)
            .OnEntryFrom(SurveyTrigger.EditService, () => Context().Session.BackToReview = true)
            .PermitDynamic(SurveyTrigger.PickService, () => AfterUnitAndService(Context()))
            .PermitDynamic(SurveyTrigger.Back, () => Context().Session.BackToReview ? SurveyState.Review : SurveyState.ChoosingUnit);

        machine.Configure(SurveyState.Answering)
            .SubstateOf(SurveyState.Active)
            .OnEntryFrom(SurveyTrigger.PickUnit, () => Context().GoToQuestion(0))
            .OnEntryFrom(SurveyTrigger.PickService, () => Context().GoToQuestion(0))
            .OnEntryFrom(SurveyTrigger.Answer, () => Context().GoToQuestion(Context().CurrentIndex + 1))
            .OnEntryFrom(SurveyTrigger.Back, t => Context().GoToQuestion(t.Source == SurveyState.Answering
                ? Context().CurrentIndex - 1
                : Context().Survey.Questions.Count - 1))
            .OnEntryFrom(Edit, code =>
            {
                Context().Session.QuestionCode = code;
                Context().Session.BackToReview = true;
            })
            .PermitDynamic(SurveyTrigger.Answer, () => Context().Session.BackToReview || Context().CurrentIndex + 1 >= Context().Survey.Questions.Count
                ? SurveyState.Review
                : SurveyState.Answering)
            .PermitDynamic(SurveyTrigger.Back, () => BackFromQuestion(Context()));

        machine.Configure(SurveyState.Review)
            .SubstateOf(SurveyState.Active)
            .OnEntry(() => Context().Session.BackToReview = false)
            .Permit(SurveyTrigger.Submit, SurveyState.Idle)
            .Permit(SurveyTrigger.OpenEdit, SurveyState.ChoosingEdit)
            .Permit(SurveyTrigger.Back, SurveyState.Answering);

        machine.Configure(SurveyState.ChoosingEdit)
            .SubstateOf(SurveyState.Active)
            .Permit(SurveyTrigger.Edit, SurveyState.Answering)
            .Permit(SurveyTrigger.EditUnit, SurveyState.ChoosingUnit)
            .PermitIf(SurveyTrigger.EditService, SurveyState.ChoosingService, () => Context().Unit?.Services.Count > 0, "the unit has kinds of service")
            .Permit(SurveyTrigger.Back, SurveyState.Review);

        machine.Configure(SurveyState.ConfirmingCancel)

            // From the resume prompt, "no, continue" goes back to where the survey stopped, not to the prompt.
            .OnEntryFrom(SurveyTrigger.Cancel, t =>
            {
                if (t.Source != SurveyState.ConfirmingResume)
                {
                    Context().Session.ReturnState = t.Source.ToString();
                }
            })
            .InternalTransition(SurveyTrigger.Cancel, () => { })
            .Permit(SurveyTrigger.Discard, SurveyState.Idle)
            .PermitDynamic(SurveyTrigger.CancelDeclined, () => ReturnState(Context()))
            .PermitDynamic(SurveyTrigger.Back, () => ReturnState(Context()));

        machine.Configure(SurveyState.ConfirmingResume)
            .OnEntryFrom(SurveyTrigger.Pause, t => Context().Session.ReturnState = t.Source.ToString())
            .PermitDynamic(SurveyTrigger.Resume, () => ReturnState(Context()))
            .Permit(SurveyTrigger.Restart, SurveyState.Idle)
            .Permit(SurveyTrigger.Cancel, SurveyState.ConfirmingCancel);
    }

    private static SurveyState AfterUnitAndService(SurveyContext context) =>
        context.Session.BackToReview ? SurveyState.Review : SurveyState.Answering;

    private static SurveyState BackFromQuestion(SurveyContext context)
    {
        if (context.Session.BackToReview)
        {
            return SurveyState.Review;
        }

        if (context.CurrentIndex > 0)
        {
            return SurveyState.Answering;
        }

        return context.Unit?.Services.Count > 0 ? SurveyState.ChoosingService : SurveyState.ChoosingUnit;
    }

    private static SurveyState ReturnState(SurveyContext context) =>
        Enum.TryParse<SurveyState>(context.Session.ReturnState, out var state) && state != SurveyState.Active
            ? state
            : SurveyState.ChoosingUnit;
}

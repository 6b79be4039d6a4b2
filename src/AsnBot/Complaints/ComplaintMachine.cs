using AsnBot.Data.Complaints;
using AsnBot.Engine;
using Stateless;

namespace AsnBot.Complaints;

/// <summary>What the resident can do while filing a complaint.</summary>
internal enum ComplaintTrigger
{
    Begin,
    PickCategory,
    PickUnit,
    OtherUnit,
    Next,
    EvidenceDone,
    PickPrivacy,
    Back,
    Cancel,
    Discard,
    KeepGoing,
    Resume,
    Submitted,
    AskReason,
}

/// <summary>
/// The complaint's rules: which step takes which input, what follows, and what a choice stores in the draft on
/// the way in. Configured once; the flow of the update at hand is bound to it by <see cref="FlowMachine{TFlow,TState,TTrigger}"/>.
/// </summary>
internal static class ComplaintMachine
{
    public static readonly StateMachine<ComplaintState, ComplaintTrigger>.TriggerWithParameters<string> PickCategory = new(ComplaintTrigger.PickCategory);

    public static readonly StateMachine<ComplaintState, ComplaintTrigger>.TriggerWithParameters<string> PickUnit = new(ComplaintTrigger.PickUnit);

    public static readonly StateMachine<ComplaintState, ComplaintTrigger>.TriggerWithParameters<string> PickPrivacy = new(ComplaintTrigger.PickPrivacy);

    public static readonly FlowMachine<ComplaintFlow, ComplaintState, ComplaintTrigger> Instance = new(Configure);

    private static void Configure(StateMachine<ComplaintState, ComplaintTrigger> machine, Func<ComplaintFlow> flow)
    {
        machine.SetTriggerParameters<string>(ComplaintTrigger.PickCategory);
        machine.SetTriggerParameters<string>(ComplaintTrigger.PickUnit);
        machine.SetTriggerParameters<string>(ComplaintTrigger.PickPrivacy);
        ComplaintContext Context() => flow().Context;

        machine.Configure(ComplaintState.Idle)
            .Permit(ComplaintTrigger.Begin, ComplaintState.ChoosingCategory)
            .Permit(ComplaintTrigger.AskReason, ComplaintState.GivingReopenReason)
            .OnEntryFrom(ComplaintTrigger.Discard, () => Context().DiscardDraft())
            .OnEntryFrom(ComplaintTrigger.Submitted, () => Context().Session.ComplaintId = null);
        Step(machine, ComplaintState.ChoosingCategory, back: null)
            .PermitIf(PickCategory, ComplaintState.ChoosingUnit, code => code is not null && Context().Options.Category(code) is not null, "a listed category");
        Step(machine, ComplaintState.ChoosingUnit, back: ComplaintState.ChoosingCategory)
            .OnEntryFrom(PickCategory, code => Context().Update(d => d with { CategoryCode = code }))
            .PermitIf(PickUnit, ComplaintState.Describing, code => Context().Survey.Units.Any(u => u.Code == code), "a listed unit")
            .Permit(ComplaintTrigger.OtherUnit, ComplaintState.NamingUnit);
        Step(machine, ComplaintState.NamingUnit, back: ComplaintState.ChoosingUnit)
            .Permit(ComplaintTrigger.Next, ComplaintState.Describing);
        Step(machine, ComplaintState.Describing, back: ComplaintState.ChoosingUnit)
            .OnEntryFrom(PickUnit, code => Context().Update(d => d with { UnitCode = code, UnitName = null }))
            .Permit(ComplaintTrigger.Next, ComplaintState.AddingEvidence);

        // Leaving forward or back takes the location keyboard away with a summary; leaving to the cancel
        // question keeps it (the question comes first, and "no" returns here).
        Step(machine, ComplaintState.AddingEvidence, back: ComplaintState.Describing)
            .Permit(ComplaintTrigger.EvidenceDone, ComplaintState.ChoosingPrivacy)
            .OnExit(t =>
            {
                if (t.Trigger != ComplaintTrigger.Cancel)
                {
                    var turn = Context().Turn;
                    turn.Add(new SendText(turn.Inbound.ChatId, Context().Screens.EvidenceSummary()) { RemoveReplyKeyboard = true });
                }
            });
        Step(machine, ComplaintState.ChoosingPrivacy, back: ComplaintState.AddingEvidence)
            .PermitIf(PickPrivacy, ComplaintState.Reviewing, p => p is ComplaintPrivacy.Identified or ComplaintPrivacy.Anonymous or ComplaintPrivacy.Confidential, "a privacy choice");
        Step(machine, ComplaintState.Reviewing, back: ComplaintState.ChoosingPrivacy)
            .OnEntryFrom(PickPrivacy, p => Context().Update(d => d with { Privacy = p }))
            .Permit(ComplaintTrigger.Submitted, ComplaintState.Idle);
        machine.Configure(ComplaintState.ConfirmingCancel)
            .OnEntryFrom(ComplaintTrigger.Cancel, t => Context().Session.ReturnState = t.Source.ToString())
            .InternalTransition(ComplaintTrigger.Cancel, () => { })
            .Permit(ComplaintTrigger.Discard, ComplaintState.Idle)
            .PermitDynamic(ComplaintTrigger.KeepGoing, () => Enum.TryParse<ComplaintState>(Context().Session.ReturnState, out var s) ? s : ComplaintState.ChoosingCategory);
        machine.Configure(ComplaintState.GivingReopenReason)
            .InternalTransition(ComplaintTrigger.Resume, () => { })
            .Permit(ComplaintTrigger.Next, ComplaintState.Idle)
            .Permit(ComplaintTrigger.Cancel, ComplaintState.Idle);
    }

    /// <summary>A filing step: it can be cancelled (asking first), resumed from the "continue?" prompt, and left back.</summary>
    private static StateMachine<ComplaintState, ComplaintTrigger>.StateConfiguration Step(
        StateMachine<ComplaintState, ComplaintTrigger> machine, ComplaintState state, ComplaintState? back)
    {
        var configuration = machine.Configure(state)
            .Permit(ComplaintTrigger.Cancel, ComplaintState.ConfirmingCancel)
            .InternalTransition(ComplaintTrigger.Resume, () => { });
        if (back is { } previous)
        {
            configuration.Permit(ComplaintTrigger.Back, previous);
        }

        return configuration;
    }
}

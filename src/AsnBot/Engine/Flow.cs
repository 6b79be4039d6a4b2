using Stateless;

namespace AsnBot.Engine;

/// <summary>
/// A conversation with steps (the survey, filing a complaint, an admin's round wizard). Its machine alone decides
/// which input a step takes; this base fires the machine, answers input the step does not take (a notice, then
/// the step again), and numbers the steps, so a press on a message of an older step is recognised.
/// </summary>
/// <param name="turn">The update being handled.</param>
/// <param name="machine">The flow type's machine, configured once (a static field of the flow class).</param>
internal abstract class Flow<TFlow, TState, TTrigger>(Turn turn, FlowMachine<TFlow, TState, TTrigger> machine)
    where TFlow : Flow<TFlow, TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    protected Turn Turn { get; } = turn;

    /// <summary>Where the flow is: read from its saved row, and written there by the machine.</summary>
    public abstract TState State { get; internal set; }

    /// <summary>Bumped by every change of step; buttons carry it (see <see cref="ButtonPress"/>).</summary>
    protected abstract long Step { get; set; }

    private TFlow This => (TFlow)this;

    /// <summary>Called by the machine after each change of step.</summary>
    internal void Transitioned(TState destination)
    {
        Step++;
        Entered(destination);
    }

    /// <summary>After a change of step, for what the saved row keeps beside the state.</summary>
    protected virtual void Entered(TState destination)
    {
    }

    protected bool CanFire(TTrigger trigger) => machine.CanFire(This, trigger);

    protected bool IsInState(TState state) => machine.IsInState(This, state);

    /// <summary>
    /// Fires a trigger: the step changes and (with <paramref name="show"/>) is shown; or the step does not take
    /// it, nothing changes, and the resident is told (<see cref="Reject"/>). True when the step changed.
    /// </summary>
    protected bool Fire(TTrigger trigger, bool show = true) => Fired(machine.Fire(This, trigger), trigger, show);

    protected bool Fire<TArg>(StateMachine<TState, TTrigger>.TriggerWithParameters<TArg> trigger, TArg argument, bool show = true) =>
        Fired(machine.Fire(This, trigger, argument), trigger.Trigger, show);

    /// <summary>
    /// A press on the message of the current step may edit that message; a press on an older one is answered
    /// as stale and does nothing else (the step is shown again where the flow does that).
    /// </summary>
    protected bool PressIsCurrent(ButtonPress press)
    {
        if (press.Step != Step)
        {
            Turn.AnswerButton(Turn.Text("button.stale"));
            StalePressed();
            return false;
        }

        Turn.MayEditPressedMessage = true;
        return true;
    }

    /// <summary>Input the step does not take: the notice pops up on a pressed button and goes with the step shown again.</summary>
    protected void Reject(string key)
    {
        var notice = Turn.Text(key);
        Turn.AnswerButton(notice);
        Turn.MayEditPressedMessage = false;
        ShowAgain(key, notice);
    }

    /// <summary>Shows the current step.</summary>
    protected abstract void ShowStep();

    /// <summary>After <see cref="Reject"/>: the notice, and the step to act on.</summary>
    protected abstract void ShowAgain(string key, string notice);

    /// <summary>A press from an older step's message; by default the current step is shown again below.</summary>
    protected virtual void StalePressed() => ShowStep();

    /// <summary>The text key of the answer to a trigger the step does not take.</summary>
    protected virtual string UnhandledKey(TTrigger trigger) => "input.pressButton";

    private bool Fired(bool handled, TTrigger trigger, bool show)
    {
        if (!handled)
        {
            Reject(UnhandledKey(trigger));
            return false;
        }

        if (show)
        {
            ShowStep();
        }

        return true;
    }
}

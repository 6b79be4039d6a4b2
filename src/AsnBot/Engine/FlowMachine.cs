using System.Collections.Concurrent;
using Stateless;

namespace AsnBot.Engine;

/// <summary>
/// The Stateless machine of one kind of flow, configured once for the life of the process. A configured
/// machine reads and writes its state through the accessor it was built with, and is not thread-safe; so
/// each machine here is built over a slot that names the flow it works for, and is lent to one flow for
/// one call (fire, can-fire), while updates of other chats use other machines from the same pool.
/// </summary>
/// <remarks>
/// What this saves: building and configuring a machine per update (a survey's cost ~20 KB and ~12 µs, twice
/// per update when the typed text is first checked against the step). The rules and actions are configured
/// with a <see cref="Func{TFlow}"/> that returns the flow bound at that moment, never a flow captured at
/// configuration time.
/// </remarks>
internal sealed class FlowMachine<TFlow, TState, TTrigger>(Action<StateMachine<TState, TTrigger>, Func<TFlow>> configure)
    where TFlow : Flow<TFlow, TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly ConcurrentBag<Slot> _idle = [];

    /// <summary>Fires the trigger for this flow; false when its step does not take it (nothing changed then).</summary>
    public bool Fire(TFlow flow, TTrigger trigger) =>
        Use(flow, trigger, static (slot, t) =>
        {
            slot.Machine.Fire(t);
            return !slot.Unhandled;
        });

    /// <summary>Fires a trigger that carries a value (the question to change, say).</summary>
    public bool Fire<TArg>(TFlow flow, StateMachine<TState, TTrigger>.TriggerWithParameters<TArg> trigger, TArg argument) =>
        Use(flow, (trigger, argument), static (slot, fired) =>
        {
            slot.Machine.Fire(fired.trigger, fired.argument);
            return !slot.Unhandled;
        });

    public bool CanFire(TFlow flow, TTrigger trigger) => Use(flow, trigger, static (slot, t) => slot.Machine.CanFire(t));

    /// <summary>Whether the flow's state is this one or one of its substates.</summary>
    public bool IsInState(TFlow flow, TState state) => Use(flow, state, static (slot, s) => slot.Machine.IsInState(s));

    /// <summary>Lends a machine to the flow for one call (static callbacks: nothing is allocated per call).</summary>
    private TResult Use<TArg, TResult>(TFlow flow, TArg argument, Func<Slot, TArg, TResult> use)
    {
        var slot = Lend(flow);
        try
        {
            return use(slot, argument);
        }
        finally
        {
            Return(slot);
        }
    }

    private Slot Lend(TFlow flow)
    {
        var slot = _idle.TryTake(out var idle) ? idle : new Slot(configure);
        slot.Flow = flow;
        slot.Unhandled = false;
        return slot;
    }

    private void Return(Slot slot)
    {
        slot.Flow = null;
        _idle.Add(slot);
    }

    /// <summary>One configured machine and the flow it is lent to.</summary>
    private sealed class Slot
    {
        public Slot(Action<StateMachine<TState, TTrigger>, Func<TFlow>> configure)
        {
            // Stateless reads the state once as it is built, before any flow is lent the machine.
            Machine = new StateMachine<TState, TTrigger>(() => Flow?.State ?? default, s => Bound.State = s);
            Machine.OnUnhandledTrigger((_, _) => Unhandled = true);
            Machine.OnTransitioned(t => Bound.Transitioned(t.Destination));
            configure(Machine, () => Bound);
        }

        public StateMachine<TState, TTrigger> Machine { get; }

        public TFlow? Flow { get; set; }

        public bool Unhandled { get; set; }

        private TFlow Bound => Flow ?? throw new InvalidOperationException("A flow machine was used while lent to no flow.");
    }
}

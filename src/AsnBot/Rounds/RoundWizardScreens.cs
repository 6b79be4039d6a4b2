using AsnBot.Engine;
using AsnBot.Texts;

namespace AsnBot.Rounds;

/// <summary>The round wizard's two screens with buttons: the units to tick, and the round to confirm.</summary>
internal static class RoundWizardScreens
{
    /// <summary>Arguments of the wizard's buttons (<c>RW:step:t/UNIT</c>, <c>RW:step:all</c>, …).</summary>
    public const string Toggle = "t";
    public const string AllUnits = "all";
    public const string Next = "next";
    public const string Create = "ok";
    public const string Discard = "no";

    /// <param name="turn">The update being handled.</param>
    /// <param name="planner">The survey's units.</param>
    /// <param name="draft">The answers so far.</param>
    /// <param name="data">Callback data of a wizard button for this step.</param>
    public static void ShowUnits(Turn turn, RoundPlanner planner, RoundWizardDraft draft, Func<string, string> data)
    {
        var rows = planner.Units
            .Select(u => (IReadOnlyList<Button>)[new Button((draft.Units.Contains(u.Code) ? "✓ " : string.Empty) + u.Name, data($"{Toggle}/{u.Code}"))])
            .Append([new Button(turn.Text("round.allUnits"), data(AllUnits)), new Button(turn.Text("round.nextButton"), data(Next))])
            .ToList();
        turn.Show(turn.Text("round.askUnits", draft.Units.Count), new Keyboard(rows));
    }

    public static void ShowSummary(Turn turn, RoundPlanner planner, RoundWizardDraft draft, Func<string, string> data)
    {
        var names = planner.Units.Where(u => draft.Units.Contains(u.Code)).Select(u => $"• {u.Name}");
        turn.Show(
            turn.Text("round.summary", draft.Name, RoundPlanner.CodeFor(draft.Name), CalendarDays.Display(draft.Opens), CalendarDays.Display(draft.Closes), planner.SurveyName, string.Join("\n", names)),
            new Keyboard([[new Button(turn.Text("round.create"), data(Create)), new Button(turn.Text("round.discard"), data(Discard))]]));
    }
}

using System.Text;
using AsnBot.Data.Rounds;
using AsnBot.Engine;
using AsnBot.Reports.Ikm;
using AsnBot.Survey;
using AsnBot.Texts;

namespace AsnBot.Rounds;

/// <summary>
/// /putaran shows each open round's progress per unit against the Krejcie &amp; Morgan minimum sample, and
/// what opens next; /putaran buka|tutup &lt;kode&gt; opens or closes one. Creating a round is <see cref="AsnBot.Rounds.RoundWizard"/>.
/// </summary>
internal sealed class RoundDesk(Turn turn, RoundPlanner planner)
{
    private readonly Turn _turn = turn;

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
            var counts = _turn.Work.Rounds.SubmittedPerUnit(round.Code);
            text.Append(_turn.Text("round.progressTitle", round.Name, round.Code, RoundPlanner.Describe(round))).Append('\n');
            foreach (var unit in planner.Units.Where(u => round.Covers(u.Code)))
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
}

using AsnBot.Engine;
using AsnBot.Rounds;

namespace AsnBot.Survey;

/// <summary>
/// How a resident gets into the survey: /start (possibly from a deep link naming a unit), an invitation's
/// button, or coming back after a long pause. Opens a new survey only while a round takes responses, and
/// asks "Lanjutkan survei?" before replacing one left open.
/// </summary>
internal sealed class SurveyOpening(SurveyFlow flow)
{
    private readonly SurveyContext _context = flow.Context;

    /// <summary>/start, possibly from a deep link naming a unit.</summary>
    public void Start(string? unitCode)
    {
        if (!flow.InProgress && !_context.Calendar.Open.Any())
        {
            _context.Turn.Send(NoRoundText());
            return;
        }

        if (flow.NothingToResume)
        {
            if (unitCode is null)
            {
                flow.ShowCurrent();
            }
            else
            {
                flow.PickUnit(unitCode);
            }

            return;
        }

        if (flow.InProgress)
        {
            _context.Session.PendingUnit = unitCode;
            flow.Pause();
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

    /// <summary>Text, a sticker or /kembali from someone back after a long pause gets "Lanjutkan survei?" first.</summary>
    public bool PauseIfAway()
    {
        if (!flow.InProgress || flow.NothingToResume || _context.Turn.Now - _context.Session.UpdatedAt < _context.Options.ResumePromptAfter)
        {
            return false;
        }

        flow.Pause();
        return true;
    }

    /// <summary>"Mulai dari awal" on the resume prompt: the survey left open goes, a new one opens (for the unit a link named meanwhile).</summary>
    public void Restart()
    {
        var unit = _context.Session.PendingUnit;
        _context.Session.PendingUnit = null;
        if (flow.StartOver())
        {
            Begin(unit);
        }
    }

    private void Begin(string? unitCode)
    {
        flow.Open(show: unitCode is null);
        if (unitCode is null)
        {
            return;
        }

        if (_context.FindUnit(unitCode) is null)
        {
            _context.Turn.Note(_context.Turn.Text("unit.unknown"));
            flow.ShowCurrent();
            return;
        }

        flow.PickUnit(unitCode);
    }

    /// <summary>"No survey is open; the next one opens on …".</summary>
    private string NoRoundText()
    {
        var turn = _context.Turn;
        return _context.Calendar.Next is { } next
            ? turn.Text("round.next", next.Name, RoundPlanner.Describe(next))
            : turn.Text("round.none");
    }
}

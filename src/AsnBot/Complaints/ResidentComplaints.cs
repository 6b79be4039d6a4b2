using System.Text;
using AsnBot.Data.Complaints;
using AsnBot.Data.Residents;
using AsnBot.Engine;

namespace AsnBot.Complaints;

/// <summary>/status and the reporter's answer to "Sudah selesai?". A resident only ever sees their own complaints.</summary>
internal sealed class ResidentComplaints(Turn turn, ResidentRow resident, ComplaintDesk desk)
{
    private readonly IComplaintStore _store = turn.Work.Complaints;

    public void Status(string? argument)
    {
        if (!string.IsNullOrWhiteSpace(argument))
        {
            // Someone else's number and a number that does not exist get the same answer: no oracle.
            var complaint = TrackingNumbers.Normalize(argument) is { } number ? _store.FindByNumber(number) : null;
            turn.Send(complaint is not null && complaint.ResidentId == resident.UserId
                ? desk.Views.ForResident(turn.Language, complaint, _store.Events(complaint.Id), _store.PhotoCount(complaint.Id))
                : turn.Text("complaint.notFound"));
            return;
        }

        var mine = _store.OfResident(resident.UserId);
        if (mine.Count == 0)
        {
            turn.Send(turn.Text("complaint.none"));
            return;
        }

        var text = new StringBuilder(turn.Text("complaint.yours"));
        foreach (var complaint in mine)
        {
            text.Append('\n').Append(desk.Views.Line(turn.Language, complaint, turn.Now));
        }

        turn.Send(text.Append('\n').Append('\n').Append(turn.Text("complaint.statusHint")).ToString());
    }

    /// <summary>The reporter's own resolved complaint at the version they were asked about, or null.</summary>
    public ComplaintRow? Resolved(ButtonPress press) =>
        long.TryParse(press.Argument, out var id) && _store.Find(id) is { Status: ComplaintStatus.Resolved } complaint
            && complaint.ResidentId == resident.UserId && complaint.Version == press.Step
            ? complaint
            : null;

    public void Close(ComplaintRow complaint)
    {
        if (desk.Apply(turn, complaint, ComplaintAction.Close, "resident", note: null) is null)
        {
            turn.AnswerButton(turn.Text("button.stale"));
            return;
        }

        turn.AnswerButton();
        turn.MayEditPressedMessage = true;
        turn.Show(turn.Text("complaint.closed", complaint.TrackingNo));
    }
}

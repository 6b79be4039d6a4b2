using AsnBot.Complaints;
using AsnBot.Data.Broadcasts;
using AsnBot.Data.Complaints;
using AsnBot.Data.Residents;
using AsnBot.Data.Responses;
using AsnBot.Engine;

namespace AsnBot.Privacy;

/// <summary>/hapus: a resident's right to have their data erased (UU PDP); /datasaya is <see cref="StoredData"/>.</summary>
internal sealed class PersonalData(Turn turn, ResidentRow resident, ComplaintDesk desk)
{
    public void AskToErase() =>
        turn.Send(turn.Text("erase.confirm"), new Keyboard([[
            new Button(turn.Text("erase.yes"), ButtonPress.Of(PrivacyButtons.EraseYes, string.Empty)),
            new Button(turn.Text("erase.no"), ButtonPress.Of(PrivacyButtons.EraseNo, string.Empty)),
        ]]));

    /// <summary>
    /// Deletes the resident, their session, unfinished answers and complaint drafts. Submitted responses
    /// stay as anonymous statistics and filed complaints stay in handling: the link to the person is
    /// removed (resident_id becomes NULL), and the admin posts that showed their Telegram id are edited to drop it.
    /// The complaints-a-day count is not touched: it holds a keyed hash, not the id (<see cref="ComplaintQuota"/>).
    /// </summary>
    public void Erase()
    {
        var complaints = turn.Work.Complaints;
        var named = complaints.ShowingReporter(resident.UserId);
        turn.Work.Responses.DeleteDrafts(resident.UserId);
        complaints.DiscardDrafts(resident.UserId);

        // An invitation already queued for them is withdrawn, not sent to someone who asked to be forgotten.
        turn.Work.Broadcasts.SkipResident(resident.UserId, resident.ChatId, turn.Now);
        turn.Work.Residents.Delete(resident.UserId);
        desk.ForgetReporter(turn, named);
        turn.AnswerButton();
        turn.MayEditPressedMessage = true;
        turn.Show(turn.Text("erase.done"));
    }

    public void KeepData()
    {
        turn.AnswerButton();
        turn.MayEditPressedMessage = true;
        turn.Show(turn.Text("erase.kept"));
    }
}

using AsnBot.Data.Broadcasts;
using AsnBot.Data.Complaints;
using AsnBot.Data.Residents;
using AsnBot.Data.Responses;

namespace AsnBot.Conversations.Privacy;

/// <summary>/hapus: a resident's right to have their data erased (UU PDP); /datasaya is <see cref="StoredData"/>.</summary>
internal sealed class PersonalData(Turn turn, ResidentRow resident)
{
    public void AskToErase() =>
        turn.Send(turn.Text("erase.confirm"), new Keyboard([[
            new Button(turn.Text("erase.yes"), ButtonPress.Of(PrivacyButtons.EraseYes, string.Empty)),
            new Button(turn.Text("erase.no"), ButtonPress.Of(PrivacyButtons.EraseNo, string.Empty)),
        ]]));

    /// <summary>
    /// Deletes the resident, their session, unfinished answers and complaint drafts. Submitted responses
    /// stay as anonymous statistics and filed complaints stay in handling: the link to the person is
    /// removed (resident_id becomes NULL).
    /// </summary>
    public void Erase()
    {
        new ResponseStore(turn.Work).DeleteDrafts(resident.UserId);
        new ComplaintStore(turn.Work).DiscardDrafts(resident.UserId);

        // An invitation already queued for them is withdrawn, not sent to someone who asked to be forgotten.
        new BroadcastStore(turn.Work).SkipResident(resident.UserId, resident.ChatId, turn.Now);
        new ResidentStore(turn.Work).Delete(resident.UserId);
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

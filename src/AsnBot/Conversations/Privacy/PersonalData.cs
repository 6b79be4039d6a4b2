using System.Globalization;
using System.Text;
using AsnBot.Conversations.Complaints;
using AsnBot.Data.Broadcasts;
using AsnBot.Data.Complaints;
using AsnBot.Data.Residents;
using AsnBot.Data.Responses;
using AsnBot.Surveys;
using AsnBot.Texts;

namespace AsnBot.Conversations.Privacy;

/// <summary>/datasaya and /hapus: a resident's right to see and erase their data (UU PDP).</summary>
internal sealed class PersonalData(Turn turn, ResidentRow resident, SurveyOptions options, ComplaintDesk desk)
{
    public void ShowStoredData()
    {
        var responses = new ResponseStore(turn.Work).ForResident(resident.UserId);
        var submitted = responses.Where(r => r.Status == ResponseStatus.Submitted).ToList();
        var text = new StringBuilder()
            .AppendLine(turn.Text("data.title"))
            .AppendLine(turn.Text(
                "data.resident",
                resident.UserId,
                turn.Texts.Get(Languages.FromCode(resident.Language), "language.name"),
                resident.ConsentedAt.ToOffset(WorkingDays.Wib).ToString("yyyy-MM-dd HH:mm 'WIB'", CultureInfo.InvariantCulture),
                resident.ConsentVersion))
            .AppendLine(turn.Text("data.responses", submitted.Count));
        foreach (var response in submitted)
        {
            text.AppendLine(turn.Text(
                "data.response",
                UnitName(response.UnitCode),
                response.RoundCode,
                response.SubmittedAt is { } at ? WorkingDays.LocalDate(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null));
        }

        foreach (var draft in responses.Where(r => r.Status == ResponseStatus.Draft))
        {
            var answers = new ResponseStore(turn.Work).Answers(draft.Id).Count;
            text.AppendLine(turn.Text("data.draft", UnitName(draft.UnitCode), answers));
        }

        var complaints = new ComplaintStore(turn.Work).OfResident(resident.UserId);
        text.AppendLine(turn.Text("data.complaints", complaints.Count));
        foreach (var complaint in complaints)
        {
            text.AppendLine(turn.Text(
                "data.complaint",
                complaint.TrackingNo,
                turn.Text($"status.{complaint.Status}"),
                complaint.SubmittedAt is { } at ? WorkingDays.LocalDate(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null));
        }
        text.AppendLine(turn.Text(
            resident.Subscribed ? "data.subscribed" : "data.unsubscribed",
            new BroadcastStore(turn.Work).ReceivedBy(resident.UserId)));
        text.AppendLine().Append(turn.Text("data.eraseHint"));
        turn.Send(text.ToString());
    }

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
        var complaints = new ComplaintStore(turn.Work);
        var named = complaints.ShowingReporter(resident.UserId);
        new ResponseStore(turn.Work).DeleteDrafts(resident.UserId);
        complaints.DiscardDrafts(resident.UserId);

        // An invitation already queued for them is withdrawn, not sent to someone who asked to be forgotten.
        new BroadcastStore(turn.Work).SkipResident(resident.UserId, resident.ChatId, turn.Now);
        new ResidentStore(turn.Work).Delete(resident.UserId);
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

    private string UnitName(string code) => options.Units.FirstOrDefault(u => u.Code == code)?.Name ?? code;
}

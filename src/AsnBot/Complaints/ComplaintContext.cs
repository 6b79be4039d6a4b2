using AsnBot.Data.Complaints;
using AsnBot.Data.Sessions;
using AsnBot.Engine;
using AsnBot.Survey;

namespace AsnBot.Complaints;

/// <summary>The data one complaint-filing turn works on: the session row and the draft complaint.</summary>
internal sealed class ComplaintContext
{
    private readonly IComplaintStore _store;
    private ComplaintRow? _draft;

    public ComplaintContext(Turn turn, SessionRow session, ComplaintDesk desk, ComplaintOptions options, SurveyOptions survey)
    {
        Turn = turn;
        Session = session;
        Desk = desk;
        Options = options;
        Survey = survey;
        _store = turn.Work.Complaints;
        _draft = session.ComplaintId is { } id ? _store.Find(id) : null;
        Screens = new ComplaintScreens(this);
    }

    public Turn Turn { get; }

    public SessionRow Session { get; }

    public ComplaintDesk Desk { get; }

    public ComplaintOptions Options { get; }

    public SurveyOptions Survey { get; }

    public ComplaintScreens Screens { get; }

    public ComplaintRow? Draft => _draft is { Status: ComplaintStatus.Draft } ? _draft : null;

    /// <summary>A draft can be filed only with a category, a unit, a description and a privacy choice.</summary>
    public bool DraftComplete => Draft is { CategoryCode: not null, UnitCode: not null, Description: not null, Privacy: not null };

    /// <summary>Complaints filed in the last 24 h, counted by a keyed hash of the user id that erasure leaves alone.</summary>
    public long FiledToday() => Turn.Work.ComplaintQuota.FiledSince(Session.UserId, Turn.Now.AddDays(-1));

    public void StartDraft()
    {
        DiscardDraft();
        var id = _store.CreateDraft(Session.UserId, Turn.Now);
        Session.ComplaintId = id;
        _draft = _store.Find(id);
    }

    public void Update(Func<ComplaintRow, ComplaintRow> change)
    {
        var draft = Draft ?? throw new InvalidOperationException("The complaint step needs a draft, and the session has none.");
        _draft = change(draft);
        _store.SaveDraft(_draft);
    }

    public int PhotoCount() => Draft is { } draft ? _store.PhotoCount(draft.Id) : 0;

    /// <summary>
    /// Keeps a photo unless the draft already has the most allowed: the one check for every way a photo
    /// arrives (the evidence step, a captioned photo as the story, the story told again after /kembali).
    /// </summary>
    /// <returns>How many photos the draft has now; null when this one was not kept.</returns>
    public int? TryAddPhoto(string fileId)
    {
        var count = PhotoCount();
        if (count >= Options.MaxPhotos)
        {
            return null;
        }

        _store.AddPhoto(Draft!.Id, fileId);
        return count + 1;
    }

    public void DiscardDraft()
    {
        if (Draft is { } draft)
        {
            _store.Discard(draft.Id);
        }

        _draft = null;
        Session.ComplaintId = null;
    }

    /// <summary>Files the draft: tracking number, likely-duplicate check, audit entry, and the post to the admin group.</summary>
    public ComplaintRow Submit()
    {
        var draft = Draft!;
        var duplicate = _store.Similar(draft, Turn.Now - Options.DuplicateWindow);
        string number;
        do
        {
            number = TrackingNumbers.New(Turn.Now);
        }
        while (_store.FindByNumber(number) is not null);

        _store.Submit(draft.Id, number, duplicate, Turn.Now);
        _store.Record(new ComplaintEventRow { ComplaintId = draft.Id, At = Turn.Now, Actor = "resident", FromStatus = ComplaintStatus.Draft, ToStatus = ComplaintStatus.Submitted });
        var filed = _store.Find(draft.Id)!;
        _draft = filed;
        Turn.Work.ComplaintQuota.Record(Session.UserId, Turn.Now);
        Desk.Announce(Turn, filed);
        return filed;
    }

    /// <summary>Reopens the complaint the reporter said is not resolved; null when that is no longer possible.</summary>
    public ComplaintRow? Reopen(string reason)
    {
        var complaint = Session.ComplaintId is { } id ? _store.Find(id) : null;
        Session.ComplaintId = null;
        if (complaint is null || complaint.ResidentId != Session.UserId)
        {
            return null;
        }

        var reopened = Desk.Apply(Turn, complaint, ComplaintAction.Reopen, "resident", reason);
        if (reopened is not null)
        {
            Desk.Notify(Turn, reopened, Turn.Texts.Format(Texts.Language.Id, "admin.reopened", reopened.TrackingNo, reason));
        }

        return reopened;
    }
}

using System.Globalization;
using AsnBot.Data.Complaints;
using AsnBot.Data.Sessions;
using Stateless;

namespace AsnBot.Conversations.Complaints;

/// <summary>
/// Filing a complaint: category → unit → what happened → evidence (photos, location) → privacy →
/// review → submit. Built per update over the session row, like the survey flow.
/// </summary>
internal sealed class ComplaintFlow
{
    private readonly StateMachine<ComplaintState, Trigger> _machine;
    private readonly ComplaintContext _context;
    private readonly SessionRow _session;
    private readonly Turn _turn;
    private bool _unhandled;

    public ComplaintFlow(ComplaintContext context)
    {
        _context = context;
        _session = context.Session;
        _turn = context.Turn;
        _machine = new StateMachine<ComplaintState, Trigger>(
            () => Enum.Parse<ComplaintState>(_session.ComplaintState),
            s => _session.ComplaintState = s.ToString());
        _machine.OnUnhandledTrigger((_, _) => _unhandled = true);
        _machine.OnTransitioned(t =>
        {
            _session.Step++;
            _session.Flow = t.Destination == ComplaintState.Idle ? "survey" : "complaint";
        });
        Configure();
    }

    private enum Trigger
    {
        Begin,
        Next,
        Back,
        Cancel,
        Discard,
        KeepGoing,
        Submitted,
        AskReason,
    }

    public ComplaintState State => _machine.State;

    /// <summary>The step takes free text, so typed words are not read as button presses.</summary>
    public bool TakesText => State is ComplaintState.Describing or ComplaintState.AddingEvidence or ComplaintState.GivingReopenReason;

    public void Begin()
    {
        if (_context.FiledToday() >= _context.Options.MaxPerDay)
        {
            _turn.Send(_turn.Text("complaint.tooMany", _context.Options.MaxPerDay));
            return;
        }

        if (!_machine.CanFire(Trigger.Begin))
        {
            _turn.Send(_turn.Text("complaint.finishFirst"));
            return;
        }

        _context.StartDraft();
        Fire(Trigger.Begin);
    }

    /// <summary>Shows the current step again as a new message (after a language change, say).</summary>
    public void ShowCurrent() => _context.Screens.Show(State);

    public void Cancel() => Fire(Trigger.Cancel);

    public void Back() => Fire(Trigger.Back);

    /// <summary>The reporter pressed "Belum selesai": ask why before reopening.</summary>
    public void AskReopenReason(long complaintId)
    {
        if (!_machine.CanFire(Trigger.AskReason))
        {
            _turn.Send(_turn.Text("complaint.finishFirst"));
            return;
        }

        _session.ComplaintId = complaintId;
        Fire(Trigger.AskReason, show: false);
        _turn.Send(_turn.Text("complaint.reopenWhy"));
    }

    public void Press(ButtonPress press)
    {
        if (press.Step != _session.Step)
        {
            _turn.AnswerButton(_turn.Text("button.stale"));
            _context.Screens.Show(State);
            return;
        }

        _turn.MayEditPressedMessage = true;
        switch (press.Action)
        {
            case ComplaintButtons.Category when State == ComplaintState.ChoosingCategory && _context.Options.Category(press.Argument) is not null:
                _context.Update(d => d with { CategoryCode = press.Argument });
                Fire(Trigger.Next);
                break;
            case ComplaintButtons.Unit when State == ComplaintState.ChoosingUnit && _context.Survey.Units.Any(u => u.Code == press.Argument):
                _context.Update(d => d with { UnitCode = press.Argument });
                Fire(Trigger.Next);
                break;
            case ComplaintButtons.EvidenceDone when State == ComplaintState.AddingEvidence:
                FinishEvidence();
                break;
            case ComplaintButtons.Privacy when State == ComplaintState.ChoosingPrivacy && press.Argument is ComplaintPrivacy.Identified or ComplaintPrivacy.Anonymous or ComplaintPrivacy.Confidential:
                _context.Update(d => d with { Privacy = press.Argument });
                Fire(Trigger.Next);
                break;
            case ComplaintButtons.Submit when State == ComplaintState.Reviewing:
                Submit();
                break;
            case ComplaintButtons.Back: Back(); break;
            case ComplaintButtons.CancelYes when State == ComplaintState.ConfirmingCancel:
                Fire(Trigger.Discard, show: false);
                _turn.Show(_turn.Text("complaint.cancelled"));
                break;
            case ComplaintButtons.CancelNo: Fire(Trigger.KeepGoing); break;
            default: Reject("button.invalid"); break;
        }
    }

    public void Input(Inbound inbound)
    {
        switch (State)
        {
            case ComplaintState.Describing: Describe(inbound); break;
            case ComplaintState.AddingEvidence: AddEvidence(inbound); break;
            case ComplaintState.GivingReopenReason: Reopen(inbound); break;
            default: Reject(inbound.Kind == InboundKind.Text ? "input.pressButton" : "input.unsupported"); break;
        }
    }

    private void Configure()
    {
        _machine.Configure(ComplaintState.Idle)
            .Permit(Trigger.Begin, ComplaintState.ChoosingCategory)
            .Permit(Trigger.AskReason, ComplaintState.GivingReopenReason)
            .OnEntryFrom(Trigger.Discard, _context.DiscardDraft)
            .OnEntryFrom(Trigger.Submitted, () => _session.ComplaintId = null);
        Step(ComplaintState.ChoosingCategory, ComplaintState.ChoosingUnit, back: null);
        Step(ComplaintState.ChoosingUnit, ComplaintState.Describing, back: ComplaintState.ChoosingCategory);
        Step(ComplaintState.Describing, ComplaintState.AddingEvidence, back: ComplaintState.ChoosingUnit);
        Step(ComplaintState.AddingEvidence, ComplaintState.ChoosingPrivacy, back: ComplaintState.Describing)
            .OnExit(() => _turn.Add(new SendText(_turn.Inbound.ChatId, _context.Screens.EvidenceSummary()) { RemoveReplyKeyboard = true }));
        Step(ComplaintState.ChoosingPrivacy, ComplaintState.Reviewing, back: ComplaintState.AddingEvidence);
        Step(ComplaintState.Reviewing, ComplaintState.Idle, back: ComplaintState.ChoosingPrivacy)
            .Permit(Trigger.Submitted, ComplaintState.Idle);
        _machine.Configure(ComplaintState.ConfirmingCancel)
            .OnEntryFrom(Trigger.Cancel, t => _session.ReturnState = t.Source.ToString())
            .InternalTransition(Trigger.Cancel, () => { })
            .Permit(Trigger.Discard, ComplaintState.Idle)
            .PermitDynamic(Trigger.KeepGoing, () => Enum.TryParse<ComplaintState>(_session.ReturnState, out var s) ? s : ComplaintState.ChoosingCategory);
        _machine.Configure(ComplaintState.GivingReopenReason)
            .Permit(Trigger.Next, ComplaintState.Idle)
            .Permit(Trigger.Cancel, ComplaintState.Idle);
    }

    private StateMachine<ComplaintState, Trigger>.StateConfiguration Step(ComplaintState state, ComplaintState next, ComplaintState? back)
    {
        var configuration = _machine.Configure(state).Permit(Trigger.Cancel, ComplaintState.ConfirmingCancel);
        if (state != ComplaintState.Reviewing)
        {
            configuration.Permit(Trigger.Next, next);
        }

        if (back is { } previous)
        {
            configuration.Permit(Trigger.Back, previous);
        }

        return configuration;
    }

    private void Describe(Inbound inbound)
    {
        // A photo with a caption is the story and its first piece of evidence at once.
        var text = inbound.Kind is InboundKind.Text || (inbound.Kind is InboundKind.Photo && inbound.Text is not null)
            ? inbound.Text?.Trim() ?? string.Empty
            : null;
        var options = _context.Options;
        if (text is null)
        {
            Reject("complaint.expectText");
        }
        else if (text.Length < options.MinLength || text.Length > options.MaxLength)
        {
            _turn.Send(_turn.Text("complaint.length", text.Length, options.MinLength, options.MaxLength));
        }
        else
        {
            _context.Update(d => d with { Description = text });
            if (inbound.PhotoFileId is { } photo)
            {
                _context.AddPhoto(photo);
            }

            Fire(Trigger.Next);
        }
    }

    private void AddEvidence(Inbound inbound)
    {
        switch (inbound)
        {
            case { Kind: InboundKind.Photo, PhotoFileId: { } fileId }:
                var count = _context.PhotoCount();
                if (count >= _context.Options.MaxPhotos)
                {
                    _turn.Send(_turn.Text("complaint.photoLimit", _context.Options.MaxPhotos));
                    return;
                }

                _context.AddPhoto(fileId);
                _turn.Send(_turn.Text("complaint.photoReceived", count + 1, _context.Options.MaxPhotos));
                return;
            case { Kind: InboundKind.Location, Latitude: { } lat, Longitude: { } lon }:
                _context.Update(d => d with { Latitude = lat, Longitude = lon });
                _turn.Send(_turn.Text("complaint.locationReceived"));
                return;
            case { Kind: InboundKind.Text } when _context.Screens.IsContinueLabel(inbound.Text):
                FinishEvidence();
                return;
            default:
                _turn.Send(_turn.Text("complaint.evidenceHint"));
                return;
        }
    }

    private void FinishEvidence()
    {
        _turn.MayEditPressedMessage = false;
        Fire(Trigger.Next);
    }

    private void Submit()
    {
        if (!_context.DraftComplete)
        {
            Reject("button.invalid");
            return;
        }

        if (_context.FiledToday() >= _context.Options.MaxPerDay)
        {
            Reject("complaint.tooManyShort");
            return;
        }

        var complaint = _context.Submit();
        Fire(Trigger.Submitted, show: false);
        var deadline = _context.Desk.Views.Deadlines.Next(complaint);
        _turn.Show(_turn.Text(
            "complaint.submitted",
            complaint.TrackingNo,
            _context.Options.VerifyWithinWorkingDays,
            deadline is { } d ? ComplaintViews.Date(d) : "—"));
    }

    private void Reopen(Inbound inbound)
    {
        var reason = inbound.Kind == InboundKind.Text ? inbound.Text?.Trim() : null;
        if (reason is null)
        {
            Reject("complaint.expectText");
            return;
        }

        if (reason.Length == 0 || reason.Length > _context.Options.MaxLength)
        {
            _turn.Send(_turn.Text("complaint.length", reason.Length, 1, _context.Options.MaxLength));
            return;
        }

        var reopened = _context.Reopen(reason);
        Fire(Trigger.Next, show: false);
        _turn.Send(reopened is null
            ? _turn.Text("complaint.cannotReopen")
            : _turn.Text("complaint.reopened", reopened.TrackingNo));
    }

    private void Fire(Trigger trigger, bool show = true)
    {
        _unhandled = false;
        _machine.Fire(trigger);
        if (_unhandled)
        {
            Reject(trigger switch
            {
                Trigger.Back => "back.none",
                Trigger.Cancel => "cancel.nothing",
                _ => "input.pressButton",
            });
        }
        else if (show)
        {
            _context.Screens.Show(State);
        }
    }

    private void Reject(string key)
    {
        var notice = _turn.Text(key);
        _turn.AnswerButton(notice);
        _turn.MayEditPressedMessage = false;
        _turn.Send(notice);
        if (State != ComplaintState.Idle)
        {
            _context.Screens.Show(State);
        }
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using AsnBot.Data.Complaints;
using AsnBot.Data.Sessions;
using AsnBot.Engine;
using Stateless;

namespace AsnBot.Complaints;

/// <summary>
/// Filing a complaint: category → unit (or one outside the list, by name) → what happened → evidence
/// (photos, location, more text) → privacy → review → submit. Built per update over the session row,
/// like the survey flow. Every length shown or enforced counts what a person sees (<see cref="TextLength"/>).
/// </summary>
internal sealed class ComplaintFlow
{
    /// <summary>Length of a unit name typed for "unit lain".</summary>
    public static readonly (int Min, int Max) UnitNameLength = (3, 100);

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
        OtherUnit,
        Back,
        Cancel,
        Discard,
        KeepGoing,
        Submitted,
        AskReason,
    }

    public ComplaintState State => _machine.State;

    /// <summary>The step takes free text, so typed words are not read as button presses.</summary>
    public bool TakesText => State is ComplaintState.NamingUnit or ComplaintState.Describing or ComplaintState.AddingEvidence or ComplaintState.GivingReopenReason;

    public void Begin()
    {
        if (_context.FiledToday() >= _context.Options.MaxPerDay)
        {
            _turn.Send(_turn.Text("complaint.tooMany", _context.Options.MaxPerDay));
            return;
        }

        if (!_machine.CanFire(Trigger.Begin))
        {
            OfferToContinue();
            return;
        }

        _context.StartDraft();
        Fire(Trigger.Begin);
    }

    /// <summary>Shows the current step again as a new message (after a language change, say).</summary>
    public void ShowCurrent() => _context.Screens.Show(State);

    /// <summary>
    /// The resident turned to something else (/start, /lapor, the menu, a survey button) with this
    /// complaint unfinished: offer to continue it where it stopped, or to cancel it.
    /// </summary>
    public void OfferToContinue()
    {
        // A question to answer first (cancel? why not resolved?) is simply asked again: it has no step to return to.
        if (State is ComplaintState.ConfirmingCancel or ComplaintState.GivingReopenReason)
        {
            _context.Screens.Show(State);
            return;
        }

        _context.Screens.ShowResumePrompt(State);
    }

    public void Cancel() => Fire(Trigger.Cancel);

    public void Back() => Fire(Trigger.Back);

    /// <summary>The reporter pressed "Belum selesai": ask why before reopening.</summary>
    public void AskReopenReason(long complaintId)
    {
        if (!_machine.CanFire(Trigger.AskReason))
        {
            OfferToContinue();
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
                _context.Update(d => d with { UnitCode = press.Argument, UnitName = null });
                Fire(Trigger.Next);
                break;
            case ComplaintButtons.OtherUnit when State == ComplaintState.ChoosingUnit:
                Fire(Trigger.OtherUnit);
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
                ConfirmCancel();
                break;
            case ComplaintButtons.CancelNo: Fire(Trigger.KeepGoing); break;
            case ComplaintButtons.Resume when State is not (ComplaintState.Idle or ComplaintState.ConfirmingCancel):
                _context.Screens.Show(State);
                break;
            case ComplaintButtons.Abandon: Cancel(); break;
            default: Reject("button.invalid"); break;
        }
    }

    public void Input(Inbound inbound)
    {
        switch (State)
        {
            case ComplaintState.NamingUnit: NameUnit(inbound); break;
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
        Step(ComplaintState.ChoosingUnit, ComplaintState.Describing, back: ComplaintState.ChoosingCategory)
            .Permit(Trigger.OtherUnit, ComplaintState.NamingUnit);
        Step(ComplaintState.NamingUnit, ComplaintState.Describing, back: ComplaintState.ChoosingUnit);
        Step(ComplaintState.Describing, ComplaintState.AddingEvidence, back: ComplaintState.ChoosingUnit);
        // Leaving forward or back takes the location keyboard away with a summary; leaving to the cancel
        // question keeps it (the question comes first, and "no" returns here).
        Step(ComplaintState.AddingEvidence, ComplaintState.ChoosingPrivacy, back: ComplaintState.Describing)
            .OnExit(t =>
            {
                if (t.Trigger != Trigger.Cancel)
                {
                    _turn.Add(new SendText(_turn.Inbound.ChatId, _context.Screens.EvidenceSummary()) { RemoveReplyKeyboard = true });
                }
            });
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
        var typed = inbound.Kind is InboundKind.Text || (inbound.Kind is InboundKind.Photo && inbound.Text is not null)
            ? inbound.Text?.Trim() ?? string.Empty
            : null;
        if (Typed(typed, "complaint.length", _context.Options.MinLength, _context.Options.MaxLength) is not { } text)
        {
            return;
        }

        _context.Update(d => d with { Description = text });
        if (inbound.PhotoFileId is { } photo && _context.TryAddPhoto(photo) is null)
        {
            _turn.Send(PhotoLimit());
        }

        Fire(Trigger.Next);
    }

    private void NameUnit(Inbound inbound)
    {
        if (Typed(TextOf(inbound), "complaint.unitNameLength", UnitNameLength.Min, UnitNameLength.Max) is { } name)
        {
            _context.Update(d => d with { UnitCode = ComplaintUnits.Other, UnitName = name });
            Fire(Trigger.Next);
        }
    }

    private static string? TextOf(Inbound inbound) => inbound.Kind == InboundKind.Text ? inbound.Text?.Trim() : null;

    /// <summary>
    /// The text when it is text and its length (as a person counts characters) is within the bounds;
    /// otherwise the resident is told what is wrong (with <paramref name="lengthKey"/>: length, min, max) and null returned.
    /// </summary>
    private string? Typed(string? text, string lengthKey, int min, int max)
    {
        if (text is null)
        {
            Reject("complaint.expectText");
            return null;
        }

        var length = TextLength.Of(text);
        if (length < min || length > max)
        {
            _turn.Send(_turn.Text(lengthKey, length, min, max));
            return null;
        }

        return text;
    }

    private void AddEvidence(Inbound inbound)
    {
        var text = inbound.Text?.Trim();
        switch (inbound)
        {
            case { Kind: InboundKind.Photo, PhotoFileId: { } fileId }:
                var received = _context.TryAddPhoto(fileId) is { } count
                    ? _turn.Text("complaint.photoReceived", count, _context.Options.MaxPhotos)
                    : PhotoLimit();
                _turn.Send(string.IsNullOrEmpty(text) ? received : $"{received}\n{AppendToDescription(text)}");
                return;
            case { Kind: InboundKind.Location, Latitude: { } lat, Longitude: { } lon }:
                _context.Update(d => d with { Latitude = lat, Longitude = lon });
                _turn.Send(_turn.Text("complaint.locationReceived"));
                return;
            case { Kind: InboundKind.Text } when _context.Screens.IsContinueLabel(text):
                FinishEvidence();
                return;
            case { Kind: InboundKind.Text } when _context.Screens.IsBackLabel(text):
                Back();
                return;
            case { Kind: InboundKind.Text } when !string.IsNullOrEmpty(text):
                _turn.Send(AppendToDescription(text));
                return;
            default:
                _turn.Send(_turn.Text("complaint.evidenceHint"));
                return;
        }
    }

    /// <summary>Text sent at the evidence step belongs to the story: added to it on a new line, within the length limit.</summary>
    private string AppendToDescription(string text)
    {
        var description = $"{_context.Draft!.Description}\n{text}";
        var length = TextLength.Of(description);
        var max = _context.Options.MaxLength;
        if (length > max)
        {
            return _turn.Text("complaint.appendTooLong", length, max);
        }

        _context.Update(d => d with { Description = description });
        return _turn.Text("complaint.appended", length, max);
    }

    private string PhotoLimit() => _turn.Text("complaint.photoLimit", _context.Options.MaxPhotos);

    private void FinishEvidence()
    {
        _turn.MayEditPressedMessage = false;
        Fire(Trigger.Next);
    }

    private void ConfirmCancel()
    {
        var fromEvidence = _session.ReturnState == nameof(ComplaintState.AddingEvidence);
        Fire(Trigger.Discard, show: false);
        if (fromEvidence)
        {
            // The location keyboard of the evidence step is still showing: this message takes it away.
            _turn.Add(new SendText(_turn.Inbound.ChatId, _turn.Text("complaint.cancelled")) { RemoveReplyKeyboard = true });
        }
        else
        {
            _turn.Show(_turn.Text("complaint.cancelled"));
        }
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
        if (Typed(TextOf(inbound), "complaint.length", 1, _context.Options.MaxLength) is not { } reason)
        {
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

using System.Globalization;
using AsnBot.Complaints;
using AsnBot.Data.Complaints;
using AsnBot.Data.Sessions;
using AsnBot.Engine;

namespace AsnBot.Complaints;

/// <summary>
/// Filing a complaint: category → unit (or one outside the list, by name) → what happened → evidence
/// (photos, location, more text) → privacy → review → submit. Over the session row, like the survey flow;
/// <see cref="ComplaintMachine"/> decides which step takes which input. Every length shown or enforced counts
/// what a person sees (<see cref="TextLength"/>).
/// </summary>
internal sealed class ComplaintFlow(ComplaintContext context) : Flow<ComplaintFlow, ComplaintState, ComplaintTrigger>(context.Turn, ComplaintMachine.Instance)
{
    /// <summary>Length of a unit name typed for "unit lain".</summary>
    public static readonly (int Min, int Max) UnitNameLength = (3, 100);

    private readonly SessionRow _session = context.Session;

    public ComplaintContext Context { get; } = context;

    public override ComplaintState State
    {
        get => Enum.Parse<ComplaintState>(_session.ComplaintState);
        internal set => _session.ComplaintState = value.ToString();
    }

    /// <summary>The step takes free text, so typed words are not read as button presses.</summary>
    public bool TakesText => State is ComplaintState.NamingUnit or ComplaintState.Describing or ComplaintState.AddingEvidence or ComplaintState.GivingReopenReason;

    protected override long Step
    {
        get => _session.Step;
        set => _session.Step = value;
    }

    public void Begin()
    {
        if (Context.FiledToday() >= Context.Options.MaxPerDay)
        {
            Turn.Send(Turn.Text("complaint.tooMany", Context.Options.MaxPerDay));
            return;
        }

        if (!CanFire(ComplaintTrigger.Begin))
        {
            OfferToContinue();
            return;
        }

        Context.StartDraft();
        Fire(ComplaintTrigger.Begin);
    }

    /// <summary>Shows the current step again as a new message (after a language change, say).</summary>
    public void ShowCurrent() => ShowStep();

    /// <summary>
    /// The resident turned to something else (/start, /lapor, the menu, a survey button) with this
    /// complaint unfinished: offer to continue it where it stopped, or to cancel it.
    /// </summary>
    public void OfferToContinue()
    {
        // A question to answer first (cancel? why not resolved?) is simply asked again: it has no step to return to.
        if (State is ComplaintState.ConfirmingCancel or ComplaintState.GivingReopenReason)
        {
            ShowStep();
            return;
        }

        Context.Screens.ShowResumePrompt(State);
    }

    public void Cancel() => Fire(ComplaintTrigger.Cancel);

    public void Back() => Fire(ComplaintTrigger.Back);

    /// <summary>The reporter pressed "Belum selesai": ask why before reopening.</summary>
    public void AskReopenReason(long complaintId)
    {
        if (!CanFire(ComplaintTrigger.AskReason))
        {
            OfferToContinue();
            return;
        }

        _session.ComplaintId = complaintId;
        Fire(ComplaintTrigger.AskReason, show: false);
        Turn.Send(Turn.Text("complaint.reopenWhy"));
    }

    public void Press(ButtonPress press)
    {
        if (!PressIsCurrent(press))
        {
            return;
        }

        switch (press.Action)
        {
            case ComplaintButtons.Category: Fire(ComplaintMachine.PickCategory, press.Argument); break;
            case ComplaintButtons.Unit: Fire(ComplaintMachine.PickUnit, press.Argument); break;
            case ComplaintButtons.OtherUnit: Fire(ComplaintTrigger.OtherUnit); break;
            case ComplaintButtons.EvidenceDone: FinishEvidence(); break;
            case ComplaintButtons.Privacy: Fire(ComplaintMachine.PickPrivacy, press.Argument); break;
            case ComplaintButtons.Submit: Submit(); break;
            case ComplaintButtons.Back: Back(); break;
            case ComplaintButtons.CancelYes: ConfirmCancel(); break;
            case ComplaintButtons.CancelNo: Fire(ComplaintTrigger.KeepGoing); break;
            case ComplaintButtons.Resume: Fire(ComplaintTrigger.Resume); break;
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

    protected override void ShowStep() => Context.Screens.Show(State);

    protected override void Entered(ComplaintState destination) =>
        _session.Flow = destination == ComplaintState.Idle ? FlowNames.Survey : FlowNames.Complaint;

    protected override string UnhandledKey(ComplaintTrigger trigger) => trigger switch
    {
        ComplaintTrigger.Back => "back.none",
        ComplaintTrigger.Cancel => "cancel.nothing",
        ComplaintTrigger.PickCategory or ComplaintTrigger.PickUnit or ComplaintTrigger.OtherUnit or ComplaintTrigger.EvidenceDone
            or ComplaintTrigger.PickPrivacy or ComplaintTrigger.Discard or ComplaintTrigger.Resume => "button.invalid",
        _ => "input.pressButton",
    };

    /// <summary>The notice as a message of its own, then the step (if one is open).</summary>
    protected override void ShowAgain(string key, string notice)
    {
        Turn.Send(notice);
        if (State != ComplaintState.Idle)
        {
            ShowStep();
        }
    }

    private void Describe(Inbound inbound)
    {
        // A photo with a caption is the story and its first piece of evidence at once.
        var typed = inbound.Kind is InboundKind.Text || (inbound.Kind is InboundKind.Photo && inbound.Text is not null)
            ? inbound.Text?.Trim() ?? string.Empty
            : null;
        if (Typed(typed, "complaint.length", Context.Options.MinLength, Context.Options.MaxLength) is not { } text)
        {
            return;
        }

        Context.Update(d => d with { Description = text });
        if (inbound.PhotoFileId is { } photo && Context.TryAddPhoto(photo) is null)
        {
            Turn.Send(PhotoLimit());
        }

        Fire(ComplaintTrigger.Next);
    }

    private void NameUnit(Inbound inbound)
    {
        if (Typed(TextOf(inbound), "complaint.unitNameLength", UnitNameLength.Min, UnitNameLength.Max) is { } name)
        {
            Context.Update(d => d with { UnitCode = ComplaintUnits.Other, UnitName = name });
            Fire(ComplaintTrigger.Next);
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
            Turn.Send(Turn.Text(lengthKey, length, min, max));
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
                var received = Context.TryAddPhoto(fileId) is { } count
                    ? Turn.Text("complaint.photoReceived", count, Context.Options.MaxPhotos)
                    : PhotoLimit();
                Turn.Send(string.IsNullOrEmpty(text) ? received : $"{received}\n{AppendToDescription(text)}");
                return;
            case { Kind: InboundKind.Location, Latitude: { } lat, Longitude: { } lon }:
                Context.Update(d => d with { Latitude = lat, Longitude = lon });
                Turn.Send(Turn.Text("complaint.locationReceived"));
                return;
            case { Kind: InboundKind.Text } when Context.Screens.IsContinueLabel(text):
                FinishEvidence();
                return;
            case { Kind: InboundKind.Text } when Context.Screens.IsBackLabel(text):
                Back();
                return;
            case { Kind: InboundKind.Text } when !string.IsNullOrEmpty(text):
                Turn.Send(AppendToDescription(text));
                return;
            default:
                Turn.Send(Turn.Text("complaint.evidenceHint"));
                return;
        }
    }

    /// <summary>Text sent at the evidence step belongs to the story: added to it on a new line, within the length limit.</summary>
    private string AppendToDescription(string text)
    {
        var description = $"{Context.Draft!.Description}\n{text}";
        var length = TextLength.Of(description);
        var max = Context.Options.MaxLength;
        if (length > max)
        {
            return Turn.Text("complaint.appendTooLong", length, max);
        }

        Context.Update(d => d with { Description = description });
        return Turn.Text("complaint.appended", length, max);
    }

    private string PhotoLimit() => Turn.Text("complaint.photoLimit", Context.Options.MaxPhotos);

    private void FinishEvidence()
    {
        Turn.MayEditPressedMessage = false;
        Fire(ComplaintTrigger.EvidenceDone);
    }

    private void ConfirmCancel()
    {
        var fromEvidence = _session.ReturnState == nameof(ComplaintState.AddingEvidence);
        if (!Fire(ComplaintTrigger.Discard, show: false))
        {
            return;
        }

        if (fromEvidence)
        {
            // The location keyboard of the evidence step is still showing: this message takes it away.
            Turn.Add(new SendText(Turn.Inbound.ChatId, Turn.Text("complaint.cancelled")) { RemoveReplyKeyboard = true });
        }
        else
        {
            Turn.Show(Turn.Text("complaint.cancelled"));
        }
    }

    private void Submit()
    {
        if (!CanFire(ComplaintTrigger.Submitted) || !Context.DraftComplete)
        {
            Reject("button.invalid");
            return;
        }

        if (Context.FiledToday() >= Context.Options.MaxPerDay)
        {
            Reject("complaint.tooManyShort");
            return;
        }

        var complaint = Context.Submit();
        Fire(ComplaintTrigger.Submitted, show: false);
        var deadline = Context.Desk.Views.Deadlines.Next(complaint);
        Turn.Show(Turn.Text(
            "complaint.submitted",
            complaint.TrackingNo,
            Context.Options.VerifyWithinWorkingDays,
            deadline is { } d ? ComplaintViews.Date(d) : "—"));
    }

    private void Reopen(Inbound inbound)
    {
        if (Typed(TextOf(inbound), "complaint.length", 1, Context.Options.MaxLength) is not { } reason)
        {
            return;
        }

        var reopened = Context.Reopen(reason);
        Fire(ComplaintTrigger.Next, show: false);
        Turn.Send(reopened is null
            ? Turn.Text("complaint.cannotReopen")
            : Turn.Text("complaint.reopened", reopened.TrackingNo));
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

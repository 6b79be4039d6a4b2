using AsnBot.Admin;
using AsnBot.Broadcasts;
using AsnBot.Complaints;
using AsnBot.Dashboard;
using AsnBot.Data;
using AsnBot.Data.Broadcasts;
using AsnBot.Data.Residents;
using AsnBot.Data.Sessions;
using AsnBot.Engine;
using AsnBot.Privacy;
using AsnBot.Survey;
using AsnBot.Texts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsnBot.Conversations;

/// <summary>
/// The conversation router: which feature answers an inbound event, and the state changes and replies it makes,
/// inside the caller's transaction. The one place (with Hosting) that knows every resident- and admin-facing feature.
/// Knows nothing of Telegram: the same engine serves the bot, the console chat and the tests.
/// </summary>
public sealed class ConversationEngine(
    TextCatalog texts,
    SurveyDefinition survey,
    IOptions<SurveyOptions> options,
    IOptions<ComplaintOptions> complaintOptions,
    AdminTools admin,
    DashboardLinks dashboardLinks,
    DashboardAccess dashboardAccess,
    ILogger<ConversationEngine> logger) : IConversation
{
    private readonly SurveyOptions _options = options.Value;
    private readonly ComplaintDesk _desk = admin.Desk;

    public TextCatalog Texts => texts;

    public string SurveyId => $"{survey.Id} v{survey.Version}";

    public IReadOnlyList<Outbound> Handle(IUnitOfWork work, Inbound inbound, DateTimeOffset now)
    {
        var (replies, handledAs) = HandleInbound(work, inbound, now);
        LastScreen.Remember(work, handledAs, replies);
        return replies;
    }

    /// <summary>The replies, and the inbound they answer: a typed answer comes back as the press it stood for.</summary>
    private (IReadOnlyList<Outbound> Replies, Inbound HandledAs) HandleInbound(IUnitOfWork work, Inbound inbound, DateTimeOffset now)
    {
        var resident = work.Residents.Find(inbound.UserId);
        var turn = new Turn(work, inbound, now, texts, Languages.FromCode(resident?.Language ?? inbound.LanguageCode));
        if (DashboardCommand.Handle(turn, dashboardLinks, dashboardAccess) || new AdminDesk(turn, admin, logger).Handle())
        {
            return (turn.Finish(), inbound);
        }

        // Residents talk to the bot in a private chat; other groups and channels get nothing.
        if (inbound.Chat != ChatKind.Private)
        {
            return ([], inbound);
        }

        if (resident is null)
        {
            if (new Onboarding(turn).Handle() is { } consent)
            {
                var session = NewSession(inbound, now);
                WithSession(turn, session, () => OpenRequested(turn, session, consent));
            }
        }
        else
        {
            if (resident.BlockedAt is not null)
            {
                work.Residents.MarkReachable(resident.UserId);
            }

            if (inbound.Kind == InboundKind.Text && LastScreen.Of(work, inbound.ChatId) is { } screen)
            {
                var takesText = TakesText(turn);
                if (TypedAnswer.Match(inbound.Text, screen.Buttons, takesText ? TypedReading.LabelsOnly : TypedReading.Everything) is { } data)
                {
                    // A typed "4", "Sangat sesuai" or "ya" is the press of that button on the screen.
                    return HandleInbound(work, inbound with { Kind = InboundKind.Button, ButtonData = data, Text = null }, now);
                }

                if (!takesText && !IsConversationScreen(screen))
                {
                    // A confirmation (erasure, "sudah selesai?") stays until it is answered, never replaced by another step.
                    var notice = turn.Text("input.pressButton");
                    if (!screen.Text.StartsWith(notice, StringComparison.Ordinal))
                    {
                        turn.Note(notice);
                    }

                    turn.Send(screen.Text, screen.Keyboard);
                    return (turn.Finish(), inbound);
                }
            }

            HandleResident(turn, resident);
        }

        return (turn.Finish(), inbound);
    }

    /// <summary>Whether the step the resident is at takes free text (a suggestion, a complaint's story).</summary>
    private bool TakesText(Turn turn)
    {
        var session = turn.Work.Sessions.Find(turn.Inbound.ChatId);
        return session?.Flow == FlowNames.Complaint ? Complaint(turn, session).TakesText : session is not null && Survey(turn, session).TakesText;
    }

    /// <summary>A survey or complaint step, or the menu: the conversation shows it again itself after a wrong input.</summary>
    private static bool IsConversationScreen(LastScreen screen) =>
        screen.Buttons.Any(b => ButtonPress.Parse(b.Data) is { } press
            && (SurveyButtons.IsSurveyAction(press.Action) || ComplaintButtons.IsFilingAction(press.Action) || press.Action == MainMenu.Action));

    /// <summary>Consent was just given: open what the resident asked for before it: the survey, a complaint or the menu.</summary>
    private void OpenRequested(Turn turn, SessionRow session, ConsentGiven consent)
    {
        switch (consent.Opens)
        {
            case ConsentOpens.Complaint: Complaint(turn, session).Begin(); break;
            case ConsentOpens.Menu: MainMenu.Show(turn); break;
            default: Opening(turn, session).Start(consent.UnitCode); break;
        }
    }

    private void HandleResident(Turn turn, ResidentRow resident)
    {
        var inbound = turn.Inbound;
        var session = turn.Work.Sessions.Find(inbound.ChatId) ?? NewSession(inbound, turn.Now);
        var filing = session.Flow == FlowNames.Complaint;
        var press = inbound.Kind == InboundKind.Button ? ButtonPress.Parse(inbound.ButtonData) : null;
        switch (inbound.Kind)
        {
            case InboundKind.Command:
                HandleCommand(turn, resident, session, filing);
                return;
            case InboundKind.Button when press is null:
                turn.AnswerButton(turn.Text("button.invalid"));
                return;
            case InboundKind.Button when filing && (SurveyButtons.IsSurveyAction(press.Action) || press.Action is MainMenu.Action or PrivacyButtons.Agree):
                // One conversation at a time: an old survey button does not interleave with a complaint.
                turn.AnswerButton();
                OfferToContinueComplaint(turn, session);
                return;
            case InboundKind.Button when SurveyButtons.IsSurveyAction(press.Action):
                WithSession(turn, session, () => Survey(turn, session).Press(press));
                return;
            case InboundKind.Button when ComplaintButtons.IsFilingAction(press.Action):
                WithSession(turn, session, () => Complaint(turn, session).Press(press));
                return;
            case InboundKind.Button:
                HandleOtherButton(turn, resident, session, press);
                return;
            case var _ when filing:
                WithSession(turn, session, () => Complaint(turn, session).Input(inbound));
                return;
            default:
                WithSession(turn, session, () =>
                {
                    var flow = Survey(turn, session);
                    if (!new SurveyOpening(flow).PauseIfAway())
                    {
                        flow.Input(inbound);
                    }
                });
                return;
        }
    }

    private void HandleCommand(Turn turn, ResidentRow resident, SessionRow session, bool filing)
    {
        var privacy = new PersonalData(turn, resident, _desk);
        switch (Commands.Canonical(turn.Inbound.Command))
        {
            case "start" or "report" when filing:
                OfferToContinueComplaint(turn, session);
                return;
            case "start":
                WithSession(turn, session, () => Opening(turn, session).Start(Onboarding.DeepLinkUnit(turn.Inbound.Text)));
                return;
            case "report":
                // A survey in progress stays where it is; /start offers to continue it afterwards.
                WithSession(turn, session, () => Complaint(turn, session).Begin());
                return;
            case "status":
                new ResidentComplaints(turn, resident, _desk).Status(turn.Inbound.Text);
                return;
            case "cancel" when filing:
                WithSession(turn, session, () => Complaint(turn, session).Cancel());
                return;
            case "cancel":
                WithSession(turn, session, () => Survey(turn, session).Cancel());
                return;
            case "back" when filing:
                WithSession(turn, session, () => Complaint(turn, session).Back());
                return;
            case "back":
                WithSession(turn, session, () =>
                {
                    var flow = Survey(turn, session);
                    if (!new SurveyOpening(flow).PauseIfAway())
                    {
                        flow.Back();
                    }
                });
                return;
            case "stop":
                turn.Work.Residents.SetSubscribed(resident.UserId, subscribed: false);
                turn.Work.Broadcasts.SkipResident(resident.UserId, resident.ChatId, turn.Now);
                turn.Send(turn.Text("subscription.stopped"));
                return;
            case "subscribe":
                turn.Work.Residents.SetSubscribed(resident.UserId, subscribed: true);
                turn.Send(turn.Text("subscription.started"));
                return;
            case "help": turn.Send(turn.Text("help")); return;
            case "language": Onboarding.ShowLanguageChoice(turn); return;
            case "mydata": new StoredData(turn, resident, _options, survey).Show(); return;
            case "delete": privacy.AskToErase(); return;
            default: turn.Send(turn.Text("command.unknown")); return;
        }
    }

    private void HandleOtherButton(Turn turn, ResidentRow resident, SessionRow session, ButtonPress press)
    {
        var privacy = new PersonalData(turn, resident, _desk);
        var complaints = new ResidentComplaints(turn, resident, _desk);
        switch (press.Action)
        {
            case PrivacyButtons.Language:
                turn.Language = Languages.FromCode(press.Argument);
                turn.Work.Residents.SetLanguage(turn.Inbound.UserId, turn.Language.Code());
                turn.AnswerButton();
                turn.Note(turn.Text("language.set"));
                WithSession(turn, session, () => ShowCurrent(turn, session));
                return;
            case PrivacyButtons.Agree:
                // Consent already given (an old notice pressed again): open what that notice was for.
                WithSession(turn, session, () => OpenRequested(turn, session, ConsentGiven.Parse(press.Argument.Split('-', 2).ElementAtOrDefault(1))));
                return;
            case PrivacyButtons.EraseYes:
                privacy.Erase();
                return;
            case PrivacyButtons.EraseNo:
                privacy.KeepData();
                if (IsOpen(session))
                {
                    // Back to the step the confirmation interrupted, so its buttons (and typed answers) work again.
                    WithSession(turn, session, () => ShowCurrent(turn, session));
                }

                return;
            case MainMenu.Action:
                turn.AnswerButton();
                HandleMenu(turn, resident, session, press.Argument);
                return;
            case BroadcastButtons.Invitation when session.Flow == FlowNames.Complaint:
                turn.AnswerButton();
                OfferToContinueComplaint(turn, session);
                return;
            case BroadcastButtons.Invitation:
                turn.AnswerButton();
                var (round, unit) = BroadcastButtons.ParseInvitation(press.Argument);
                WithSession(turn, session, () => Opening(turn, session).Invited(round, unit));
                return;
            case ComplaintButtons.ConfirmResolved when complaints.Resolved(press) is { } resolved:
                complaints.Close(resolved);
                return;
            case ComplaintButtons.Reopen when complaints.Resolved(press) is { } resolved:
                turn.AnswerButton();
                if (session.Flow == FlowNames.Complaint)
                {
                    OfferToContinueComplaint(turn, session);
                    return;
                }

                if (resolved.Reopened)
                {
                    turn.Send(turn.Text("complaint.cannotReopen"));
                    return;
                }

                WithSession(turn, session, () => Complaint(turn, session).AskReopenReason(resolved.Id));
                return;
            case ComplaintButtons.ConfirmResolved or ComplaintButtons.Reopen:
                turn.AnswerButton(turn.Text("button.stale"));
                return;
            default:
                turn.AnswerButton(turn.Text("button.invalid"));
                return;
        }
    }

    private void HandleMenu(Turn turn, ResidentRow resident, SessionRow session, string choice)
    {
        if (session.Flow == FlowNames.Complaint)
        {
            OfferToContinueComplaint(turn, session);
            return;
        }

        switch (choice)
        {
            case MainMenu.Survey:
                WithSession(turn, session, () => Opening(turn, session).Start(unitCode: null));
                return;
            case MainMenu.Report:
                WithSession(turn, session, () => Complaint(turn, session).Begin());
                return;
            default:
                new ResidentComplaints(turn, resident, _desk).Status(argument: null);
                return;
        }
    }

    /// <summary>
    /// Shows a resident the screen they are at again, as a new message (the console chat does this when it
    /// starts, so the buttons of an earlier run work without /start): the last screen with buttons they were
    /// sent, else their step or the menu when nothing is open, and nothing before consent (nothing is stored then).
    /// </summary>
    public IReadOnlyList<Outbound> ShowCurrent(IUnitOfWork work, long userId, DateTimeOffset now)
    {
        if (work.Residents.Find(userId) is not { } resident)
        {
            return [];
        }

        // No one pressed or typed anything: a turn without input, only to collect the screen.
        var turn = new Turn(work, new Inbound { ChatId = resident.ChatId, UserId = userId, Kind = InboundKind.Command }, now, texts, Languages.FromCode(resident.Language));
        var session = work.Sessions.Find(resident.ChatId);
        if (LastScreen.Of(work, resident.ChatId) is { } screen)
        {
            // The last screen with buttons (a resume prompt, a confirmation): what a typed answer is read against.
            turn.Send(screen.Text, screen.Keyboard);
        }
        else if (session is null || !IsOpen(session))
        {
            MainMenu.Show(turn);
        }
        else
        {
            ShowCurrent(turn, session);
        }

        return turn.Finish();
    }

    /// <summary>A complaint or a survey is in progress.</summary>
    private static bool IsOpen(SessionRow session) => session.Flow == FlowNames.Complaint || session.State != nameof(SurveyState.Idle);

    private void ShowCurrent(Turn turn, SessionRow session)
    {
        if (session.Flow == FlowNames.Complaint)
        {
            Complaint(turn, session).ShowCurrent();
        }
        else
        {
            Survey(turn, session).ShowCurrent();
        }
    }

    private void OfferToContinueComplaint(Turn turn, SessionRow session) =>
        WithSession(turn, session, () => Complaint(turn, session).OfferToContinue());

    /// <summary>Runs a flow over the session and saves the session in the same transaction.</summary>
    private static void WithSession(Turn turn, SessionRow session, Action action)
    {
        action();
        session.UpdatedAt = turn.Now;
        turn.Work.Sessions.Save(session);
    }

    private SurveyFlow Survey(Turn turn, SessionRow session) => new(new SurveyContext(turn, session, survey, _options));

    private SurveyOpening Opening(Turn turn, SessionRow session) => new(Survey(turn, session));

    private ComplaintFlow Complaint(Turn turn, SessionRow session) =>
        new(new ComplaintContext(turn, session, _desk, complaintOptions.Value, _options));

    private static SessionRow NewSession(Inbound inbound, DateTimeOffset now) => new()
    {
        ChatId = inbound.ChatId,
        UserId = inbound.UserId,
        State = nameof(SurveyState.Idle),
        Step = 1,
        UpdatedAt = now,
    };
}

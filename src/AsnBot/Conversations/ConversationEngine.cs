using AsnBot.Conversations.Privacy;
using AsnBot.Conversations.Survey;
using AsnBot.Data;
using AsnBot.Data.Residents;
using AsnBot.Data.Sessions;
using AsnBot.Surveys;
using AsnBot.Texts;
using Microsoft.Extensions.Options;

namespace AsnBot.Conversations;

/// <summary>
/// Turns one inbound event into state changes and replies, inside the caller's transaction.
/// Knows nothing of Telegram: the same engine serves the bot, the console chat and the tests.
/// </summary>
public sealed class ConversationEngine(TextCatalog texts, SurveyDefinition survey, IOptions<SurveyOptions> options)
{
    private readonly SurveyOptions _options = options.Value;

    public TextCatalog Texts => texts;

    public string SurveyId => $"{survey.Id} v{survey.Version}";

    public IReadOnlyList<Outbound> Handle(UnitOfWork work, Inbound inbound, DateTimeOffset now)
    {
        // Residents talk to the bot in a private chat; groups and channels are not a place for surveys.
        if (inbound.Chat != ChatKind.Private)
        {
            return [];
        }

        var resident = new ResidentStore(work).Find(inbound.UserId);
        var turn = new Turn(work, inbound, now, texts, Languages.FromCode(resident?.Language ?? inbound.LanguageCode));
        if (resident is null)
        {
            if (new Onboarding(turn).Handle() is { } consent)
            {
                var session = NewSession(inbound, now);
                HandleSurvey(turn, session, flow => flow.Start(consent.UnitCode));
            }
        }
        else
        {
            if (resident.BlockedAt is not null)
            {
                new ResidentStore(work).MarkReachable(resident.UserId);
            }

            HandleResident(turn, resident);
        }

        return turn.Finish();
    }

    private void HandleResident(Turn turn, ResidentRow resident)
    {
        var inbound = turn.Inbound;
        var session = new SessionStore(turn.Work).Find(inbound.ChatId) ?? NewSession(inbound, turn.Now);
        var privacy = new PersonalData(turn, resident, _options);
        var press = inbound.Kind == InboundKind.Button ? ButtonPress.Parse(inbound.ButtonData) : null;
        switch (inbound.Kind)
        {
            case InboundKind.Command:
                switch (Commands.Canonical(inbound.Command))
                {
                    case "start": HandleSurvey(turn, session, f => f.Start(Onboarding.DeepLinkUnit(inbound.Text))); return;
                    case "cancel": HandleSurvey(turn, session, f => f.Cancel()); return;
                    case "back": HandleSurvey(turn, session, f => { if (!f.PauseIfAway(_options.ResumePromptAfter)) { f.Back(); } }); return;
                    case "help": turn.Send(turn.Text("help")); return;
                    case "language": Onboarding.ShowLanguageChoice(turn); return;
                    case "mydata": privacy.ShowStoredData(); return;
                    case "delete": privacy.AskToErase(); return;
                    default: turn.Send(turn.Text("command.unknown")); return;
                }

            case InboundKind.Button when press is null:
                turn.AnswerButton(turn.Text("button.invalid"));
                return;
            case InboundKind.Button when SurveyButtons.IsSurveyAction(press.Action):
                HandleSurvey(turn, session, f => f.Press(press));
                return;
            case InboundKind.Button:
                HandleOtherButton(turn, session, privacy, press);
                return;
            default:
                HandleSurvey(turn, session, f =>
                {
                    if (!f.PauseIfAway(_options.ResumePromptAfter))
                    {
                        f.Input(inbound);
                    }
                });
                return;
        }
    }

    private void HandleOtherButton(Turn turn, SessionRow session, PersonalData privacy, ButtonPress press)
    {
        switch (press.Action)
        {
            case PrivacyButtons.Language:
                turn.Language = Languages.FromCode(press.Argument);
                new ResidentStore(turn.Work).SetLanguage(turn.Inbound.UserId, turn.Language.Code());
                turn.AnswerButton(turn.Text("language.set"));
                turn.Send(turn.Text("language.set"));
                HandleSurvey(turn, session, f => f.ShowCurrent());
                return;
            case PrivacyButtons.Agree:
                // Consent already given (an old notice pressed again): just open the survey.
                HandleSurvey(turn, session, f => f.Start(press.Argument.Split('-', 2).ElementAtOrDefault(1)));
                return;
            case PrivacyButtons.EraseYes:
                privacy.Erase();
                return;
            case PrivacyButtons.EraseNo:
                privacy.KeepData();
                return;
            default:
                turn.AnswerButton(turn.Text("button.invalid"));
                return;
        }
    }

    /// <summary>Runs the survey flow over the session and saves the session in the same transaction.</summary>
    private void HandleSurvey(Turn turn, SessionRow session, Action<SurveyFlow> action)
    {
        action(new SurveyFlow(new SurveyContext(turn, session, survey, _options)));
        session.UpdatedAt = turn.Now;
        new SessionStore(turn.Work).Save(session);
    }

    private static SessionRow NewSession(Inbound inbound, DateTimeOffset now) => new()
    {
        ChatId = inbound.ChatId,
        UserId = inbound.UserId,
        State = nameof(SurveyState.Idle),
        Step = 1,
        UpdatedAt = now,
    };
}

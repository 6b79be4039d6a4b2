using System.Text.RegularExpressions;
using AsnBot.Data.Residents;
using AsnBot.Engine;
using AsnBot.Texts;

namespace AsnBot.Privacy;

/// <summary>
/// Everything before consent. Nothing is written here until the resident presses "Setuju": the
/// language and deep-link unit chosen before that travel in the buttons, not in the database.
/// </summary>
internal sealed partial class Onboarding(Turn turn)
{
    /// <summary>Version of the privacy notice text; stored with each consent.</summary>
    public const string ConsentVersion = "2026-11-b";

    /// <summary>Handles a person who has not consented; returns what to open when consent was just given.</summary>
    public ConsentGiven? Handle()
    {
        var inbound = turn.Inbound;
        switch (inbound.Kind)
        {
            case InboundKind.Command:
                HandleCommand(Commands.Canonical(inbound.Command), inbound.Text);
                return null;
            case InboundKind.Button:
                return HandleButton(ButtonPress.Parse(inbound.ButtonData));
            case InboundKind.Text when TypedAnswer.Match(inbound.Text, [.. NoticeButtons(ConsentGiven.Unknown).Rows.SelectMany(r => r)], TypedReading.LabelsAndYesNo) is { } data:
                // "Setuju" or "ya" typed instead of pressed: what was asked for before is not known, so the menu follows.
                return HandleButton(ButtonPress.Parse(data));
            default:
                ShowNotice(ConsentGiven.Unknown, "consent.required");
                return null;
        }
    }

    public static void ShowLanguageChoice(Turn turn) =>
        turn.Send(turn.Text("language.choose"), new Keyboard([[
            new Button(turn.Texts.Get(Language.Id, "language.name"), ButtonPress.Of(PrivacyButtons.Language, Language.Id.Code())),
            new Button(turn.Texts.Get(Language.En, "language.name"), ButtonPress.Of(PrivacyButtons.Language, Language.En.Code())),
        ]]));

    /// <summary>The unit code in a deep link payload ("u_DISDUK"), if it is well formed.</summary>
    public static string? DeepLinkUnit(string? payload) =>
        payload is not null && DeepLinkPattern().Match(payload) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("^u_([A-Za-z0-9]{1,20})$")]
    private static partial Regex DeepLinkPattern();

    private void HandleCommand(string? command, string? argument)
    {
        switch (command)
        {
            case "start": ShowNotice(new ConsentGiven(ConsentOpens.Survey, DeepLinkUnit(argument)), "welcome"); break;
            case "report": ShowNotice(new ConsentGiven(ConsentOpens.Complaint), "consent.required"); break;
            case "help": turn.Send(turn.Text("help")); break;
            case "language": ShowLanguageChoice(turn); break;
            case "mydata" or "delete": turn.Send(turn.Text("data.none")); break;
            case "back" or "cancel" or "status": ShowNotice(ConsentGiven.Unknown, "consent.required"); break;
            default: turn.Send(turn.Text("command.unknown")); break;
        }
    }

    private ConsentGiven? HandleButton(ButtonPress? press)
    {
        var argument = press?.Argument.Split('-', 2) ?? [];
        var language = Languages.FromCode(argument.ElementAtOrDefault(0));
        var request = ConsentGiven.Parse(argument.ElementAtOrDefault(1));
        switch (press?.Action)
        {
            case PrivacyButtons.Language:
                // The notice again in the chosen language, still carrying the unit or complaint asked for.
                turn.Language = language;
                turn.AnswerButton();
                turn.MayEditPressedMessage = true;
                ShowNotice(request, "welcome");
                return null;
            case PrivacyButtons.Agree when press.Step is null:
                turn.Language = language;
                turn.Work.Residents.Save(new ResidentRow
                {
                    UserId = turn.Inbound.UserId,
                    ChatId = turn.Inbound.ChatId,
                    Language = language.Code(),
                    ConsentVersion = ConsentVersion,
                    ConsentedAt = turn.Now,
                });
                if (turn.Inbound.Kind == InboundKind.Button)
                {
                    turn.AnswerButton(turn.Text("consent.recorded"));
                }
                else
                {
                    turn.Note(turn.Text("consent.recorded"));
                }

                return request;
            case PrivacyButtons.Decline:
                turn.Language = language;
                turn.AnswerButton();
                turn.MayEditPressedMessage = true;
                turn.Show(turn.Text("consent.declined"));
                return null;
            default:
                // A survey button from before an erasure, or something forged: consent comes first.
                turn.AnswerButton(turn.Text("consent.required"));
                ShowNotice(ConsentGiven.Unknown, "consent.required");
                return null;
        }
    }

    /// <summary>The notice in one message, opened by <paramref name="leadKey"/>; its buttons carry the language and what was asked for.</summary>
    private void ShowNotice(ConsentGiven request, string leadKey) =>
        turn.Show($"{turn.Text(leadKey)}\n\n{turn.Text("consent.notice")}", NoticeButtons(request));

    private Keyboard NoticeButtons(ConsentGiven request)
    {
        var other = turn.Language == Language.Id ? Language.En : Language.Id;
        var carried = request.Argument is { } target ? $"-{target}" : string.Empty;
        return new Keyboard([
            [
                new Button(turn.Text("consent.agree"), ButtonPress.Of(PrivacyButtons.Agree, turn.Language.Code() + carried)),
                new Button(turn.Text("consent.decline"), ButtonPress.Of(PrivacyButtons.Decline, turn.Language.Code())),
            ],
            [new Button(turn.Texts.Get(other, "language.name"), ButtonPress.Of(PrivacyButtons.Language, other.Code() + carried))],
        ]);
    }
}

/// <summary>
/// What the resident asked for before consenting, carried in the notice's buttons: the survey (for the
/// deep-link unit when there was one), a complaint after /lapor, or the menu when it is not known.
/// Opened as soon as consent is recorded.
/// </summary>
internal sealed record ConsentGiven(ConsentOpens Opens, string? UnitCode = null)
{
    private const string ComplaintMark = "*";
    private const string MenuMark = "?";

    public static readonly ConsentGiven Unknown = new(ConsentOpens.Menu);

    /// <summary>The part of the button argument after the language: a unit code, a mark, or nothing.</summary>
    public string? Argument => Opens switch
    {
        ConsentOpens.Complaint => ComplaintMark,
        ConsentOpens.Menu => MenuMark,
        _ => UnitCode,
    };

    public static ConsentGiven Parse(string? argument) => argument switch
    {
        ComplaintMark => new(ConsentOpens.Complaint),
        MenuMark => Unknown,
        null or "" => new(ConsentOpens.Survey),
        _ => new(ConsentOpens.Survey, argument),
    };
}

internal enum ConsentOpens
{
    Survey,
    Complaint,
    Menu,
}

using System.Text.RegularExpressions;
using AsnBot.Data.Residents;
using AsnBot.Texts;

namespace AsnBot.Conversations.Privacy;

/// <summary>
/// Everything before consent. Nothing is written here until the resident presses "Setuju": the
/// language and deep-link unit chosen before that travel in the buttons, not in the database.
/// </summary>
internal sealed partial class Onboarding(Turn turn)
{
    /// <summary>Version of the privacy notice text; stored with each consent.</summary>
    public const string ConsentVersion = "2026-11-b";

    /// <summary>Handles a person who has not consented; returns the unit to open when consent was just given.</summary>
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
            default:
                turn.Send(turn.Text("consent.required"));
                ShowNotice(unitCode: null);
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
            case "start": ShowNotice(DeepLinkUnit(argument)); break;
            case "help": turn.Send(turn.Text("help")); break;
            case "language": ShowLanguageChoice(turn); break;
            case "mydata" or "delete": turn.Send(turn.Text("data.none")); break;
            case "back" or "cancel" or "report" or "status": turn.Send(turn.Text("consent.required")); ShowNotice(unitCode: null); break;
            default: turn.Send(turn.Text("command.unknown")); break;
        }
    }

    private ConsentGiven? HandleButton(ButtonPress? press)
    {
        var argument = press?.Argument.Split('-', 2) ?? [];
        var language = Languages.FromCode(argument.ElementAtOrDefault(0));
        switch (press?.Action)
        {
            case PrivacyButtons.Language:
                turn.Language = language;
                turn.AnswerButton();
                ShowNotice(unitCode: null);
                return null;
            case PrivacyButtons.Agree when press.Step is null:
                turn.Language = language;
                new ResidentStore(turn.Work).Save(new ResidentRow
                {
                    UserId = turn.Inbound.UserId,
                    ChatId = turn.Inbound.ChatId,
                    Language = language.Code(),
                    ConsentVersion = ConsentVersion,
                    ConsentedAt = turn.Now,
                });
                turn.AnswerButton(turn.Text("consent.recorded"));
                return new ConsentGiven(argument.ElementAtOrDefault(1));
            case PrivacyButtons.Decline:
                turn.Language = language;
                turn.AnswerButton();
                turn.MayEditPressedMessage = true;
                turn.Show(turn.Text("consent.declined"));
                return null;
            default:
                // A survey button from before an erasure, or something forged: consent comes first.
                turn.AnswerButton(turn.Text("consent.required"));
                ShowNotice(unitCode: null);
                return null;
        }
    }

    private void ShowNotice(string? unitCode)
    {
        var argument = unitCode is null ? turn.Language.Code() : $"{turn.Language.Code()}-{unitCode}";
        turn.Send($"{turn.Text("welcome")}\n\n{turn.Text("consent.notice")}", new Keyboard([[
            new Button(turn.Text("consent.agree"), ButtonPress.Of(PrivacyButtons.Agree, argument)),
            new Button(turn.Text("consent.decline"), ButtonPress.Of(PrivacyButtons.Decline, turn.Language.Code())),
        ]]));
    }
}

/// <summary>Consent was just recorded; the survey opens at once, for the deep-link unit when there was one.</summary>
internal sealed record ConsentGiven(string? UnitCode);

using System.Text;
using AsnBot.Broadcasts;
using AsnBot.Complaints;
using AsnBot.Data.Complaints;
using AsnBot.Data.Documents;
using AsnBot.Data.Rounds;
using AsnBot.Engine;
using AsnBot.Rounds;
using AsnBot.Texts;
using Microsoft.Extensions.Logging;

namespace AsnBot.Admin;

/// <summary>
/// Complaint triage for configured admins: /aduan, the action buttons on complaint posts, and replies to
/// those posts. Anyone else gets exactly the answer an unknown command gets, and the attempt is logged.
/// Admin business happens only in a private chat with an admin or in the admin group; whatever shows one
/// complaint in full, or a file, goes only to a private chat, because the group has members who are not admins.
/// Every text shown here comes from <see cref="ComplaintViews.ForAdmin"/> or carries no reporter data.
/// </summary>
internal sealed partial class AdminDesk(Turn turn, AdminTools tools, ILogger logger)
{
    /// <summary>Admin and analyst commands; for anyone else they do not exist.</summary>
    public static readonly IReadOnlySet<string> Commands = new HashSet<string> { "aduan", "ekspor", "laporan", "putaran", "putaran_baru", "siaran" };

    /// <summary>Callback actions of admin buttons; pressed by anyone else, they are refused.</summary>
    private static readonly HashSet<string> ButtonActions = [ComplaintButtons.Admin, BroadcastButtons.Admin, RoundWizard.Button];

    private readonly IComplaintStore _store = turn.Work.Complaints;
    private readonly ComplaintDesk _desk = tools.Desk;

    /// <summary>True when the inbound was admin business (handled or refused); false leaves it to the resident side.</summary>
    public bool Handle()
    {
        var inbound = turn.Inbound;
        var press = inbound.Kind == InboundKind.Button ? ButtonPress.Parse(inbound.ButtonData) : null;
        var isAdminCommand = inbound.Kind == InboundKind.Command && inbound.Command is { } command && Commands.Contains(command);
        var isAdminButton = press is not null && ButtonActions.Contains(press.Action);
        var inAdminGroup = inbound.Chat != ChatKind.Private && _desk.IsAdminGroup(inbound.ChatId);
        if (!_desk.Admin.IsAdmin(inbound.UserId))
        {
            if (isAdminCommand || isAdminButton || (inAdminGroup && inbound.Kind == InboundKind.Command))
            {
                LogRefused(logger, inbound.UserId, inbound.Command ?? inbound.ButtonData);
                Refuse(answerCommand: inbound.Chat == ChatKind.Private);
                return true;
            }

            return inAdminGroup;
        }

        if (inbound.Chat != ChatKind.Private && !inAdminGroup)
        {
            // In any other group an admin is a member like the rest: an admin command there is not answered,
            // as no command in a group is, so nothing of a complaint or an export lands where anyone may read it.
            if (isAdminCommand || isAdminButton)
            {
                LogOutsideAdminChats(logger, inbound.UserId, inbound.ChatId, inbound.Command ?? inbound.ButtonData);
                Refuse(answerCommand: false);
                return true;
            }

            return false;
        }

        var wizard = new RoundWizard(turn, tools.Planner);
        if (isAdminCommand)
        {
            turn.Language = Language.Id;
            switch (inbound.Command)
            {
                case "aduan": List(inbound.Text); break;
                case "putaran": new RoundDesk(turn, tools.Planner).Command(inbound.Text); break;
                case "putaran_baru": wizard.Begin(); break;
                case "siaran": Broadcasts().Start(); break;
                default: RequestDocument(inbound.Command!, inbound.Text); break;
            }
        }
        else if (isAdminButton)
        {
            turn.Language = Language.Id;
            switch (press!.Action)
            {
                case BroadcastButtons.Admin: Broadcasts().Press(press); break;
                case RoundWizard.Button: wizard.Press(press); break;
                default: Press(press); break;
            }
        }
        else if (inbound is { Kind: InboundKind.Text, ReplyToMessageId: { } repliedTo } && Reply(repliedTo, inbound.Text!))
        {
            return true;
        }
        else if (wizard.Active && inbound.Kind is InboundKind.Command && AsnBot.Engine.Commands.Canonical(inbound.Command) == "cancel")
        {
            turn.Language = Language.Id;
            wizard.Cancel();
        }
        else if (wizard.Active && inbound.Kind is InboundKind.Text or InboundKind.Unsupported or InboundKind.Photo or InboundKind.Location)
        {
            turn.Language = Language.Id;
            wizard.Input(inbound.Text);
        }
        else
        {
            return inAdminGroup;
        }

        return true;
    }

    /// <param name="answerCommand">
    /// Only in a private chat does an unknown command get an answer. In groups the bot says nothing to any
    /// command (an admin command must not stand out by getting one), and in the admin group a reply would
    /// spend the 20 messages a minute that complaint posts need.
    /// </param>
    private void Refuse(bool answerCommand)
    {
        var notice = turn.Text("command.unknown");
        turn.AnswerButton(notice);
        if (answerCommand && turn.Inbound.Kind == InboundKind.Command)
        {
            turn.Send(notice);
        }
    }

    /// <summary>
    /// /aduan: the open complaints, one line each; in the admin group confidential ones are only counted.
    /// /aduan &lt;nomor&gt;: one complaint in full with its buttons and "Lihat bukti", in a private chat only.
    /// </summary>
    private void List(string? argument)
    {
        if (TrackingNumbers.Normalize(argument) is { } number)
        {
            if (InGroup)
            {
                turn.Send(turn.Text("admin.privateOnly"));
            }
            else if (_store.FindByNumber(number) is { Status: not ComplaintStatus.Draft } complaint)
            {
                turn.Add(new SendText(turn.Inbound.ChatId, View(complaint), Buttons(complaint)) { Tag = AdminButtons.PostTag(complaint.Id) });
            }
            else
            {
                turn.Send(turn.Text("complaint.notFound"));
            }

            return;
        }

        var open = _store.Open();
        var listed = InGroup ? open.Where(c => c.Privacy != ComplaintPrivacy.Confidential).ToList() : open;
        var text = new StringBuilder(turn.Text("admin.openList", open.Count));
        foreach (var complaint in listed)
        {
            text.Append('\n').Append(_desk.Views.Line(Language.Id, complaint, turn.Now));
        }

        if (open.Count > listed.Count)
        {
            text.Append('\n').Append(turn.Text("admin.confidentialCounted", open.Count - listed.Count));
        }

        turn.Send(text.ToString());
    }

    /// <summary>
    /// /ekspor [pengaduan] [csv|xlsx|json] [round] [unit] and /laporan [round] [unit]: the file is made
    /// in the background (an export can take seconds) and sent here when ready.
    /// </summary>
    private void RequestDocument(string command, string? arguments)
    {
        if (InGroup)
        {
            turn.Send(turn.Text("admin.privateOnly"));
            return;
        }

        var words = (arguments ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var export = command == "ekspor";
        var complaints = export && words.Remove("pengaduan");
        var format = words.FirstOrDefault(w => w is "csv" or "xlsx" or "json") ?? (export ? "xlsx" : "text");
        var unit = words.FirstOrDefault(w => tools.Planner.Units.Any(u => string.Equals(u.Code, w, StringComparison.OrdinalIgnoreCase)))?.ToUpperInvariant();
        var calendar = RoundCalendar.Load(turn.Work, turn.Now);
        var named = words.FirstOrDefault(w => w != format && !string.Equals(w, unit, StringComparison.OrdinalIgnoreCase));
        var round = named is null ? CurrentRound(calendar) : calendar.Find(named)?.Code;
        if (round is null)
        {
            // A mistyped round (or unit) must not make an empty file that looks like a real one.
            turn.Send(calendar.All.Count == 0
                ? turn.Text("round.noneYet")
                : turn.Text("admin.unknownRound", named ?? string.Empty, string.Join(", ", calendar.All.Select(r => r.Code))));
            return;
        }

        turn.Work.DocumentJobs.Enqueue(new DocumentJobRow
        {
            Id = 0,
            ChatId = turn.Inbound.ChatId,
            RequestedBy = turn.Inbound.UserId,
            Kind = complaints ? DocumentJobKind.Complaints : export ? DocumentJobKind.Export : DocumentJobKind.Report,
            Format = format,
            RoundCode = round,
            UnitCode = unit,
        }, turn.Now);
        turn.Send(turn.Text("admin.documentQueued", round, unit ?? turn.Text("admin.allUnits")));
    }

    private void Press(ButtonPress press)
    {
        var parts = press.Argument.Split('-');
        var action = AdminButtons.Actions.FirstOrDefault(a => a.Code == parts.ElementAtOrDefault(1));
        var complaint = parts.Length == 2 && long.TryParse(parts[0], out var id) ? _store.Find(id) : null;
        if (complaint is null || complaint.Status == ComplaintStatus.Draft || (action.Code is null && parts[1] != AdminButtons.Evidence))
        {
            turn.AnswerButton(turn.Text("button.invalid"));
            return;
        }

        if (action.Code is null)
        {
            // Showing the photos changes nothing, so an older view's button still works.
            SendEvidence(complaint);
            return;
        }

        if (press.Step != complaint.Version)
        {
            turn.AnswerButton(turn.Text("admin.stale"));
            if (!ConfidentialInGroup(complaint))
            {
                turn.Add(new SendText(turn.Inbound.ChatId, View(complaint), Buttons(complaint)) { Tag = AdminButtons.PostTag(complaint.Id) });
            }
            else if (turn.Inbound.ButtonMessageId is { } pressed)
            {
                // The group sees a confidential complaint only in its first post: that post is brought up to date.
                turn.Add(new EditText(turn.Inbound.ChatId, pressed, View(complaint), Buttons(complaint)));
            }

            return;
        }

        switch (action.Action)
        {
            case null:
                Prompt(complaint, "admin.answerPrompt", AdminButtons.ReplyTag(complaint.Id));
                break;
            case ComplaintAction.Reject when ComplaintLifecycle.Next(complaint, ComplaintAction.Reject) is not null:
                Prompt(complaint, "admin.rejectPrompt", AdminButtons.RejectTag(complaint.Id));
                break;
            case { } change when _desk.Apply(turn, complaint, change, Actor, note: null) is { } changed:
                turn.AnswerButton(turn.Text("admin.done", _desk.Views.Status(Language.Id, changed.Status)));
                turn.MayEditPressedMessage = true;
                turn.Show(View(changed), Buttons(changed));
                break;
            default:
                turn.AnswerButton(turn.Text("admin.notAllowed", _desk.Views.Status(Language.Id, complaint.Status)));
                break;
        }
    }

    private bool Reply(int repliedTo, string text)
    {
        if (AdminButtons.ParseTag(turn.Work.SentMessages.TagOf(turn.Inbound.ChatId, repliedTo)) is not { } tag
            || _store.Find(tag.Id) is not { Status: not ComplaintStatus.Draft } complaint)
        {
            return false;
        }

        turn.Language = Language.Id;
        var answer = text.Trim();
        if (tag.Kind == "reject")
        {
            var changed = _desk.Apply(turn, complaint, ComplaintAction.Reject, Actor, answer);
            turn.Send(changed is null
                ? turn.Text("admin.notAllowed", _desk.Views.Status(Language.Id, complaint.Status))
                : turn.Text("admin.done", _desk.Views.Status(Language.Id, changed.Status)));
        }
        else
        {
            ComplaintDesk.Relay(turn, complaint, Actor, answer);
            turn.Send(ConfidentialInGroup(complaint) ? turn.Text("admin.relayedShort") : turn.Text("admin.relayed", complaint.TrackingNo));
        }

        return true;
    }

    /// <summary>Asks for the answer as a reply; for a confidential complaint pressed in the group, in the admin's private chat.</summary>
    private void Prompt(ComplaintRow complaint, string key, string tag)
    {
        var toPrivate = ConfidentialInGroup(complaint);
        turn.AnswerButton(toPrivate ? turn.Text("admin.promptPrivate") : null);
        turn.Add(new SendText(toPrivate ? turn.Inbound.UserId : turn.Inbound.ChatId, turn.Text(key, complaint.TrackingNo)) { Tag = tag, ForceReply = true });
    }

    /// <summary>
    /// "Lihat bukti": the stored photos, always to the admin's private chat (in Telegram a user's private chat
    /// with the bot has the user's id), never to a group.
    /// </summary>
    private void SendEvidence(ComplaintRow complaint)
    {
        var paths = _store.StoredPhotos(complaint.Id);
        turn.AnswerButton(paths.Count == 0 ? turn.Text("admin.noEvidence") : null);
        for (var i = 0; i < paths.Count; i++)
        {
            turn.Add(new SendPhoto(turn.Inbound.UserId, paths[i], turn.Text("admin.evidenceCaption", complaint.TrackingNo, i + 1, paths.Count)));
        }
    }

    private Keyboard Buttons(ComplaintRow complaint) => _desk.AdminKeyboard(turn.Work, complaint, turn.Inbound.ChatId);

    private bool InGroup => turn.Inbound.Chat != ChatKind.Private;

    private bool ConfidentialInGroup(ComplaintRow complaint) => InGroup && complaint.Privacy == ComplaintPrivacy.Confidential;

    private string Actor => $"admin:{turn.Inbound.UserId}";

    private BroadcastDesk Broadcasts() => new(turn, tools.Scheduler, tools.Messages, tools.Planner.Units);

    /// <summary>The round exports and reports mean when none is named: one open now, else the latest to open.</summary>
    private string? CurrentRound(RoundCalendar calendar) =>
        (calendar.Open.FirstOrDefault() ?? calendar.All.Where(r => r.OpensAt <= turn.Now).MaxBy(r => r.OpensAt))?.Code;

    private string View(ComplaintRow complaint) => _desk.AdminView(turn.Work, complaint, turn.Now, turn.Inbound.ChatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} is not an admin and tried {Attempt}")]
    private static partial void LogRefused(ILogger logger, long userId, string? attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {UserId} tried {Attempt} in chat {ChatId}, which is neither the admin group nor a private chat; ignored")]
    private static partial void LogOutsideAdminChats(ILogger logger, long userId, long chatId, string? attempt);
}

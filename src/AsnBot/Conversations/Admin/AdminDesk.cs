using System.Text;
using AsnBot.Conversations.Complaints;
using AsnBot.Data.Complaints;
using AsnBot.Data.Documents;
using AsnBot.Texts;
using Microsoft.Extensions.Logging;

namespace AsnBot.Conversations.Admin;

/// <summary>
/// Complaint triage for configured admins: /aduan, the action buttons on complaint posts, and replies to
/// those posts. Anyone else gets exactly the answer an unknown command gets, and the attempt is logged.
/// Every text shown here comes from <see cref="ComplaintViews.ForAdmin"/> or carries no reporter data.
/// </summary>
internal sealed partial class AdminDesk(Turn turn, ComplaintDesk desk, string defaultRound, IReadOnlyCollection<string> unitCodes, ILogger logger)
{
    /// <summary>Admin and analyst commands; for anyone else they do not exist.</summary>
    public static readonly IReadOnlySet<string> Commands = new HashSet<string> { "aduan", "ekspor", "laporan" };

    private readonly ComplaintStore _store = new(turn.Work);

    /// <summary>True when the inbound was admin business (handled or refused); false leaves it to the resident side.</summary>
    public bool Handle()
    {
        var inbound = turn.Inbound;
        var press = inbound.Kind == InboundKind.Button ? ButtonPress.Parse(inbound.ButtonData) : null;
        var isAdminCommand = inbound.Kind == InboundKind.Command && inbound.Command is { } command && Commands.Contains(command);
        var isAdminButton = press?.Action == ComplaintButtons.Admin;
        var inAdminGroup = inbound.Chat != ChatKind.Private && inbound.ChatId == desk.Admin.GroupChatId;
        if (!desk.Admin.IsAdmin(inbound.UserId))
        {
            if (isAdminCommand || isAdminButton || (inAdminGroup && inbound.Kind == InboundKind.Command))
            {
                LogRefused(logger, inbound.UserId, inbound.Command ?? inbound.ButtonData);
                Refuse();
                return true;
            }

            return inAdminGroup;
        }

        if (isAdminCommand)
        {
            turn.Language = Language.Id;
            switch (inbound.Command)
            {
                case "aduan": List(inbound.Text); break;
                default: RequestDocument(inbound.Command!, inbound.Text); break;
            }
        }
        else if (isAdminButton)
        {
            turn.Language = Language.Id;
            Press(press!);
        }
        else if (inbound is { Kind: InboundKind.Text, ReplyToMessageId: { } repliedTo })
        {
            return Reply(repliedTo, inbound.Text!) || inAdminGroup;
        }
        else
        {
            return inAdminGroup;
        }

        return true;
    }

    private void Refuse()
    {
        var notice = turn.Text("command.unknown");
        turn.AnswerButton(notice);
        if (turn.Inbound.Kind == InboundKind.Command)
        {
            turn.Send(notice);
        }
    }

    private void List(string? argument)
    {
        if (TrackingNumbers.Normalize(argument) is { } number)
        {
            if (_store.FindByNumber(number) is { Status: not ComplaintStatus.Draft } complaint)
            {
                turn.Add(new SendText(turn.Inbound.ChatId, View(complaint), AdminButtons.For(complaint)) { Tag = AdminButtons.PostTag(complaint.Id) });
                return;
            }

            turn.Send(turn.Text("complaint.notFound"));
            return;
        }

        var open = _store.Open();
        var text = new StringBuilder(turn.Text("admin.openList", open.Count));
        foreach (var complaint in open)
        {
            text.Append('\n').Append(desk.Views.Line(Language.Id, complaint, turn.Now));
        }

        turn.Send(text.ToString());
    }

    /// <summary>
    /// /ekspor [pengaduan] [csv|xlsx|json] [round] [unit] and /laporan [round] [unit]: the file is made
    /// in the background (an export can take seconds) and sent here when ready.
    /// </summary>
    private void RequestDocument(string command, string? arguments)
    {
        var words = (arguments ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var export = command == "ekspor";
        var complaints = export && words.Remove("pengaduan");
        var format = words.FirstOrDefault(w => w is "csv" or "xlsx" or "json") ?? (export ? "xlsx" : "text");
        var unit = words.FirstOrDefault(w => unitCodes.Contains(w, StringComparer.OrdinalIgnoreCase))?.ToUpperInvariant();
        var round = words.FirstOrDefault(w => w != format && !string.Equals(w, unit, StringComparison.OrdinalIgnoreCase)) ?? defaultRound;
        DocumentJobStore.Enqueue(turn.Work, new DocumentJobRow
        {
            Id = 0,
            ChatId = turn.Inbound.ChatId,
            RequestedBy = turn.Inbound.UserId,
            Kind = complaints ? "complaints" : export ? "export" : "report",
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
        if (complaint is null || action.Code is null || complaint.Status == ComplaintStatus.Draft)
        {
            turn.AnswerButton(turn.Text("button.invalid"));
            return;
        }

        if (press.Step != complaint.Version)
        {
            turn.AnswerButton(turn.Text("admin.stale"));
            turn.Add(new SendText(turn.Inbound.ChatId, View(complaint), AdminButtons.For(complaint)) { Tag = AdminButtons.PostTag(complaint.Id) });
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
            case { } change when desk.Apply(turn, complaint, change, Actor, note: null) is { } changed:
                turn.AnswerButton(turn.Text("admin.done", desk.Views.Status(Language.Id, changed.Status)));
                turn.MayEditPressedMessage = true;
                turn.Show(View(changed), AdminButtons.For(changed));
                break;
            default:
                turn.AnswerButton(turn.Text("admin.notAllowed", desk.Views.Status(Language.Id, complaint.Status)));
                break;
        }
    }

    private bool Reply(int repliedTo, string text)
    {
        if (AdminButtons.ParseTag(SentMessageStore.TagOf(turn.Work, turn.Inbound.ChatId, repliedTo)) is not { } tag
            || _store.Find(tag.Id) is not { } complaint)
        {
            return false;
        }

        turn.Language = Language.Id;
        var answer = text.Trim();
        if (tag.Kind == "reject")
        {
            var changed = desk.Apply(turn, complaint, ComplaintAction.Reject, Actor, answer);
            turn.Send(changed is null
                ? turn.Text("admin.notAllowed", desk.Views.Status(Language.Id, complaint.Status))
                : turn.Text("admin.done", desk.Views.Status(Language.Id, changed.Status)));
        }
        else
        {
            ComplaintDesk.Relay(turn, complaint, Actor, answer);
            turn.Send(turn.Text("admin.relayed", complaint.TrackingNo));
        }

        return true;
    }

    private void Prompt(ComplaintRow complaint, string key, string tag)
    {
        turn.AnswerButton();
        turn.Add(new SendText(turn.Inbound.ChatId, turn.Text(key, complaint.TrackingNo)) { Tag = tag, ForceReply = true });
    }

    private string Actor => $"admin:{turn.Inbound.UserId}";

    private string View(ComplaintRow complaint) => desk.Views.ForAdmin(complaint, _store.PhotoCount(complaint.Id), turn.Now);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} is not an admin and tried {Attempt}")]
    private static partial void LogRefused(ILogger logger, long userId, string? attempt);
}

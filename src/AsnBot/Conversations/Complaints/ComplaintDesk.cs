using AsnBot.Data.Complaints;
using AsnBot.Data.Residents;
using AsnBot.Texts;

namespace AsnBot.Conversations.Complaints;

/// <summary>
/// Applies an action to a filed complaint: checks the lifecycle, moves the status (only from the
/// status the actor saw), writes the audit trail and tells the reporter through the outbox.
/// </summary>
public sealed class ComplaintDesk(ComplaintViews views, AdminOptions admin)
{
    public ComplaintViews Views => views;

    public AdminOptions Admin => admin;

    /// <summary>Returns the changed complaint, or null when the action is not allowed now.</summary>
    public ComplaintRow? Apply(Turn turn, ComplaintRow complaint, ComplaintAction action, string actor, string? note)
    {
        if (ComplaintLifecycle.Next(complaint, action) is not { } to)
        {
            return null;
        }

        var store = new ComplaintStore(turn.Work);
        var firstResponse = actor.StartsWith("admin:", StringComparison.Ordinal) && action is ComplaintAction.Process or ComplaintAction.Resolve or ComplaintAction.Reject or ComplaintAction.NotOurs;
        if (!store.ChangeStatus(complaint.Id, complaint.Status, to, firstResponse, turn.Now))
        {
            return null;
        }

        store.Record(new ComplaintEventRow { ComplaintId = complaint.Id, At = turn.Now, Actor = actor, FromStatus = complaint.Status, ToStatus = to, Note = note });
        var changed = store.Find(complaint.Id)!;
        if (actor != "resident")
        {
            NotifyReporter(turn, changed, note);
        }

        return changed;
    }

    /// <summary>Relays an admin's answer to the reporter and records it as the first response.</summary>
    public static void Relay(Turn turn, ComplaintRow complaint, string actor, string answer)
    {
        var store = new ComplaintStore(turn.Work);
        store.MarkFirstResponse(complaint.Id, turn.Now);
        store.Record(new ComplaintEventRow { ComplaintId = complaint.Id, At = turn.Now, Actor = actor, FromStatus = complaint.Status, ToStatus = complaint.Status, Note = answer });
        if (Reporter(turn, complaint) is { } reporter)
        {
            turn.SendTo(reporter.ChatId, turn.Texts.Format(Languages.FromCode(reporter.Language), "complaint.adminReply", complaint.TrackingNo, answer));
        }
    }

    /// <summary>Posts to the admin group, if one is configured.</summary>
    public void ToAdmins(Turn turn, string text, Keyboard? keyboard = null, string? tag = null)
    {
        if (admin.GroupChatId is { } group)
        {
            turn.Add(new SendText(group, text, keyboard) { Tag = tag });
        }
    }

    private void NotifyReporter(Turn turn, ComplaintRow complaint, string? note)
    {
        if (Reporter(turn, complaint) is not { } reporter)
        {
            return;
        }

        var language = Languages.FromCode(reporter.Language);
        var text = turn.Texts.Format(language, "complaint.statusChanged", complaint.TrackingNo, views.Status(language, complaint.Status));
        if (note is not null)
        {
            text += "\n" + turn.Texts.Format(language, "complaint.note", note);
        }

        Keyboard? keyboard = null;
        if (complaint.Status == ComplaintStatus.Resolved)
        {
            text += "\n\n" + turn.Texts.Get(language, "complaint.askResolved");
            keyboard = new Keyboard([[
                new Button(turn.Texts.Get(language, "complaint.resolvedYes"), ButtonPress.Of(ComplaintButtons.ConfirmResolved, complaint.Version, complaint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                new Button(turn.Texts.Get(language, "complaint.resolvedNo"), ButtonPress.Of(ComplaintButtons.Reopen, complaint.Version, complaint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ]]);
        }

        turn.SendTo(reporter.ChatId, text, keyboard);
    }

    private static ResidentRow? Reporter(Turn turn, ComplaintRow complaint) =>
        complaint.ResidentId is { } id ? new ResidentStore(turn.Work).Find(id) : null;
}

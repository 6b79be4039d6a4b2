using AsnBot.Admin;
using AsnBot.Data;
using AsnBot.Data.Complaints;
using AsnBot.Data.Residents;
using AsnBot.Engine;
using AsnBot.Texts;

namespace AsnBot.Complaints;

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

        var store = turn.Work.Complaints;
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
        var store = turn.Work.Complaints;
        store.MarkFirstResponse(complaint.Id, turn.Now);
        store.Record(new ComplaintEventRow { ComplaintId = complaint.Id, At = turn.Now, Actor = actor, FromStatus = complaint.Status, ToStatus = complaint.Status, Note = answer });
        if (Reporter(turn, complaint) is { } reporter)
        {
            turn.SendTo(reporter.ChatId, turn.Texts.Format(Languages.FromCode(reporter.Language), "complaint.adminReply", complaint.TrackingNo, answer));
        }
    }

    /// <summary>True for the configured admin group, whose members need not all be admins.</summary>
    public bool IsAdminGroup(long chatId) => admin.GroupChatId == chatId;

    /// <summary>
    /// The admin view of a complaint for the chat it is shown in (see <see cref="ComplaintViews.ForAdmin"/>): the
    /// admin group sees a confidential complaint only in its own first post.
    /// </summary>
    public string AdminView(IUnitOfWork work, ComplaintRow complaint, DateTimeOffset now, long chatId)
    {
        var store = work.Complaints;
        var duplicateConfidential = complaint.DuplicateOf is { } duplicate && store.FindByNumber(duplicate)?.Privacy == ComplaintPrivacy.Confidential;
        return views.ForAdmin(complaint, store.PhotoCount(complaint.Id), now, IsAdminGroup(chatId), duplicateConfidential);
    }

    /// <summary>The buttons of an admin view; in a private chat also "Lihat bukti" when photos were sent.</summary>
    public Keyboard AdminKeyboard(IUnitOfWork work, ComplaintRow complaint, long chatId) =>
        !IsAdminGroup(chatId) && work.Complaints.PhotoCount(complaint.Id) is > 0 and var photos
            ? AdminButtons.WithEvidence(complaint, views.EvidenceButton(photos))
            : AdminButtons.For(complaint);

    /// <summary>The first post of a filed complaint, to the admin group, if one is configured.</summary>
    public void Announce(Turn turn, ComplaintRow complaint)
    {
        if (admin.GroupChatId is { } group)
        {
            turn.Add(new SendText(group, AdminView(turn.Work, complaint, turn.Now, group), AdminButtons.For(complaint)) { Tag = AdminButtons.PostTag(complaint.Id) });
        }
    }

    /// <summary>
    /// A later notice about a complaint (reopened by the reporter): to the admin group, except for a confidential
    /// complaint, which after its first post is shown only in the admins' private chats.
    /// </summary>
    public void Notify(Turn turn, ComplaintRow complaint, string text)
    {
        var chats = complaint.Privacy == ComplaintPrivacy.Confidential
            ? admin.UserIds.AsEnumerable()
            : admin.GroupChatId is { } group ? [group] : [];
        foreach (var chat in chats)
        {
            turn.Add(new SendText(chat, text, AdminButtons.For(complaint)) { Tag = AdminButtons.NoticeTag(complaint.Id) });
        }
    }

    /// <summary>
    /// After the reporter erased their data: every delivered view of their complaints that showed their Telegram
    /// id (identified and confidential ones) is edited to the same view without it.
    /// </summary>
    public void ForgetReporter(Turn turn, IEnumerable<long> complaintIds)
    {
        var store = turn.Work.Complaints;
        foreach (var id in complaintIds)
        {
            var complaint = store.Find(id)!;
            foreach (var (chatId, messageId) in turn.Work.SentMessages.MessagesTagged(AdminButtons.PostTag(id)))
            {
                turn.Add(new EditText(chatId, messageId, AdminView(turn.Work, complaint, turn.Now, chatId), AdminKeyboard(turn.Work, complaint, chatId)));
            }
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
            // A complaint is reopened at most once: after that "Belum selesai" would only be refused, so it is not offered.
            var id = complaint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var yes = new Button(turn.Texts.Get(language, "complaint.resolvedYes"), ButtonPress.Of(ComplaintButtons.ConfirmResolved, complaint.Version, id));
            text += "\n\n" + turn.Texts.Get(language, complaint.Reopened ? "complaint.askResolvedFinal" : "complaint.askResolved");
            keyboard = new Keyboard([complaint.Reopened
                ? [yes]
                : [yes, new Button(turn.Texts.Get(language, "complaint.resolvedNo"), ButtonPress.Of(ComplaintButtons.Reopen, complaint.Version, id))]]);
        }

        turn.SendTo(reporter.ChatId, text, keyboard);
    }

    private static ResidentRow? Reporter(Turn turn, ComplaintRow complaint) =>
        complaint.ResidentId is { } id ? turn.Work.Residents.Find(id) : null;
}

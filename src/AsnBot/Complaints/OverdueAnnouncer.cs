using System.Globalization;
using System.Text;
using AsnBot.Data;
using AsnBot.Data.Complaints;
using AsnBot.Engine;
using AsnBot.Texts;

namespace AsnBot.Complaints;

/// <summary>
/// Once per working day (after the configured local time), posts the overdue complaints to the admin
/// group. Each complaint is announced at most once a day, recorded in the same transaction.
/// </summary>
public sealed class OverdueAnnouncer(ComplaintDesk desk, ComplaintOptions options, TextCatalog texts)
{
    public IReadOnlyList<Outbound> Run(IUnitOfWork work, DateTimeOffset now)
    {
        var today = WorkingDays.LocalDate(now);
        var deadlines = desk.Views.Deadlines;
        if (desk.Admin.GroupChatId is not { } group || !deadlines.Days.IsWorkingDay(today) || now.ToOffset(WorkingDays.Wib).TimeOfDay < options.AnnounceOverdueAt)
        {
            return [];
        }

        var store = work.Complaints;
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var due = store.Open().Where(c => c.LastOverdueNotice != day && deadlines.State(c, now) == DeadlineState.Overdue).ToList();
        if (due.Count == 0)
        {
            return [];
        }

        foreach (var complaint in due)
        {
            store.MarkOverdueNoticed(complaint.Id, day);
        }

        // The group (whose members need not be admins) gets confidential complaints only as a number; each admin
        // gets them one by one in their private chat with the bot.
        var confidential = due.Where(c => c.Privacy == ComplaintPrivacy.Confidential).ToList();
        var listed = due.Except(confidential).ToList();
        var forGroup = listed.Count > 0 ? Notice(listed, now) : new StringBuilder();
        if (confidential.Count > 0)
        {
            forGroup.Append(listed.Count > 0 ? "\n" : string.Empty).Append(texts.Format(Language.Id, "admin.overdueConfidential", confidential.Count));
        }

        var notices = new List<Outbound> { new SendText(group, forGroup.ToString()) };
        if (confidential.Count > 0)
        {
            var text = Notice(confidential, now).ToString();
            notices.AddRange(desk.Admin.UserIds.Select(admin => new SendText(admin, text)));
        }

        return notices;
    }

    private StringBuilder Notice(List<ComplaintRow> complaints, DateTimeOffset now)
    {
        var text = new StringBuilder(texts.Format(Language.Id, "admin.overdue", complaints.Count));
        foreach (var complaint in complaints)
        {
            text.Append('\n').Append(desk.Views.Line(Language.Id, complaint, now));
        }

        return text;
    }
}

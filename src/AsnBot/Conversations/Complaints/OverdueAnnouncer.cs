using System.Globalization;
using System.Text;
using AsnBot.Data;
using AsnBot.Data.Complaints;
using AsnBot.Texts;

namespace AsnBot.Conversations.Complaints;

/// <summary>
/// Once per working day (after the configured local time), posts the overdue complaints to the admin
/// group. Each complaint is announced at most once a day, recorded in the same transaction.
/// </summary>
public sealed class OverdueAnnouncer(ComplaintDesk desk, ComplaintOptions options, TextCatalog texts)
{
    public IReadOnlyList<Outbound> Run(UnitOfWork work, DateTimeOffset now)
    {
        var today = WorkingDays.LocalDate(now);
        var deadlines = desk.Views.Deadlines;
        if (desk.Admin.GroupChatId is not { } group || !deadlines.Days.IsWorkingDay(today) || now.ToOffset(WorkingDays.Wib).TimeOfDay < options.AnnounceOverdueAt)
        {
            return [];
        }

        var store = new ComplaintStore(work);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var due = store.Open().Where(c => c.LastOverdueNotice != day && deadlines.State(c, now) == DeadlineState.Overdue).ToList();
        if (due.Count == 0)
        {
            return [];
        }

        var text = new StringBuilder(texts.Format(Language.Id, "admin.overdue", due.Count));
        foreach (var complaint in due)
        {
            text.Append('\n').Append(desk.Views.Line(Language.Id, complaint, now));
            store.MarkOverdueNoticed(complaint.Id, day);
        }

        return [new SendText(group, text.ToString())];
    }
}

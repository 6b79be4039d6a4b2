using AsnBot.Data;
using AsnBot.Data.Broadcasts;
using AsnBot.Data.Complaints;
using AsnBot.Data.Outbox;
using AsnBot.Data.Rounds;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Texts;
using Microsoft.Extensions.Options;

namespace AsnBot.Broadcasts;

/// <summary>
/// Moves broadcasts along, one transaction per tick: tops up the outbox with the next recipients of each
/// running broadcast (a few seconds' worth, so pausing or cancelling takes effect at once and the outbox stays
/// small), finishes those with nobody left, edits each admin's progress message, and starts reminders.
/// A recipient's state changes only when the sender records the outcome, so a crash at any point
/// resumes with exactly the recipients still pending.
/// </summary>
public sealed class BroadcastScheduler(
    BroadcastMessages messages,
    IOptions<BroadcastOptions> options,
    IOptions<DeliveryOptions> delivery)
{
    private readonly BroadcastOptions _options = options.Value;

    /// <summary>Messages per second broadcasts may use.</summary>
    public double AllowedPerSecond => Math.Max(0.1, delivery.Value.GlobalPerSecond - delivery.Value.ReplyReserve);

    private int QueueTarget => Math.Max(1, (int)Math.Ceiling(AllowedPerSecond * _options.QueueAheadSeconds));

    public IReadOnlyList<Outbound> Run(IUnitOfWork work, DateTimeOffset now)
    {
        var replies = new List<Outbound>();
        var store = work.Broadcasts;
        var rounds = work.Rounds.All();
        StartReminders(store, rounds, now, replies);
        foreach (var broadcast in store.Active())
        {
            var round = rounds.FirstOrDefault(r => r.Code == broadcast.RoundCode);
            if (round?.IsOpen(now) != true)
            {
                // The round closed meanwhile: an invitation to it would only disappoint.
                store.Unqueue(broadcast.Id);
                if (store.Finish(broadcast.Id, BroadcastStatus.Cancelled, now))
                {
                    Finished(work, store, broadcast with { Status = BroadcastStatus.Cancelled }, round, store.Counts(broadcast.Id), now, replies);
                }

                continue;
            }

            if (broadcast.Status == BroadcastStatus.Running)
            {
                TopUp(work, store, broadcast, round, now);
            }

            var counts = store.Counts(broadcast.Id);
            if (broadcast.Status == BroadcastStatus.Running && counts.Pending == 0 && store.Finish(broadcast.Id, BroadcastStatus.Done, now))
            {
                Finished(work, store, broadcast with { Status = BroadcastStatus.Done }, round, counts, now, replies);
            }
            else if (broadcast.ProgressAt is not { } shown || now - shown >= _options.ProgressEvery)
            {
                ShowProgress(work, store, broadcast, round, counts, now, replies);
            }
        }

        return replies;
    }

    /// <summary>A broadcast that just started: its progress message, which later edits replace.</summary>
    public SendText ProgressMessage(IBroadcastStore store, BroadcastRow broadcast, RoundRow? round, DateTimeOffset now)
    {
        var text = messages.Progress(broadcast, round, store.Counts(broadcast.Id), now, AllowedPerSecond);
        store.SetProgress(broadcast.Id, text, now);
        return new SendText(broadcast.AdminChatId, text, messages.ProgressButtons(broadcast)) { Tag = BroadcastButtons.ProgressTag(broadcast.Id) };
    }

    /// <summary>The progress message edited to show the broadcast's current state.</summary>
    private void ShowProgress(IUnitOfWork work, IBroadcastStore store, BroadcastRow broadcast, RoundRow? round, RecipientCounts counts, DateTimeOffset now, List<Outbound> replies)
    {
        var text = messages.Progress(broadcast, round, counts, now, AllowedPerSecond);
        if (text == broadcast.ProgressText)
        {
            return;
        }

        // Until the first progress message is delivered there is nothing to edit; the next tick tries again.
        if (work.SentMessages.MessageTagged(broadcast.AdminChatId, BroadcastButtons.ProgressTag(broadcast.Id)) is { } messageId)
        {
            replies.Add(new EditText(broadcast.AdminChatId, messageId, text, messages.ProgressButtons(broadcast)));
            store.SetProgress(broadcast.Id, text, now);
        }
    }

    /// <summary>Over (done or cancelled): the progress message shows the end state, and a summary follows.</summary>
    private void Finished(IUnitOfWork work, IBroadcastStore store, BroadcastRow broadcast, RoundRow? round, RecipientCounts counts, DateTimeOffset now, List<Outbound> replies)
    {
        ShowProgress(work, store, broadcast, round, counts, now, replies);
        var summary = messages.Summary(broadcast, round, counts, now);
        replies.Add(new SendText(broadcast.AdminChatId, summary));
    }

    private void TopUp(IUnitOfWork work, IBroadcastStore store, BroadcastRow broadcast, RoundRow round, DateTimeOffset now)
    {
        var room = QueueTarget - store.Queued(broadcast.Id);
        if (room <= 0)
        {
            return;
        }

        foreach (var recipient in store.NextToQueue(broadcast.Id, room))
        {
            var message = messages.ForResident(broadcast, round, recipient.ChatId, Languages.FromCode(recipient.Language));
            work.Outbox.Enqueue(recipient.ChatId, OutboxPriority.Broadcast, OutboundJson.Kind(message), OutboundJson.Serialize(message), now, broadcast.Id);
        }
    }

    private void StartReminders(IBroadcastStore store, IReadOnlyList<RoundRow> rounds, DateTimeOffset now, List<Outbound> replies)
    {
        if (_options.MaxReminders == 0)
        {
            return;
        }

        foreach (var invitation in store.InvitationsOfOpenRounds(now))
        {
            var reminders = store.Reminders(invitation.Id);
            var last = reminders.Count > 0 ? reminders[^1] : invitation;
            if (reminders.Count >= _options.MaxReminders || last.Status is BroadcastStatus.Running or BroadcastStatus.Paused
                || now - last.CreatedAt < _options.ReminderAfter)
            {
                continue;
            }

            var reminder = store.StartReminder(invitation, now);
            replies.Add(ProgressMessage(store, reminder, rounds.FirstOrDefault(r => r.Code == reminder.RoundCode), now));
        }
    }
}

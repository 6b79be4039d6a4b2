namespace AsnBot.Data.Broadcasts;

/// <summary>Invitations and reminders, and what became of each recipient.</summary>
public interface IBroadcastStore
{
    /// <summary>How many residents an invitation would reach now (the preview shows it).</summary>
    int CountInvitationRecipients(string round, string? unit);

    /// <summary>Starts an invitation: chooses its recipients now, all pending.</summary>
    BroadcastRow StartInvitation(string round, string? unit, long adminChatId, DateTimeOffset now);

    BroadcastRow StartReminder(BroadcastRow invitation, DateTimeOffset now);

    BroadcastRow? Find(long id);

    /// <summary>Running and paused broadcasts, oldest first.</summary>
    IReadOnlyList<BroadcastRow> Active();

    /// <summary>Finished invitations of rounds open now: the ones reminders may follow.</summary>
    IReadOnlyList<BroadcastRow> InvitationsOfOpenRounds(DateTimeOffset now);

    IReadOnlyList<BroadcastRow> Reminders(long invitationId);

    /// <summary>The next pending recipients not yet in the outbox, in a stable order.</summary>
    IReadOnlyList<RecipientRow> NextToQueue(long id, int limit);

    /// <summary>How many of the broadcast's messages wait in the outbox.</summary>
    int Queued(long id);

    /// <summary>Takes the broadcast's messages out of the outbox; their recipients stay pending.</summary>
    void Unqueue(long id);

    RecipientCounts Counts(long id);

    /// <summary>Records the outcome of the recipient's message; a recipient leaves pending only once.</summary>
    void Record(long id, long chatId, string state, DateTimeOffset now);

    /// <summary>The chat blocked the bot: whatever was still to reach it never will.</summary>
    void MarkChatBlocked(long chatId, DateTimeOffset now);

    /// <summary>The resident opted out: nothing pending is sent to them, and what is queued is withdrawn.</summary>
    void SkipResident(long userId, long chatId, DateTimeOffset now);

    /// <summary>Invitations and reminders the resident received (for /datasaya).</summary>
    int ReceivedBy(long userId);

    /// <summary>Moves the status on only from the expected one, so two admins pressing at once cannot both act.</summary>
    bool ChangeStatus(long id, string from, string status);

    bool Finish(long id, string status, DateTimeOffset now);

    void SetProgress(long id, string text, DateTimeOffset now);
}

using Dapper;

namespace AsnBot.Data.Broadcasts;

/// <summary>
/// Broadcasts and their recipients. Recipients are chosen once, when the broadcast starts, and each keeps
/// a delivery state; only a window of them sits in the outbox at a time (see <see cref="NextToQueue"/>).
/// </summary>
internal sealed class BroadcastStore(UnitOfWork work) : IBroadcastStore
{
    private const string Columns = """
        id AS Id, round_code AS RoundCode, kind AS Kind, invitation_id AS InvitationId, unit_code AS UnitCode,
        status AS Status, admin_chat_id AS AdminChatId, total AS Total, created_at AS CreatedAt,
        finished_at AS FinishedAt, progress_text AS ProgressText, progress_at AS ProgressAt
        """;

    // Subscribed, reachable residents (who used the unit, when one is given: answered a survey or filed a
    // complaint about it) who have neither answered this round (for that unit) nor been invited to it
    // already: a second invitation reaches only newcomers.
    private const string InvitationAudience = """
        FROM resident r
        WHERE r.subscribed = TRUE AND r.blocked_at IS NULL
          AND (@unit IS NULL
               OR EXISTS (SELECT 1 FROM response p WHERE p.resident_id = r.user_id AND p.unit_code = @unit)
               OR EXISTS (SELECT 1 FROM complaint c WHERE c.resident_id = r.user_id AND c.unit_code = @unit AND c.status <> 'draft'))
          AND NOT EXISTS (SELECT 1 FROM response p
                          WHERE p.resident_id = r.user_id AND p.round_code = @round AND p.status = 'submitted'
                            AND (@unit IS NULL OR p.unit_code = @unit))
          AND NOT EXISTS (SELECT 1 FROM broadcast_recipient x JOIN broadcast b ON b.id = x.broadcast_id
                          WHERE x.user_id = r.user_id AND b.round_code = @round AND b.kind = 'invitation'
                            AND (x.state = 'sent' OR (x.state = 'pending' AND b.status IN ('running', 'paused'))))
        """;

    private const string CountInvitationAudience = $"SELECT COUNT(*) {InvitationAudience}";

    private const string InsertBroadcast = """
        INSERT INTO broadcast (round_code, kind, invitation_id, unit_code, status, admin_chat_id, total, created_at)
        VALUES (@round, @kind, @invitationId, @unit, 'running', @adminChatId, 0, @now)
        RETURNING id
        """;

    private const string InsertInvitationRecipients = $"""
        INSERT INTO broadcast_recipient (broadcast_id, user_id, chat_id, state, updated_at)
        SELECT @id, r.user_id, r.chat_id, 'pending', @now {InvitationAudience}
        """;

    // A reminder goes to those the invitation reached who are still subscribed and reachable and have not answered.
    private const string InsertReminderRecipients = """
        INSERT INTO broadcast_recipient (broadcast_id, user_id, chat_id, state, updated_at)
        SELECT @id, x.user_id, r.chat_id, 'pending', @now
        FROM broadcast_recipient x JOIN resident r ON r.user_id = x.user_id
        WHERE x.broadcast_id = @invitationId AND x.state = 'sent' AND r.subscribed = TRUE AND r.blocked_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM response p
                          WHERE p.resident_id = x.user_id AND p.round_code = @round AND p.status = 'submitted'
                            AND (@unit IS NULL OR p.unit_code = @unit))
        """;

    private const string UpdateTotal = "UPDATE broadcast SET total = (SELECT COUNT(*) FROM broadcast_recipient WHERE broadcast_id = @id) WHERE id = @id";
    private const string SelectOne = $"SELECT {Columns} FROM broadcast WHERE id = @id";
    private const string SelectActive = $"SELECT {Columns} FROM broadcast WHERE status IN ('running', 'paused') ORDER BY id";
    private const string SelectInvitationsOfOpenRounds = $"""
        SELECT {Columns} FROM broadcast b
        WHERE b.kind = 'invitation' AND b.status = 'done'
          AND EXISTS (SELECT 1 FROM survey_round s WHERE s.code = b.round_code AND s.opens_at <= @now AND @now < s.closes_at)
        ORDER BY b.id
        """;

    private const string SelectReminders = $"SELECT {Columns} FROM broadcast WHERE invitation_id = @invitationId ORDER BY id";

    private const string SelectNextToQueue = """
        SELECT x.user_id AS UserId, x.chat_id AS ChatId, r.language AS Language
        FROM broadcast_recipient x JOIN resident r ON r.user_id = x.user_id
        WHERE x.broadcast_id = @id AND x.state = 'pending'
          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.broadcast_id = @id AND o.chat_id = x.chat_id)
        ORDER BY x.user_id
        LIMIT @limit
        """;

    private const string SelectQueued = "SELECT COUNT(*) FROM outbox WHERE broadcast_id = @id";
    private const string DeleteQueued = "DELETE FROM outbox WHERE broadcast_id = @id";

    private const string SelectCounts = """
        SELECT COUNT(CASE WHEN state = 'pending' THEN 1 END) AS Pending, COUNT(CASE WHEN state = 'sent' THEN 1 END) AS Sent,
               COUNT(CASE WHEN state = 'failed' THEN 1 END) AS Failed, COUNT(CASE WHEN state = 'blocked' THEN 1 END) AS Blocked,
               COUNT(CASE WHEN state = 'skipped' THEN 1 END) AS Skipped
        FROM broadcast_recipient WHERE broadcast_id = @id
        """;

    private const string UpdateRecipient = """
        UPDATE broadcast_recipient SET state = @state, updated_at = @now
        WHERE broadcast_id = @id AND chat_id = @chatId AND state = 'pending'
        """;

    private const string UpdateChatBlocked = """
        UPDATE broadcast_recipient SET state = 'blocked', updated_at = @now WHERE chat_id = @chatId AND state = 'pending'
        """;

    private const string UpdateUserSkipped = """
        UPDATE broadcast_recipient SET state = 'skipped', updated_at = @now WHERE user_id = @userId AND state = 'pending'
        """;

    private const string SelectReceived = "SELECT COUNT(*) FROM broadcast_recipient WHERE user_id = @userId AND state = 'sent'";
    private const string DeleteUserQueued = "DELETE FROM outbox WHERE chat_id = @chatId AND broadcast_id IS NOT NULL";
    private const string UpdateStatus = "UPDATE broadcast SET status = @to WHERE id = @id AND status = @from";
    private const string UpdateFinished = "UPDATE broadcast SET status = @status, finished_at = @now WHERE id = @id AND status IN ('running', 'paused')";
    private const string UpdateProgress = "UPDATE broadcast SET progress_text = @text, progress_at = @now WHERE id = @id";

    /// <summary>How many residents an invitation would reach now (the preview shows it).</summary>
    public int CountInvitationRecipients(string round, string? unit) =>
        work.Connection.ExecuteScalar<int>(CountInvitationAudience, new { round, unit }, work.Transaction);

    /// <summary>Starts an invitation: chooses its recipients now, all pending.</summary>
    public BroadcastRow StartInvitation(string round, string? unit, long adminChatId, DateTimeOffset now) =>
        Start(BroadcastKind.Invitation, round, unit, invitationId: null, adminChatId, InsertInvitationRecipients, now);

    public BroadcastRow StartReminder(BroadcastRow invitation, DateTimeOffset now) =>
        Start(BroadcastKind.Reminder, invitation.RoundCode, invitation.UnitCode, invitation.Id, invitation.AdminChatId, InsertReminderRecipients, now);

    public BroadcastRow? Find(long id) =>
        work.Connection.QuerySingleOrDefault<BroadcastRow>(SelectOne, new { id }, work.Transaction);

    /// <summary>Running and paused broadcasts, oldest first.</summary>
    public IReadOnlyList<BroadcastRow> Active() =>
        work.Connection.Query<BroadcastRow>(SelectActive, transaction: work.Transaction).AsList();

    /// <summary>Finished invitations of rounds open now: the ones reminders may follow.</summary>
    public IReadOnlyList<BroadcastRow> InvitationsOfOpenRounds(DateTimeOffset now) =>
        work.Connection.Query<BroadcastRow>(SelectInvitationsOfOpenRounds, new { now }, work.Transaction).AsList();

    public IReadOnlyList<BroadcastRow> Reminders(long invitationId) =>
        work.Connection.Query<BroadcastRow>(SelectReminders, new { invitationId }, work.Transaction).AsList();

    /// <summary>The next pending recipients not yet in the outbox, in a stable order.</summary>
    public IReadOnlyList<RecipientRow> NextToQueue(long id, int limit) =>
        work.Connection.Query<RecipientRow>(SelectNextToQueue, new { id, limit }, work.Transaction).AsList();

    /// <summary>How many of the broadcast's messages wait in the outbox.</summary>
    public int Queued(long id) => work.Connection.ExecuteScalar<int>(SelectQueued, new { id }, work.Transaction);

    /// <summary>Takes the broadcast's messages out of the outbox; their recipients stay pending.</summary>
    public void Unqueue(long id) => work.Connection.Execute(DeleteQueued, new { id }, work.Transaction);

    public RecipientCounts Counts(long id) =>
        work.Connection.QuerySingle<RecipientCounts>(SelectCounts, new { id }, work.Transaction);

    /// <summary>Records the outcome of the recipient's message; a recipient leaves pending only once.</summary>
    public void Record(long id, long chatId, string state, DateTimeOffset now) =>
        work.Connection.Execute(UpdateRecipient, new { id, chatId, state, now }, work.Transaction);

    /// <summary>The chat blocked the bot: whatever was still to reach it never will.</summary>
    public void MarkChatBlocked(long chatId, DateTimeOffset now) =>
        work.Connection.Execute(UpdateChatBlocked, new { chatId, now }, work.Transaction);

    /// <summary>The resident opted out: nothing pending is sent to them, and what is queued is withdrawn.</summary>
    public void SkipResident(long userId, long chatId, DateTimeOffset now)
    {
        work.Connection.Execute(UpdateUserSkipped, new { userId, now }, work.Transaction);
        work.Connection.Execute(DeleteUserQueued, new { chatId }, work.Transaction);
    }

    /// <summary>Invitations and reminders the resident received (for /datasaya).</summary>
    public int ReceivedBy(long userId) => work.Connection.ExecuteScalar<int>(SelectReceived, new { userId }, work.Transaction);

    /// <summary>Moves the status on only from the expected one, so two admins pressing at once cannot both act.</summary>
    public bool ChangeStatus(long id, string from, string status) =>
        work.Connection.Execute(UpdateStatus, new { id, from, to = status }, work.Transaction) == 1;

    public bool Finish(long id, string status, DateTimeOffset now) =>
        work.Connection.Execute(UpdateFinished, new { id, status, now }, work.Transaction) == 1;

    public void SetProgress(long id, string text, DateTimeOffset now) =>
        work.Connection.Execute(UpdateProgress, new { id, text, now }, work.Transaction);

    private BroadcastRow Start(string kind, string round, string? unit, long? invitationId, long adminChatId, string insertRecipients, DateTimeOffset now)
    {
        var id = work.Connection.ExecuteScalar<long>(InsertBroadcast, new { round, kind, invitationId, unit, adminChatId, now }, work.Transaction);
        work.Connection.Execute(insertRecipients, new { id, round, unit, invitationId, now }, work.Transaction);
        work.Connection.Execute(UpdateTotal, new { id }, work.Transaction);
        return Find(id)!;
    }
}

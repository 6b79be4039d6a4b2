using Dapper;

namespace AsnBot.Data.Updates;

/// <summary>
/// The getUpdates offset, committed in the same transaction as each update's effects, so an
/// update is either handled and confirmed or neither.
/// </summary>
internal sealed class UpdateLog(UnitOfWork work) : IUpdateLog
{
    private const string SelectNext = "SELECT next_update_id FROM bot_state WHERE id = 1";
    private const string UpdateNext = "UPDATE bot_state SET next_update_id = @next, updated_at = @now WHERE id = 1";

    private const string SelectState = "SELECT next_update_id AS NextUpdateId, updated_at AS UpdatedAt FROM bot_state WHERE id = 1";
    private const string ResetStale = "UPDATE bot_state SET next_update_id = 0 WHERE id = 1 AND updated_at < @cutoff";

    public long NextUpdateId() =>
        work.Connection.ExecuteScalar<long>(SelectNext, transaction: work.Transaction);

    /// <summary>
    /// Forgets an offset last advanced before <paramref name="cutoff"/>: Telegram restarts its update ids
    /// after a long quiet spell, and a stale offset would skip the new ones. Returns the offset to poll with.
    /// </summary>
    public long ResetIfOlderThan(DateTimeOffset cutoff)
    {
        var (next, updatedAt) = work.Connection.QuerySingle<(long NextUpdateId, string UpdatedAt)>(SelectState, transaction: work.Transaction);
        if (next == 0 || string.CompareOrdinal(updatedAt, DateTimeOffsetHandler.Format(cutoff)) >= 0)
        {
            return next;
        }

        // Only a stale offset is written; a normal poll takes no write lock.
        work.Connection.Execute(ResetStale, new { cutoff }, work.Transaction);
        return 0;
    }

    public void Advance(long nextUpdateId, DateTimeOffset now) =>
        work.Connection.Execute(UpdateNext, new { next = nextUpdateId, now }, work.Transaction);

    private const string InsertHandled = "INSERT INTO handled_update (update_id, handled_at) VALUES (@updateId, @now) ON CONFLICT (update_id) DO NOTHING";

    public bool MarkHandled(long updateId, DateTimeOffset now) =>
        work.Connection.Execute(InsertHandled, new { updateId, now }, work.Transaction) == 1;

    private const string DeleteHandled = "DELETE FROM handled_update WHERE handled_at < @cutoff";

    public int ForgetHandledBefore(DateTimeOffset cutoff) =>
        work.Connection.Execute(DeleteHandled, new { cutoff }, work.Transaction);
}

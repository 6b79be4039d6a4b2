using Dapper;
using Microsoft.Data.Sqlite;

namespace AsnBot.Data.Updates;

/// <summary>
/// The getUpdates offset, committed in the same transaction as each update's effects, so an
/// update is either handled and confirmed or neither.
/// </summary>
public static class UpdateLog
{
    private const string SelectNext = "SELECT next_update_id FROM bot_state WHERE id = 1";
    private const string UpdateNext = "UPDATE bot_state SET next_update_id = @next, updated_at = @now WHERE id = 1";

    private const string SelectState = "SELECT next_update_id AS NextUpdateId, updated_at AS UpdatedAt FROM bot_state WHERE id = 1";
    private const string ResetStale = "UPDATE bot_state SET next_update_id = 0 WHERE id = 1 AND updated_at < @cutoff";

    public static long NextUpdateId(SqliteConnection connection, SqliteTransaction? transaction = null) =>
        connection.ExecuteScalar<long>(SelectNext, transaction: transaction);

    /// <summary>
    /// Forgets an offset last advanced before <paramref name="cutoff"/>: Telegram restarts its update ids
    /// after a long quiet spell, and a stale offset would skip the new ones. Returns the offset to poll with.
    /// </summary>
    public static long ResetIfOlderThan(Database database, DateTimeOffset cutoff)
    {
        using var connection = database.Open();
        var (next, updatedAt) = connection.QuerySingle<(long NextUpdateId, string UpdatedAt)>(SelectState);
        if (next == 0 || string.CompareOrdinal(updatedAt, DateTimeOffsetHandler.Format(cutoff)) >= 0)
        {
            return next;
        }

        // Only a stale offset is written; a normal poll takes no write lock.
        connection.Execute(ResetStale, new { cutoff });
        return 0;
    }

    public static void Advance(UnitOfWork work, long nextUpdateId, DateTimeOffset now) =>
        work.Connection.Execute(UpdateNext, new { next = nextUpdateId, now }, work.Transaction);
}

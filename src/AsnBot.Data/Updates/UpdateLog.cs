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

    public static long NextUpdateId(SqliteConnection connection, SqliteTransaction? transaction = null) =>
        connection.ExecuteScalar<long>(SelectNext, transaction: transaction);

    public static void Advance(UnitOfWork work, long nextUpdateId, DateTimeOffset now) =>
        work.Connection.Execute(UpdateNext, new { next = nextUpdateId, now }, work.Transaction);
}

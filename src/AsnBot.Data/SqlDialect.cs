using System.Data.Common;
using Dapper;

namespace AsnBot.Data;

/// <summary>
/// The few pieces of SQL that differ between the providers; every store's SQL is otherwise the same text on both.
/// Upserts (<c>ON CONFLICT</c>), <c>RETURNING</c>, <c>IS DISTINCT FROM</c>, <c>COUNT(CASE …)</c> and
/// <c>CAST(… AS DOUBLE PRECISION)</c> are portable; dates, substring search and row locks are not.
/// </summary>
internal sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(
        lockRow: string.Empty,
        dayInWib: column => $"date(substr({column}, 1, 19), '+7 hours')",
        contains: (text, part) => $"instr({text}, {part}) > 0",
        withoutIndex: column => $"+{column}",
        // Only AUTOINCREMENT tables (the outbox) keep a counter; the others give MAX(id) + 1, and ids came along.
        continueIdentity: (table, next) => $"UPDATE sqlite_sequence SET seq = MAX(seq, {next - 1}) WHERE name = '{table}'",
        columnTypes: null);

    public static readonly SqlDialect Postgres = new(
        lockRow: " FOR UPDATE",
        dayInWib: column => $"to_char(CAST(substr({column}, 1, 19) AS timestamp) + interval '7 hours', 'YYYY-MM-DD')",
        contains: (text, part) => $"strpos({text}, {part}) > 0",
        withoutIndex: column => column,
        continueIdentity: (table, next) => $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {next}, false)",
        columnTypes: "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table");

    private readonly Func<string, string> _dayInWib;
    private readonly Func<string, string, string> _contains;
    private readonly Func<string, string> _withoutIndex;
    private readonly Func<string, long, string> _continueIdentity;
    private readonly string? _columnTypes;

    private SqlDialect(
        string lockRow,
        Func<string, string> dayInWib,
        Func<string, string, string> contains,
        Func<string, string> withoutIndex,
        Func<string, long, string> continueIdentity,
        string? columnTypes)
    {
        LockRow = lockRow;
        _dayInWib = dayInWib;
        _contains = contains;
        _withoutIndex = withoutIndex;
        _continueIdentity = continueIdentity;
        _columnTypes = columnTypes;
    }

    /// <summary>
    /// Appended to a SELECT in a write transaction that reads a row it will write: PostgreSQL locks the row, so two
    /// instances apply one chat's updates one at a time. SQLite's write transaction already holds the only write lock.
    /// </summary>
    public string LockRow { get; }

    /// <summary>
    /// Whether several processes may share the database, so a sender claims an outbox row (a lease) before sending
    /// it. One process alone on a SQLite file has nobody to claim a row from.
    /// </summary>
    public bool SharedByInstances => LockRow.Length > 0;

    /// <summary>The WIB (UTC+7) calendar day, yyyy-MM-dd, of a stored UTC instant ("yyyy-MM-dd HH:mm:ss…").</summary>
    public string DayInWib(string column) => _dayInWib(column);

    /// <summary>True when <paramref name="part"/> occurs in <paramref name="text"/>.</summary>
    public string Contains(string text, string part) => _contains(text, part);

    /// <summary>The column, kept off its index where SQLite's planner would otherwise sort by it (a no-op elsewhere).</summary>
    public string WithoutIndex(string column) => _withoutIndex(column);

    /// <summary>Makes the table's next given id <paramref name="next"/> (after a copy that brought its ids along). Names and number are ours.</summary>
    public string ContinueIdentity(string table, long next) => _continueIdentity(table, next);

    /// <summary>Each column's declared type where the provider holds values by it (PostgreSQL); empty where any value goes (SQLite).</summary>
    public IReadOnlyDictionary<string, string> ColumnTypes(DbConnection connection, DbTransaction? transaction, string table) =>
        _columnTypes is null
            ? new Dictionary<string, string>()
            : connection.Query<(string Name, string Type)>(_columnTypes, new { table }, transaction).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
}

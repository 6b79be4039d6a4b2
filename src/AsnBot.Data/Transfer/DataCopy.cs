using System.Data.Common;
using System.Globalization;
using Dapper;

namespace AsnBot.Data.Transfer;

/// <summary>
/// Moves a city's data from one database to another (asnbot migrate-data): both schemas are brought up to date, a
/// target holding any data is refused, and every table is copied in foreign-key order in one transaction of the
/// target, ids included; identity counters continue after the highest id ever given. The report tallies are not
/// copied: the target's triggers count the copied answers again, as they would have counted them arriving.
/// </summary>
public static class DataCopy
{
    /// <summary>The tables in an order where every row's references are already there.</summary>
    private static readonly string[] Tables =
    [
        "resident", "survey_round", "survey_round_unit", "response", "answer", "complaint", "complaint_photo", "complaint_event",
        "session", "sent_message", "outbox", "document_job", "broadcast", "broadcast_recipient", "admin_session",
        "complaint_quota", "dashboard_login",
    ];

    /// <summary>One row each, made by the migrations: replaced by the source's (its update offset, its quota key).</summary>
    private static readonly string[] Singletons = ["bot_state", "quota_key"];

    /// <summary>Tables whose id the database gives; the target's counter goes on after the source's.</summary>
    private static readonly string[] Identities = ["response", "complaint", "complaint_event", "outbox", "document_job", "broadcast"];

    /// <returns>Rows copied per table, in copy order.</returns>
    /// <exception cref="InvalidOperationException">The target already holds data.</exception>
    public static IReadOnlyList<(string Table, long Rows)> Run(SqlDatabase source, SqlDatabase target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        source.Migrate();
        target.Migrate();
        using var from = source.Open();
        using var work = target.Begin();
        var to = work.Connection;
        if (Tables.FirstOrDefault(t => to.ExecuteScalar<long>($"SELECT COUNT(*) FROM {t}", transaction: work.Transaction) > 0) is { } full)
        {
            throw new InvalidOperationException($"{target.Location} already holds data (table {full}); migrate-data copies into an empty database only.");
        }

        var copied = new List<(string Table, long Rows)>();
        foreach (var table in Singletons)
        {
            to.Execute($"DELETE FROM {table}", transaction: work.Transaction);
            copied.Add((table, Copy(from, table, target, work)));
        }

        copied.AddRange(Tables.Select(table => (table, Copy(from, table, target, work))));
        foreach (var table in Identities)
        {
            var next = Math.Max(from.ExecuteScalar<long>($"SELECT COALESCE(MAX(id), 0) FROM {table}"), HighestGiven(source, from, table)) + 1;
            to.Execute(target.Dialect.ContinueIdentity(table, next), transaction: work.Transaction);
        }

        work.Commit();
        return copied;
    }

    /// <summary>SQLite's AUTOINCREMENT counter (outbox): ids of deleted rows are never given again.</summary>
    private static long HighestGiven(SqlDatabase source, DbConnection from, string table) =>
        source is Database ? from.ExecuteScalar<long?>("SELECT seq FROM sqlite_sequence WHERE name = @table", new { table }) ?? 0 : 0;

    private static long Copy(DbConnection from, string table, SqlDatabase target, UnitOfWork work)
    {
        var types = target.Dialect.ColumnTypes(work.Connection, work.Transaction, table);
        using var read = from.CreateCommand();
        read.CommandText = $"SELECT * FROM {table}";
        using var reader = read.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        using var insert = work.Connection.CreateCommand();
        insert.Transaction = work.Transaction;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((_, i) =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = $"p{i}";
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToList();

        long rows = 0;
        while (reader.Read())
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = Convert(reader.GetValue(i), types.GetValueOrDefault(columns[i]));
            }

            insert.ExecuteNonQuery();
            rows++;
        }

        return rows;
    }

    /// <summary>A source value as the target column takes it (SQLite keeps booleans as 0/1 and days as text; PostgreSQL's columns are typed).</summary>
    private static object Convert(object value, string? type) => value is DBNull ? value : type switch
    {
        "boolean" => System.Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        "bigint" => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        "double precision" => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        "date" => DateOnly.ParseExact((string)value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        "text" => value as string ?? System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => value,
    };
}

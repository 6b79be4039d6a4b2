using AsnBot.Data;
using Dapper;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// Looks for a value in every column of every table of the database (a SQLite file or a PostgreSQL schema), whatever
/// the schema (tables added later are scanned too): integers, text (JSON payloads included) and blobs, compared as text.
/// </summary>
internal static class DatabaseScan
{
    /// <summary>Where the needle occurs: one hit per table and column, with the number of rows.</summary>
    public static IReadOnlyList<string> Find(SqlDatabase database, string needle)
    {
        using var connection = database.Open();
        var hits = new List<string>();
        foreach (var table in Tables(database))
        {
            var columns = database is PostgresDatabase
                ? $"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = {Literal(table)}"
                : $"SELECT name FROM pragma_table_info({Literal(table)})";
            foreach (var column in connection.Query<string>(columns))
            {
                var rows = connection.ExecuteScalar<long>(
                    $"SELECT COUNT(*) FROM {Quote(table)} WHERE {database.Dialect.Contains($"CAST({Quote(column)} AS TEXT)", "@needle")}", new { needle });
                if (rows > 0)
                {
                    hits.Add($"{table}.{column}: {rows} row(s)");
                }
            }
        }

        return hits;
    }

    /// <summary>Every table of the database, SQLite's own included (sqlite_sequence, sqlite_stat1).</summary>
    public static IReadOnlyList<string> Tables(SqlDatabase database)
    {
        using var connection = database.Open();
        return connection.Query<string>(database is PostgresDatabase
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").AsList();
    }

    /// <summary>Row count of every table.</summary>
    public static IReadOnlyDictionary<string, long> RowCounts(SqlDatabase database)
    {
        using var connection = database.Open();
        return Tables(database).ToDictionary(t => t, t => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {Quote(t)}"), StringComparer.Ordinal);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

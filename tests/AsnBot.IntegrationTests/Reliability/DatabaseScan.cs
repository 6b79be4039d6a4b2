using AsnBot.Data;
using Dapper;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// Looks for a value in every column of every table of a SQLite file, whatever the schema (tables added later
/// are scanned too): integers, text (JSON payloads included) and blobs, compared as text.
/// </summary>
internal static class DatabaseScan
{
    /// <summary>Where the needle occurs: one hit per table and column, with the number of rows.</summary>
    public static IReadOnlyList<string> Find(Database database, string needle)
    {
        using var connection = database.Open();
        var hits = new List<string>();
        foreach (var table in Tables(database))
        {
            foreach (var column in connection.Query<string>($"SELECT name FROM pragma_table_info({Literal(table)})"))
            {
                var rows = connection.ExecuteScalar<long>(
                    $"SELECT COUNT(*) FROM {Quote(table)} WHERE instr(CAST({Quote(column)} AS TEXT), @needle) > 0", new { needle });
                if (rows > 0)
                {
                    hits.Add($"{table}.{column}: {rows} row(s)");
                }
            }
        }

        return hits;
    }

    /// <summary>Every table of the file, SQLite's own included (sqlite_sequence, sqlite_stat1).</summary>
    public static IReadOnlyList<string> Tables(Database database)
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").AsList();
    }

    /// <summary>Row count of every table.</summary>
    public static IReadOnlyDictionary<string, long> RowCounts(Database database)
    {
        using var connection = database.Open();
        return Tables(database).ToDictionary(t => t, t => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {Quote(t)}"), StringComparer.Ordinal);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

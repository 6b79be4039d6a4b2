using System.ComponentModel.DataAnnotations;

namespace AsnBot.Data;

/// <summary>The "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary>Which database holds the data: "sqlite" (a file, the default) or "postgres" (a server).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Whether the data is on PostgreSQL (several instances may share it).</summary>
    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>SQLite database file; relative paths are resolved against the working directory.</summary>
    [Required]
    public string Path { get; set; } = "data/asnbot.db";

    /// <summary>PostgreSQL: an Npgsql connection string (Host=…;Port=…;Database=…;Username=…;Password=…).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The database these options name (the caller disposes a PostgreSQL one with its pool).</summary>
    public SqlDatabase Create() => IsPostgres
        ? new PostgresDatabase(ConnectionString ?? throw new InvalidOperationException("Storage:ConnectionString is missing."))
        : new Database(Path);

    /// <summary>What is wrong with these options, in the operator's terms (the settings' names); none when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase) && !string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Storage__Provider must be '{Sqlite}' or '{Postgres}', not '{Provider}'.";
        }
        else if (IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
            {
                yield return "Storage__Provider=postgres needs Storage__ConnectionString (Host=…;Port=5432;Database=asnbot;Username=asnbot;Password=…).";
            }
            else if (PostgresDatabase.ConnectionStringProblem(ConnectionString) is { } problem)
            {
                yield return $"Storage__ConnectionString is not a PostgreSQL connection string: {problem}";
            }
        }
    }
}

using AsnBot.Data;
using Microsoft.Data.Sqlite;

namespace AsnBot.Tests.Support;

/// <summary>A real SQLite file in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asnbot-test-").FullName;

    public TempDatabase()
    {
        Database = new Database(Path.Combine(_folder, "asnbot.db"));
        Database.Migrate();
    }

    public Database Database { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

using AsnBot.Data;

namespace AsnBot.Tests.Support;

/// <summary>A real, migrated database (a SQLite file, or PostgreSQL: see <see cref="TestStorage"/>) in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asnbot-test-").FullName;
    private readonly TestStorage _storage;

    public TempDatabase()
    {
        _storage = TestStorage.In(_folder);
        Database.Migrate();
    }

    public SqlDatabase Database => _storage.Database;

    /// <summary>The SQLite file, for tests about SQLite itself.</summary>
    public Database Sqlite => _storage.Sqlite;

    /// <summary>What a host of the bot needs to use this database.</summary>
    public Dictionary<string, string?> Settings => _storage.Settings;

    public void Dispose()
    {
        _storage.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

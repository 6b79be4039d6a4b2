using System.Runtime.Versioning;
using AsnBot.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AsnBot.Tests.Data;

/// <summary>The database and its SQLite companions are readable by the bot's user only, whatever the umask.</summary>
[UnsupportedOSPlatform("windows")]
[Trait("Storage", "sqlite")]
public sealed class FileModeTests : IDisposable
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    private readonly string _root = Directory.CreateTempSubdirectory("asnbot-modes-").FullName;

    [Fact]
    public void NewDatabase_File0600_WalAndShm0600_MissingFolders0700()
    {
        var folder = Path.Combine(_root, "data", "db");
        var database = new Database(Path.Combine(folder, "asnbot.db"));

        database.Migrate();
        using (var connection = database.Open())
        {
            // Keep the connection open so SQLite keeps its -wal and -shm files.
            connection.Execute("CREATE TABLE probe (x INTEGER); INSERT INTO probe VALUES (1);");
            Assert.Equal(OwnerFile, File.GetUnixFileMode(database.Path));
            Assert.Equal(OwnerFile, File.GetUnixFileMode(database.Path + "-wal"));
            Assert.Equal(OwnerFile, File.GetUnixFileMode(database.Path + "-shm"));
        }

        Assert.Equal(OwnerFolder, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(Path.Combine(_root, "data")));
    }

    [Fact]
    public void PrivateFile_LeftBehindWithWideMode_IsNarrowed()
    {
        var path = Path.Combine(_root, "left.partial");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        PrivateFiles.Create(path).Dispose();

        Assert.Equal(OwnerFile, File.GetUnixFileMode(path));
        Assert.Equal(0, new FileInfo(path).Length);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}

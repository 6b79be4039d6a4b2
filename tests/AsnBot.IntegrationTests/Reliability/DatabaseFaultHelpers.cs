using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// Holds SQLite's write lock on a database from outside the bot: the <c>sqlite3</c> command-line shell
/// when it is installed (another process, as an administrator's session would), else a connection of the
/// test process (SQLite locks the file the same way for it).
/// </summary>
internal sealed class WriteLockHolder : IAsyncDisposable
{
    private readonly Process? _shell;
    private readonly SqliteConnection? _connection;

    private WriteLockHolder(Process? shell, SqliteConnection? connection)
    {
        _shell = shell;
        _connection = connection;
    }

    public string Holder => _shell is { } shell ? $"sqlite3 process {shell.Id}" : "a connection of the test process";

    /// <summary>Takes the lock (BEGIN EXCLUSIVE) and returns once another connection can see it is held.</summary>
    public static async Task<WriteLockHolder> TakeAsync(string databasePath)
    {
        WriteLockHolder holder;
        if (Tools.Find("sqlite3") is { } sqlite3)
        {
            var shell = Process.Start(new ProcessStartInfo(sqlite3, [databasePath])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            holder = new WriteLockHolder(shell, null);
            await shell.StandardInput.WriteLineAsync(".timeout 10000\nBEGIN EXCLUSIVE;");
            await shell.StandardInput.FlushAsync();
        }
        else
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
            connection.Open();
            holder = new WriteLockHolder(null, connection);
            using var begin = connection.CreateCommand();
            begin.CommandText = "PRAGMA busy_timeout=10000; BEGIN EXCLUSIVE;";
            begin.ExecuteNonQuery();
        }

        // The shell's output is block-buffered on a pipe, so ask SQLite itself whether the lock is taken.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!IsLocked(databasePath))
        {
            if (DateTime.UtcNow > deadline)
            {
                var who = holder.Holder;
                var errors = holder._shell is { } failed ? $"{failed.HasExited} {await failed.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(1))}" : string.Empty;
                await holder.DisposeAsync();
                Assert.Fail($"{who} did not take the write lock on {databasePath}: {errors}");
            }

            await Task.Delay(20);
        }

        return holder;
    }

    private static bool IsLocked(string databasePath)
    {
        using var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 1 }.ToString());
        probe.Open();
        try
        {
            using var transaction = probe.BeginTransaction(deferred: false);
            return false;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 5)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_shell is { } shell)
        {
            if (!shell.HasExited)
            {
                await shell.StandardInput.WriteLineAsync("COMMIT;\n.quit");
                await shell.StandardInput.FlushAsync();
                try
                {
                    await shell.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
                catch (TimeoutException)
                {
                    shell.Kill();
                }
            }

            shell.Dispose();
        }

        if (_connection is { } connection)
        {
            using var commit = connection.CreateCommand();
            commit.CommandText = "COMMIT;";
            commit.ExecuteNonQuery();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>A small tmpfs of its own, so a test can fill the disk for real; unmounted on dispose.</summary>
internal sealed class SmallDisk : IDisposable
{
    private readonly string _filler;

    private SmallDisk(string path)
    {
        Path = path;
        _filler = System.IO.Path.Combine(path, "filler.bin");
    }

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MB in a new temporary folder (needs root).</summary>
    public static SmallDisk Mount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("asnbot-disk-").FullName;
        var (code, output) = Tools.Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "asnbot-test", path);
        if (code != 0)
        {
            Directory.Delete(path);
            Assert.Fail($"mount -t tmpfs failed ({output.Trim()}): the database fault tests need root with CAP_SYS_ADMIN.");
        }

        return new SmallDisk(path);
    }

    /// <summary>Writes a file until the disk refuses another byte.</summary>
    public long Fill()
    {
        var block = new byte[64 * 1024];
        using var stream = new FileStream(_filler, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC with a full block; fill the last bytes one at a time.
        }

        try
        {
            while (true)
            {
                stream.Write(block.AsSpan(0, 1));
            }
        }
        catch (IOException)
        {
            return stream.Length;
        }
    }

    public void Free() => File.Delete(_filler);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();

        // Lazy, so a file still open in a hung host cannot leave the mount behind.
        Tools.Run("umount", "--lazy", Path);
        Directory.Delete(Path, recursive: true);
    }
}

/// <summary>
/// Makes files unwritable for real. Root ignores permission bits, so as root the files get the immutable
/// attribute (chattr +i), which refuses writes even to descriptors opened before; otherwise chmod a-w.
/// </summary>
internal static class ReadOnlyFiles
{
    public static void Set(IEnumerable<string> paths, bool readOnly)
    {
        foreach (var path in paths.Where(File.Exists))
        {
            if (Environment.IsPrivilegedProcess)
            {
                var (code, output) = Tools.Run("chattr", readOnly ? "+i" : "-i", path);
                Assert.True(code == 0, $"chattr on {path} failed: {output}");
            }
            else if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, readOnly ? UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead : UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }
}

internal static class Tools
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator)
            .Select(folder => System.IO.Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    public static (int ExitCode, string Output) Run(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}

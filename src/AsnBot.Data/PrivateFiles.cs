namespace AsnBot.Data;

/// <summary>
/// Files and folders holding residents' data (the database, complaint evidence, exports) are for the bot's own
/// user only: files 0600, folders 0700 on Unix, whatever the umask. Windows keeps its inherited ACLs.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder and any missing parents 0700; folders that exist keep their mode.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; its new parents get the umask's.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
        }

        foreach (var folder in missing)
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    /// <summary>Creates (or empties) a file for writing, 0600 from its first moment.</summary>
    public static FileStream Create(string path, bool useAsync = false)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 1 << 16,
            Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, options);
        }

        options.UnixCreateMode = FileMode;
        var stream = new FileStream(path, options);

        // UnixCreateMode applies only to a new file; one left behind by an earlier run is narrowed too.
        File.SetUnixFileMode(stream.SafeFileHandle, FileMode);
        return stream;
    }
}

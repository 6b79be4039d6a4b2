namespace AsnBot.Tests.Support;

/// <summary>The checked-out repository the tests run from, for tests that read the sources themselves.</summary>
internal static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AsnBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("AsnBot.sln not found above the test folder.");
    }
}

using System.Reflection;

namespace AsnBot.Bench.Support;

public static class RepoPaths
{
    /// <summary>The folder holding AsnBot.sln, found by walking up from the benchmark's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration this benchmark (and so the referenced bot) was built in.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The built bot, src/AsnBot/bin/&lt;configuration&gt;/net10.0/asnbot.dll.</summary>
    public static string BotDll => Path.Combine(Root, "src", "AsnBot", "bin", Configuration, "net10.0", "asnbot.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AsnBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AsnBot.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

/// <summary>
/// Loaded into the benchmarked bot process with <c>DOTNET_STARTUP_HOOKS</c> (the bot itself is unchanged): for
/// every line <c>probe</c> on its standard input it writes <c>asnbot-probe &lt;cpu ms&gt; &lt;allocated bytes&gt;</c>
/// to standard error, the process's own <see cref="Process.TotalProcessorTime"/> and
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>, so the benchmark can take both before and after a measured phase.
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks for a global StartupHook type.")]
public static class StartupHook
{
    public const string Request = "probe";

    public const string ReplyPrefix = "asnbot-probe ";

    public static void Initialize()
    {
        var thread = new Thread(Answer) { IsBackground = true, Name = "benchmark probe" };
        thread.Start();
    }

    private static void Answer()
    {
        using var self = Process.GetCurrentProcess();
        while (Console.In.ReadLine() is { } line)
        {
            if (line == Request)
            {
                self.Refresh();
                Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{ReplyPrefix}{self.TotalProcessorTime.TotalMilliseconds} {GC.GetTotalAllocatedBytes(precise: true)}"));
            }
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

/// <summary>
/// Loaded into the benchmarked bot process with <c>DOTNET_STARTUP_HOOKS</c> (the bot itself is unchanged): for
/// every line <c>probe</c> on its standard input it writes <c>asnbot-probe &lt;cpu ms&gt; &lt;allocated bytes&gt;</c>
/// to standard error, the process's own <see cref="Process.TotalProcessorTime"/> and
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>, so the benchmark can take both before and after a measured phase.
/// With --detail it also counts the runtime's allocation samples by type over the phase (what showed where the bytes go).
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks for a global StartupHook type.")]
public static class StartupHook
{
    public const string Request = "probe";

    public const string ReplyPrefix = "asnbot-probe ";

    /// <summary>Starts counting the runtime's allocation samples (one per ~100 KB allocated) by type.</summary>
    public const string SampleRequest = "probe allocations";

    /// <summary>Writes the sampled allocations by type, largest first, as lines starting with the reply prefix.</summary>
    public const string SampleReportRequest = "probe allocations report";

    /// <summary>Starts each line of the allocation report, after the reply prefix.</summary>
    public const string AllocationLine = "alloc ";

    private static readonly AllocationSampler Sampler = new();

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
            if (line == SampleRequest)
            {
                Sampler.Start();
            }
            else if (line == SampleReportRequest)
            {
                Console.Error.WriteLine(Sampler.Report());
            }
            else if (line == Request)
            {
                self.Refresh();
                Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{ReplyPrefix}{self.TotalProcessorTime.TotalMilliseconds} {GC.GetTotalAllocatedBytes(precise: true)}"));
            }
        }
    }

    /// <summary>Counts GCAllocationTick events (the runtime's allocation sampling) by allocated type.</summary>
    private sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _bytes = new();
        private System.Diagnostics.Tracing.EventSource? _runtime;
        private bool _started;

        public void Start()
        {
            _started = true;
            if (_runtime is not null)
            {
                EnableEvents(_runtime, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
            }
        }

        public string Report() => string.Join(
            Environment.NewLine,
            _bytes.OrderByDescending(p => p.Value).Take(40).Select(p => string.Create(CultureInfo.InvariantCulture, $"{ReplyPrefix}{AllocationLine}{p.Value / 1024} KB {p.Key}")));

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
        {
            ArgumentNullException.ThrowIfNull(eventSource);
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                _runtime = eventSource;
                if (_started)
                {
                    Start();
                }
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs eventData)
        {
            ArgumentNullException.ThrowIfNull(eventData);
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload && eventData.PayloadNames is { } names)
            {
                var type = payload[names.IndexOf("TypeName")] as string ?? "?";
                var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
                _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
            }
        }
    }
}

using Microsoft.Extensions.Logging;

namespace AsnBot.Bench.Support;

/// <summary>Counts the bot's warnings and errors and keeps the first few, so a run that went wrong says so.</summary>
public sealed class LogCounter : ILoggerProvider
{
    private readonly List<string> _first = [];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public IReadOnlyList<string> First
    {
        get
        {
            lock (_first)
            {
                return _first.ToArray();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>A line of the bot process's console output; counted when it starts a warning or error entry.</summary>
    public void AddConsoleLine(string? line)
    {
        if (line is not null && (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)))
        {
            Add(line);
        }
    }

    private void Add(string line)
    {
        Interlocked.Increment(ref _count);
        lock (_first)
        {
            if (_first.Count < 5)
            {
                _first.Add(line);
            }
        }
    }

    private sealed class Logger(LogCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add($"{logLevel} {category}: {formatter(state, exception)}");
            }
        }
    }
}

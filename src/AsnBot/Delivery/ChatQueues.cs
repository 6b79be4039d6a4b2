namespace AsnBot.Delivery;

/// <summary>
/// Runs the updates of one chat one at a time, lowest update id first among those waiting, while other chats run
/// in parallel: webhook deliveries arrive concurrently and out of order, and a chat's conversation must see them in
/// the order the resident acted. An update that arrives after a higher one of its chat has already begun runs after
/// it (it cannot be put back in front). A chat's line is forgotten once it is empty, so memory follows the chats
/// busy right now.
/// </summary>
public sealed class ChatQueues
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Line> _lines = [];

    /// <summary>How many updates of this chat are running or waiting (tests wait on it).</summary>
    public int Count(long chatId)
    {
        lock (_gate)
        {
            return _lines.TryGetValue(chatId, out var line) ? line.Waiting.Count + 1 : 0;
        }
    }

    /// <summary>Runs <paramref name="work"/> for update <paramref name="updateId"/> of chat <paramref name="chatId"/> in its turn.</summary>
    public async Task<T> RunAsync<T>(long chatId, long updateId, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Task turn;
        lock (_gate)
        {
            if (_lines.TryGetValue(chatId, out var line))
            {
                var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                line.Waiting.Enqueue(waiter, updateId);
                turn = waiter.Task;
            }
            else
            {
                _lines[chatId] = new Line();
                turn = Task.CompletedTask;
            }
        }

        await turn;
        try
        {
            return work();
        }
        finally
        {
            PassTurn(chatId);
        }
    }

    private void PassTurn(long chatId)
    {
        lock (_gate)
        {
            var line = _lines[chatId];
            if (line.Waiting.TryDequeue(out var next, out _))
            {
                next.SetResult();
            }
            else
            {
                _lines.Remove(chatId);
            }
        }
    }

    private sealed class Line
    {
        public PriorityQueue<TaskCompletionSource, long> Waiting { get; } = new();
    }
}

using System.Text.Json.Nodes;

namespace AsnBot.BotApiEmulator;

/// <summary>The update queue and getUpdates long polling.</summary>
public sealed partial class BotApiEmulator
{
    private readonly List<JsonObject> _pending = [];
    private readonly Dictionary<long, JsonObject> _history = [];
    private readonly List<JsonObject> _redeliveries = [];
    private TaskCompletionSource _updateArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _pollStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<string>? _allowedUpdates;
    private int _waitingPolls;
    private long _nextUpdateId;
    private long _confirmedOffset;

    /// <summary>update_id the next enqueued update will get.</summary>
    public long NextUpdateId
    {
        get
        {
            lock (_gate)
            {
                return _nextUpdateId;
            }
        }
    }

    /// <summary>Highest offset the bot confirmed via getUpdates (0 before any confirmation).</summary>
    public long ConfirmedOffset
    {
        get
        {
            lock (_gate)
            {
                return _confirmedOffset;
            }
        }
    }

    /// <summary>True while a getUpdates long poll is parked waiting for updates.</summary>
    public bool IsBotPolling
    {
        get
        {
            lock (_gate)
            {
                return _waitingPolls > 0;
            }
        }
    }

    /// <summary>
    /// Waits until the bot has a getUpdates long poll parked (nothing pending for it). Useful before the first resident
    /// action when the bot drops pending updates on start. Throws TimeoutException (default 10 s).
    /// </summary>
    public async Task WaitForBotPolling(TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task started;
            lock (_gate)
            {
                if (_waitingPolls > 0)
                {
                    return;
                }

                started = _pollStarted.Task;
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException("The bot did not start a getUpdates long poll in time.");
            }

            try
            {
                await started.WaitAsync(remaining).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Loop re-checks and throws with the message above.
            }
        }
    }

    /// <summary>
    /// Waits until a bot started at <paramref name="since"/> polls: a getUpdates long poll is parked, or one received
    /// since then has been answered. A bot restarted into a backlog (residents acting all the while) may never find
    /// nothing pending, so it never parks a poll, and is running all the same. Throws TimeoutException.
    /// </summary>
    public async Task WaitForBotPollingSince(DateTimeOffset since, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            lock (_gate)
            {
                if (_waitingPolls > 0 || _lastPollReceived >= since)
                {
                    return;
                }
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("The bot did not poll for updates in time.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Enqueues a raw update of any type (without update_id); returns the update_id it got.</summary>
    public long EnqueueUpdate(JsonObject updateWithoutId)
    {
        ArgumentNullException.ThrowIfNull(updateWithoutId);
        lock (_gate)
        {
            var copy = (JsonObject)updateWithoutId.DeepClone();
            copy.Remove("update_id");
            return EnqueueLocked(copy);
        }
    }

    private long EnqueueLocked(JsonObject payload)
    {
        var id = _nextUpdateId++;
        var update = new JsonObject { ["update_id"] = id };
        foreach (var (key, value) in payload.ToArray())
        {
            payload.Remove(key);
            update[key] = value;
        }

        _pending.Add(update);
        _history[id] = (JsonObject)update.DeepClone();
        SignalUpdateLocked();
        return id;
    }

    /// <summary>
    /// Fault injection: delivers an update once more in the next getUpdates answer, whatever offset the
    /// bot confirmed, so tests can check that an update_id has one effect however often it arrives.
    /// </summary>
    public void Redeliver(long updateId)
    {
        lock (_gate)
        {
            if (!_history.TryGetValue(updateId, out var update))
            {
                throw new ArgumentOutOfRangeException(nameof(updateId), updateId, "No update with this id was ever enqueued.");
            }

            _redeliveries.Add((JsonObject)update.DeepClone());
            SignalUpdateLocked();
        }
    }

    private void SignalUpdateLocked()
    {
        WakeDeliveries();
        var old = _updateArrived;
        _updateArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    private int PendingCountLocked() => _pending.Count;

    private async Task<ApiResult> GetUpdatesAsync(JsonObject body, CancellationToken aborted)
    {
        int? failure;
        lock (_gate)
        {
            failure = _faults.TakeGetUpdatesFailure();
        }

        if (failure is int status)
        {
            return ApiResult.Fail(status, ApiResult.DefaultDescription(status), status == 429 ? Options.RetryAfterSeconds : null);
        }

        lock (_gate)
        {
            if (_webhook is not null)
            {
                return ApiResult.Fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            }
        }

        var offset = EmulatorJson.GetLong(body, "offset");
        var limit = (int)Math.Clamp(EmulatorJson.GetLong(body, "limit") ?? 100, 1, 100);
        var timeout = Math.Max(0, EmulatorJson.GetLong(body, "timeout") ?? 0);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        lock (_gate)
        {
            if (EmulatorJson.GetStructured(body, "allowed_updates") is JsonArray allowed)
            {
                _allowedUpdates = allowed.Count == 0 ? null : allowed.Select(a => a?.ToString() ?? string.Empty).ToHashSet(StringComparer.Ordinal);
            }

            ConfirmLocked(offset);
        }

        while (true)
        {
            Task arrived;
            TimeSpan remaining;
            lock (_gate)
            {
                var batch = TakeBatchLocked(limit);
                if (batch.Count > 0)
                {
                    return ApiResult.Ok(batch);
                }

                remaining = deadline - DateTimeOffset.UtcNow;
                if (remaining <= TimeSpan.Zero || linked.IsCancellationRequested)
                {
                    return ApiResult.Ok(new JsonArray());
                }

                arrived = _updateArrived.Task;
                _waitingPolls++;
                var started = _pollStarted;
                _pollStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                started.TrySetResult();
            }

            try
            {
                await arrived.WaitAsync(remaining, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                return ApiResult.Ok(new JsonArray());
            }
            finally
            {
                lock (_gate)
                {
                    _waitingPolls--;
                }
            }
        }
    }

    private void ConfirmLocked(long? offset)
    {
        if (offset is not long value)
        {
            return;
        }

        if (value < 0)
        {
            var keep = (int)Math.Min(-value, _pending.Count);
            _pending.RemoveRange(0, _pending.Count - keep);
            _confirmedOffset = Math.Max(_confirmedOffset, _pending.Count > 0 ? UpdateId(_pending[0]) : _nextUpdateId);
            return;
        }

        _pending.RemoveAll(u => UpdateId(u) < value);
        _confirmedOffset = Math.Max(_confirmedOffset, value);
    }

    private JsonArray TakeBatchLocked(int limit)
    {
        DropUnwantedLocked();
        var batch = new JsonArray();
        foreach (var update in _redeliveries.Concat(_pending).Take(limit))
        {
            batch.Add(update.DeepClone());
        }

        _redeliveries.Clear();
        return batch;
    }

    private void DropUnwantedLocked()
    {
        if (_allowedUpdates is not null && !Options.DeliverAllUpdateTypes)
        {
            // Telegram does not produce updates of types the bot did not ask for.
            _pending.RemoveAll(u => !u.Any(p => p.Key != "update_id" && _allowedUpdates.Contains(p.Key)));
        }
    }

    private static long UpdateId(JsonObject update) => EmulatorJson.GetLong(update, "update_id") ?? 0;
}

namespace AsnBot.BotApiEmulator;

/// <summary>Random faults (<see cref="RandomFaults"/>): switching them on and off, and the hooks the pipeline calls.</summary>
public sealed partial class BotApiEmulator
{
    private RandomFaultPlan? _random;
    private bool _randomOn;

    /// <summary>Faults injected by the current (or last) <see cref="InjectRandomFaults"/> run.</summary>
    public RandomFaultCounts RandomFaultCounts
    {
        get
        {
            lock (_gate)
            {
                return _random?.Counts ?? new RandomFaultCounts(0, 0, 0, 0, 0);
            }
        }
    }

    /// <summary>From now on every call may meet a random fault as configured; replaces an earlier run.</summary>
    public void InjectRandomFaults(RandomFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_gate)
        {
            _random = new RandomFaultPlan(faults, DateTimeOffset.UtcNow);
            _randomOn = true;
        }
    }

    /// <summary>The API is healthy again; <see cref="RandomFaultCounts"/> keeps the figures of the run.</summary>
    public void StopRandomFaults()
    {
        lock (_gate)
        {
            _randomOn = false;
        }
    }

    /// <summary>Draws the fault a call meets on arrival. Called under the lock.</summary>
    private DrawnFault DrawRandomFaultLocked(string method, long? chatId) =>
        _randomOn && _random is { } plan ? plan.Draw(method, chatId) : default;

    /// <summary>
    /// The answer a call gets instead of being carried out: its drawn server error, or a 429 when a message call
    /// falls into a burst. Called under the lock just before the call would be carried out.
    /// </summary>
    private ApiResult? RandomFailureLocked(DrawnFault fault, string method)
    {
        if (fault.ServerError is int status)
        {
            return ApiResult.Fail(status, ApiResult.DefaultDescription(status));
        }

        var isMessage = method.ToUpperInvariant() is "SENDMESSAGE" or "EDITMESSAGETEXT" or "EDITMESSAGEREPLYMARKUP" or "SENDDOCUMENT";
        return isMessage && _randomOn && _random?.BurstRetryAfter(DateTimeOffset.UtcNow) is int retry
            ? ApiResult.Fail(429, "Too Many Requests: retry after " + retry.ToString(System.Globalization.CultureInfo.InvariantCulture), retry)
            : null;
    }
}

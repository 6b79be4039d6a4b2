using AsnBot.Data;
using AsnBot.Data.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AsnBot.Engine;

/// <summary>
/// A background job that runs on a timer (the injected clock). A failed tick is logged and the next
/// tick tries again; the host keeps running. A job given a <see cref="Duty"/> runs only while this process holds it
/// (one instance of a cluster at a time), and its transactions check <see cref="StillOwned"/> before they change anything.
/// </summary>
public abstract partial class PeriodicWorker(TimeSpan interval, TimeProvider time, ILogger logger, (DutyOwner Owner, Duty Duty)? singleton = null)
    : BackgroundService
{
    /// <summary>The turn of the duty the ticks run in now (null for a job every instance runs).</summary>
    private DutyTurn? _turn;

    protected sealed override Task ExecuteAsync(CancellationToken stoppingToken) =>
        singleton is ({ } owner, var duty)
            ? owner.RunAsync(duty, (turn, token) => RunTicksAsync(turn, token), stoppingToken)
            : RunTicksAsync(turn: null, stoppingToken);

    /// <summary>
    /// Whether this process still holds the job's duty, checked in <paramref name="work"/>'s transaction: false once
    /// another instance took it over, and then the tick must change nothing.
    /// </summary>
    protected bool StillOwned(IUnitOfWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _turn is not { } turn || work.Duties.Holds(turn);
    }

    private async Task RunTicksAsync(DutyTurn? turn, CancellationToken stoppingToken)
    {
        _turn = turn;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage unavailable, Telegram down, a bug in one job: log it, keep the bot running.
                    LogTickFailed(logger, ex, GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; unfinished work is picked up after the restart.
        }
    }

    protected abstract Task TickAsync(CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker}: this run failed; trying again at the next tick")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string worker);
}

using AsnBot.Data.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AsnBot.Engine;

/// <summary>
/// A background job that runs on a timer (the injected clock). A failed tick is logged and the next
/// tick tries again; the host keeps running. A job given a <see cref="Duty"/> runs only while this process holds it
/// (one instance of a cluster at a time).
/// </summary>
public abstract partial class PeriodicWorker(TimeSpan interval, TimeProvider time, ILogger logger, (DutyOwner Owner, Duty Duty)? singleton = null)
    : BackgroundService
{
    protected sealed override Task ExecuteAsync(CancellationToken stoppingToken) =>
        singleton is ({ } owner, var duty) ? owner.RunAsync(duty, RunTicksAsync, stoppingToken) : RunTicksAsync(stoppingToken);

    private async Task RunTicksAsync(CancellationToken stoppingToken)
    {
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

using AsnBot.Conversations.Complaints;
using AsnBot.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AsnBot.Hosting;

/// <summary>Checks every minute whether today's overdue notice is due and queues it.</summary>
public sealed partial class ComplaintMonitor(InboundProcessor processor, OverdueAnnouncer announcer, TimeProvider time, ILogger<ComplaintMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    processor.Run(announcer.Run);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFault(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The overdue complaint check failed; it runs again in a minute")]
    private static partial void LogFault(ILogger logger, Exception exception);
}

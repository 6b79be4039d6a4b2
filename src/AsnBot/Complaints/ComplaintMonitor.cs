using AsnBot.Data.Cluster;
using AsnBot.Delivery;
using AsnBot.Engine;
using Microsoft.Extensions.Logging;

namespace AsnBot.Complaints;

/// <summary>Checks every minute whether today's overdue notice is due and queues it (on one instance of a cluster).</summary>
public sealed class ComplaintMonitor(
    InboundProcessor processor,
    OverdueAnnouncer announcer,
    DutyOwner owner,
    TimeProvider time,
    ILogger<ComplaintMonitor> logger)
    : PeriodicWorker(TimeSpan.FromMinutes(1), time, logger, (owner, Duty.OverdueMonitoring))
{
    protected override Task TickAsync(CancellationToken cancellationToken)
    {
        processor.Run((work, now) => StillOwned(work) ? announcer.Run(work, now) : []);
        return Task.CompletedTask;
    }
}

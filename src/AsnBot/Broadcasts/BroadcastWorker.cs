using AsnBot.Data.Cluster;
using AsnBot.Delivery;
using AsnBot.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsnBot.Broadcasts;

/// <summary>Runs the broadcast scheduler every tick (a second by default) in its own transaction, on one instance of a cluster.</summary>
public sealed class BroadcastWorker(
    InboundProcessor processor,
    BroadcastScheduler scheduler,
    IOptions<BroadcastOptions> options,
    DutyOwner owner,
    TimeProvider time,
    ILogger<BroadcastWorker> logger)
    : PeriodicWorker(options.Value.Tick, time, logger, (owner, Duty.BroadcastFeeding))
{
    protected override Task TickAsync(CancellationToken cancellationToken)
    {
        processor.Run((work, now) => StillOwned(work) ? scheduler.Run(work, now) : []);
        return Task.CompletedTask;
    }
}

using AsnBot.Delivery;
using AsnBot.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsnBot.Broadcasts;

/// <summary>Runs the broadcast scheduler every tick (a second by default) in its own transaction.</summary>
public sealed class BroadcastWorker(
    InboundProcessor processor,
    BroadcastScheduler scheduler,
    IOptions<BroadcastOptions> options,
    TimeProvider time,
    ILogger<BroadcastWorker> logger)
    : PeriodicWorker(options.Value.Tick, time, logger)
{
    protected override Task TickAsync(CancellationToken cancellationToken)
    {
        processor.Run(scheduler.Run);
        return Task.CompletedTask;
    }
}

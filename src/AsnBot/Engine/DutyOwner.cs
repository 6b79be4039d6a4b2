using AsnBot.Data.Cluster;
using Microsoft.Extensions.Logging;

namespace AsnBot.Engine;

/// <summary>
/// Runs a <see cref="Duty"/> while this process holds it: asks for it every <see cref="Retry"/> until it is free,
/// runs the job with its <see cref="DutyTurn"/> (which the job's transactions check, <see cref="AsnBot.Data.Cluster.IDutyFence"/>)
/// and a token that is cancelled when the bot stops or the hold is lost, and asks again after a loss.
/// One process alone holds every duty at once and for good, so its jobs run as they would without this.
/// </summary>
public sealed partial class DutyOwner(IDutyLocks locks, TimeProvider time, ILogger<DutyOwner> logger)
{
    /// <summary>How long a process that does not hold a duty waits before asking again.</summary>
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(1.5);

    /// <summary>Runs <paramref name="job"/> whenever this process holds <paramref name="duty"/>, until <paramref name="stoppingToken"/>.</summary>
    /// <param name="duty">The duty the job is.</param>
    /// <param name="job">Given its turn; returns (or throws <see cref="OperationCanceledException"/>) once its token is cancelled.</param>
    /// <param name="stoppingToken">Cancelled when the bot stops.</param>
    public async Task RunAsync(Duty duty, Func<DutyTurn, CancellationToken, Task> job, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        while (!stoppingToken.IsCancellationRequested)
        {
            IDutyHold? hold;
            try
            {
                hold = await locks.TryTakeAsync(duty, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTakeFailed(logger, ex, duty);
                hold = null;
            }

            if (hold is null)
            {
                await Task.Delay(Retry, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            bool lost;
            await using (hold)
            {
                if (locks.AcrossProcesses)
                {
                    LogTaken(logger, duty);
                }

                using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, hold.Lost);
                try
                {
                    await job(hold.Turn, held.Token);
                }
                catch (OperationCanceledException) when (held.IsCancellationRequested)
                {
                    // Stopped or lost: the job has ended either way.
                }

                lost = hold.Lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested;
                if (lost)
                {
                    LogLost(logger, duty);
                }
            }

            if (lost)
            {
                // A process whose session broke asks again after the others had their turn.
                await Task.Delay(Retry, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Duty {Duty} taken: this instance runs it now")]
    private static partial void LogTaken(ILogger logger, Duty duty);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duty {Duty} lost with its database connection: stopped here, another instance takes it over")]
    private static partial void LogLost(ILogger logger, Duty duty);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duty {Duty}: could not ask the database who holds it; asking again shortly")]
    private static partial void LogTakeFailed(ILogger logger, Exception exception, Duty duty);
}

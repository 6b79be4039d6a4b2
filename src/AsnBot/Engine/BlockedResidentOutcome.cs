using AsnBot.Data;
using AsnBot.Data.Residents;
using AsnBot.Delivery;

namespace AsnBot.Engine;

/// <summary>A resident who blocked the bot is marked so, with the time: nothing more is queued for them.</summary>
public sealed class BlockedResidentOutcome : IDeliveryOutcome
{
    public IReadOnlyList<Outbound> Record(UnitOfWork work, SendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Fate == SendFate.Unreachable)
        {
            new ResidentStore(work).MarkBlocked(outcome.Row.ChatId, outcome.At);
        }

        return [];
    }
}

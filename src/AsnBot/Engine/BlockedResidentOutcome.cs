using AsnBot.Data;
using AsnBot.Delivery;

namespace AsnBot.Engine;

/// <summary>A resident who blocked the bot is marked so, with the time: nothing more is queued for them.</summary>
public sealed class BlockedResidentOutcome : IDeliveryOutcome
{
    public IReadOnlyList<Outbound> Record(IUnitOfWork work, SendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Fate == SendFate.Unreachable)
        {
            work.Residents.MarkBlocked(outcome.Row.ChatId, outcome.At);
        }

        return [];
    }
}

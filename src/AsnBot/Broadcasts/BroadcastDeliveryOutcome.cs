using AsnBot.Data;
using AsnBot.Data.Broadcasts;
using AsnBot.Delivery;
using AsnBot.Engine;

namespace AsnBot.Broadcasts;

/// <summary>
/// A broadcast's part of a finished send: the recipient is recorded as sent or failed, and a resident who blocked
/// the bot as blocked in every broadcast still to reach them.
/// </summary>
public sealed class BroadcastDeliveryOutcome : IDeliveryOutcome
{
    public IReadOnlyList<Outbound> Record(IUnitOfWork work, SendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var (row, now) = (outcome.Row, outcome.At);
        switch (outcome.Fate)
        {
            case SendFate.Unreachable:
                work.Broadcasts.MarkChatBlocked(row.ChatId, now);
                break;
            case SendFate.Sent when row.BroadcastId is { } id:
                work.Broadcasts.Record(id, row.ChatId, RecipientState.Sent, now);
                break;
            case SendFate.Failed when row.BroadcastId is { } id:
                work.Broadcasts.Record(id, row.ChatId, RecipientState.Failed, now);
                break;
        }

        return [];
    }
}

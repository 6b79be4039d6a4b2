using AsnBot.Data;
using AsnBot.Texts;

namespace AsnBot.Engine;

/// <summary>
/// What the delivery machinery calls for each inbound event: its state changes and replies, inside the caller's
/// unit of work. Implemented by the conversation router, which composes the features; the machinery never names them.
/// </summary>
public interface IConversation
{
    /// <summary>The texts, for the machinery's own notices (an apology after a fault, a flood notice).</summary>
    TextCatalog Texts { get; }

    IReadOnlyList<Outbound> Handle(IUnitOfWork work, Inbound inbound, DateTimeOffset now);
}

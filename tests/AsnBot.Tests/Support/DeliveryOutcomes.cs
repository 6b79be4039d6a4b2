using AsnBot.Admin;
using AsnBot.Broadcasts;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Texts;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsnBot.Tests.Support;

public static class DeliveryOutcomes
{
    /// <summary>The features' outcomes of a send, as the bot registers them; no admin group unless one is given.</summary>
    public static IDeliveryOutcome[] All(AdminOptions? admin = null) =>
    [
        new AdminGroupWatch(Microsoft.Extensions.Options.Options.Create(admin ?? new AdminOptions()), TextCatalog.LoadBuiltIn(), NullLogger<AdminGroupWatch>.Instance),
        new BroadcastDeliveryOutcome(),
        new TaggedMessageOutcome(),
        new BlockedResidentOutcome(),
    ];
}

using AsnBot.Admin;
using AsnBot.Delivery;
using AsnBot.Texts;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsnBot.Tests.Support;

public static class NoAdminGroup
{
    /// <summary>An admin-group watch for a sender with no admin group configured.</summary>
    public static AdminGroupWatch Watch() =>
        new(Microsoft.Extensions.Options.Options.Create(new AdminOptions()), TextCatalog.LoadBuiltIn(), NullLogger<AdminGroupWatch>.Instance);
}

using System.Globalization;
using AsnBot.Admin;
using Microsoft.Extensions.Options;

namespace AsnBot.Dashboard;

/// <summary>Who is looking: an admin sees everything; a unit head only their units.</summary>
public sealed record DashboardViewer(long UserId, bool IsAdmin, IReadOnlySet<string> Units)
{
    public bool CanSee(string unitCode) => IsAdmin || Units.Contains(unitCode);
}

/// <summary>Roles from configuration, looked up on every request, so a removed admin or unit head is out at once.</summary>
public sealed class DashboardAccess(IOptions<AdminOptions> admins, IOptions<DashboardOptions> options)
{
    /// <summary>Null for anyone who is neither an admin nor a configured unit head.</summary>
    public DashboardViewer? Find(long userId)
    {
        if (admins.Value.IsAdmin(userId))
        {
            return new DashboardViewer(userId, IsAdmin: true, new HashSet<string>(StringComparer.Ordinal));
        }

        var key = userId.ToString(CultureInfo.InvariantCulture);
        return options.Value.UnitHeads.TryGetValue(key, out var units) && units.Count > 0
            ? new DashboardViewer(userId, IsAdmin: false, new HashSet<string>(units, StringComparer.Ordinal))
            : null;
    }
}

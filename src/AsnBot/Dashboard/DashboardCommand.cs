using AsnBot.Engine;

namespace AsnBot.Dashboard;

/// <summary>
/// /dasbor (/dashboard): an admin or a unit head gets a one-time link to the dashboard, in a private chat only,
/// since a link in a group could be opened by anyone there first. Anyone else gets a polite refusal.
/// </summary>
internal static class DashboardCommand
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal) { "dasbor", "dashboard" };

    /// <summary>True when the inbound was /dasbor (answered or, in a group, ignored).</summary>
    public static bool Handle(Turn turn, DashboardLinks links, DashboardAccess access)
    {
        var inbound = turn.Inbound;
        if (inbound.Kind != InboundKind.Command || inbound.Command is not { } command || !Names.Contains(command))
        {
            return false;
        }

        // In groups the bot answers no command; the link must not land where others read it.
        if (inbound.Chat != ChatKind.Private)
        {
            return true;
        }

        if (access.Find(inbound.UserId) is null)
        {
            turn.Send(turn.Text("dash.refused"));
        }
        else if (!links.Enabled)
        {
            turn.Send(turn.Text("dash.disabled"));
        }
        else
        {
            var link = links.Create(turn.Work, inbound.UserId, turn.Now);
            turn.Send(turn.Text("dash.link", link, (int)DashboardOptions.LinkLifetime.TotalMinutes));
        }

        return true;
    }
}

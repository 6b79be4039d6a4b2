using AsnBot.Broadcasts;
using AsnBot.Complaints;
using AsnBot.Rounds;

namespace AsnBot.Admin;

/// <summary>What the admin desk works with: complaints, rounds, broadcasts.</summary>
public sealed record AdminTools(ComplaintDesk Desk, RoundPlanner Planner, BroadcastScheduler Scheduler, BroadcastMessages Messages);

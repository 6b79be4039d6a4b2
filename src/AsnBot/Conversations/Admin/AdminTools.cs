using AsnBot.Conversations.Broadcasts;
using AsnBot.Conversations.Complaints;
using AsnBot.Delivery;
using AsnBot.Surveys.Rounds;

namespace AsnBot.Conversations.Admin;

/// <summary>What the admin desk works with: complaints, rounds, broadcasts.</summary>
public sealed record AdminTools(ComplaintDesk Desk, RoundPlanner Planner, BroadcastScheduler Scheduler, BroadcastMessages Messages);

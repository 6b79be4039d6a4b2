using AsnBot.Engine;

namespace AsnBot.Broadcasts;

/// <summary>Callback data of broadcast buttons.</summary>
internal static class BroadcastButtons
{
    /// <summary>The resident's button under an invitation: <c>V:round</c> or <c>V:round/UNIT</c>.</summary>
    public const string Invitation = "V";

    /// <summary>Admin buttons: <c>B:verb/argument/argument</c>.</summary>
    public const string Admin = "B";

    public const string PickRound = "r";
    public const string PickAudience = "a";
    public const string Send = "go";
    public const string Discard = "x";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Cancel = "cancel";

    public static string Of(string verb, params string?[] arguments) =>
        ButtonPress.Of(Admin, string.Join('/', [verb, .. arguments.Select(a => a ?? string.Empty)]));

    public static string InvitationData(string round, string? unit) =>
        ButtonPress.Of(Invitation, unit is null ? round : $"{round}/{unit}");

    /// <summary>The round and unit an invitation button names.</summary>
    public static (string Round, string? Unit) ParseInvitation(string argument) =>
        argument.Split('/', 2) is [var round, var unit] ? (round, unit) : (argument, null);

    public static string ProgressTag(long broadcastId) => $"broadcast:{broadcastId}";
}

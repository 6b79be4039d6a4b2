using System.Globalization;

namespace AsnBot.Engine;

/// <summary>
/// Callback data of the bot's own buttons: <c>action:step:argument</c> for survey steps (the step
/// number makes presses on older messages recognisable), <c>action:argument</c> for the rest.
/// Anything else is treated as forged.
/// </summary>
public sealed record ButtonPress(string Action, long? Step, string Argument)
{
    public static string Of(string action, long step, string argument = "") =>
        string.Create(CultureInfo.InvariantCulture, $"{action}:{step}:{argument}");

    public static string Of(string action, string argument) => $"{action}:{argument}";

    public static ButtonPress? Parse(string? data)
    {
        if (string.IsNullOrEmpty(data) || data.Length > 64)
        {
            return null;
        }

        var parts = data.Split(':');
        return parts switch
        {
            [var action, var step, var argument] when long.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                => new ButtonPress(action, n, argument),
            [var action, var argument] => new ButtonPress(action, null, argument),
            _ => null,
        };
    }
}

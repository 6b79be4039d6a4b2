using System.Globalization;

namespace AsnBot.Texts;

/// <summary>
/// Days as typed by people in Indonesia and by tools: the Indonesian day-first forms (dd-MM-yyyy, dd/MM/yyyy,
/// leading zeros optional) or ISO yyyy-MM-dd. Nothing else is read: a month-first or two-digit-year form would
/// silently give another day. One parser for the CLI and the admin conversation.
/// </summary>
public static class CalendarDays
{
    public const string Forms = "yyyy-MM-dd or dd-MM-yyyy";

    private static readonly string[] Formats = ["yyyy-MM-dd", "d-M-yyyy", "d/M/yyyy"];

    public static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>The form the bot and the CLI print days in: dd-MM-yyyy.</summary>
    public static string Display(DateOnly day) => day.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
}

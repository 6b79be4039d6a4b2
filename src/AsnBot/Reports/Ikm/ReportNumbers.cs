using System.Globalization;
using System.Text.RegularExpressions;

namespace AsnBot.Reports.Ikm;

/// <summary>Figures as an Indonesian reader writes them: a decimal comma (86,11), in text and chart alike.</summary>
internal static class ReportNumbers
{
    private static readonly NumberFormatInfo Indonesian = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    /// <summary>An axis tick: 2,5.</summary>
    public static string Tick(double value) => value.ToString("0.0#", Indonesian);

    /// <summary>Rounded half away from zero to a fixed number of decimals; "-" for no value.</summary>
    public static string Fixed(decimal? value, int decimals) => value is { } v
        ? Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), Indonesian)
        : "-";

    /// <summary>At most two decimals, none shown when there are none (2; 2,5; 2,33); "-" for no value.</summary>
    public static string Short(decimal? value) => value is { } v
        ? Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", Indonesian)
        : "-";

    /// <summary>"Disdukcapil (DISDUK)", but "Dinas … (DPMPTSP)" when the name already carries its code as a word.</summary>
    public static string UnitLabel(UnitResult unit) =>
        Regex.IsMatch(unit.Name, $@"\b{Regex.Escape(unit.Code)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            ? unit.Name
            : $"{unit.Name} ({unit.Code})";

    /// <summary>The warning a figure from too few respondents carries in its title; empty when there are enough.</summary>
    public static string BelowMinimum(UnitResult unit, int minimum) => unit.BelowMinimumRespondents
        ? string.Create(CultureInfo.InvariantCulture, $"PERHATIAN: hanya {unit.Respondents} responden, di bawah minimum {minimum}")
        : string.Empty;
}

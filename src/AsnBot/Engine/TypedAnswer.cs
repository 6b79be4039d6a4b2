using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AsnBot.Engine;

/// <summary>
/// Reads a typed reply as a press of one of the buttons on the screen: the button's label (case-,
/// accent-, space- and punctuation-insensitive), its option number ("4" for "4 · Sangat sesuai", or
/// the n-th button when labels carry no numbers, except on a yes/no question), or an obvious yes/no ("ya", "tidak", "setuju", "no").
/// </summary>
public static partial class TypedAnswer
{
    private static readonly HashSet<string> Yes = ["ya", "iya", "y", "yes", "yup", "ok", "oke", "okay", "setuju", "benar", "betul", "boleh", "sudah", "iagree", "agree"];
    private static readonly HashSet<string> No = ["tidak", "tdk", "tak", "gak", "nggak", "enggak", "ngga", "n", "no", "nope", "jangan", "belum", "not", "idonotagree", "idontagree", "disagree"];

    /// <summary>
    /// The data of the button the text stands for, or null when it stands for none or for several.
    /// A label always counts; <paramref name="reading"/> says whether numbers and yes/no do too.
    /// </summary>
    public static string? Match(string? typed, IReadOnlyList<Button> buttons, TypedReading reading)
    {
        var text = Normalize(typed ?? string.Empty);
        if (text.Length == 0 || buttons.Count == 0)
        {
            return null;
        }

        var byLabel = buttons.Where(b => Names(b.Label).Contains(text)).ToList();
        if (byLabel.Count > 0 || reading == TypedReading.LabelsOnly)
        {
            return Single(byLabel);
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            // On a yes/no question ("Ya, sudah selesai" / "Belum selesai") a bare number names no answer: it was
            // meant for a question with numbered options (one that arrived meanwhile, or the survey under a confirmation).
            return reading == TypedReading.Everything && !buttons.All(b => Polarity(b.Label) is not null) ? ByNumber(buttons, number) : null;
        }

        var polarity = Yes.Contains(text) ? true : No.Contains(text) ? false : (bool?)null;
        return polarity is { } wanted ? Single([.. buttons.Where(b => Polarity(b.Label) == wanted)]) : null;
    }

    private static string? ByNumber(IReadOnlyList<Button> buttons, int number)
    {
        var numbered = buttons.Where(b => OptionNumber(b.Label) is not null).ToList();
        if (numbered.Count > 0)
        {
            return Single([.. numbered.Where(b => OptionNumber(b.Label) == number)]);
        }

        // Counted among the choices only: "3" on a two-choice screen is no choice, not the "‹ Kembali" after them.
        var choices = buttons.Where(b => !IsNavigation(b.Label)).ToList();
        return number >= 1 && number <= choices.Count ? choices[number - 1].Data : null;
    }

    /// <summary>Moving between steps or pages ("‹ Kembali", "Berikutnya ›"), not an answer.</summary>
    private static bool IsNavigation(string label) => label.StartsWith('‹') || label.EndsWith('›');

    /// <summary>Lower case, accents and everything but letters and digits removed: "‹ Kembali" → "kembali".</summary>
    public static string Normalize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                result.Append(char.ToLowerInvariant(c));
            }
        }

        return result.ToString();
    }

    private static string? Single(List<Button> candidates) =>
        candidates.Select(b => b.Data).Distinct().Count() == 1 ? candidates[0].Data : null;

    /// <summary>
    /// A label matches typed as a whole, without its option number ("Sangat sesuai" for "4 · Sangat sesuai"), or
    /// either side of a closing bracket ("Disdukcapil" or "Dinas Kependudukan dan Pencatatan Sipil" for the unit
    /// named "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)").
    /// </summary>
    private static string[] Names(string label) =>
        (NumberedLabel().Match(label), BracketedLabel().Match(label)) switch
        {
            ({ Success: true } numbered, _) => [Normalize(label), Normalize(numbered.Groups[2].Value)],
            (_, { Success: true } bracketed) => [Normalize(label), Normalize(bracketed.Groups[1].Value), Normalize(bracketed.Groups[2].Value)],
            _ => [Normalize(label)],
        };

    private static int? OptionNumber(string label) =>
        NumberedLabel().Match(label) is { Success: true } numbered ? int.Parse(numbered.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>Whether a label says yes ("Ya, hapus", "Setuju", "I agree") or no ("Tidak", "Belum selesai", "I do not agree").</summary>
    private static bool? Polarity(string label)
    {
        var words = Words().Matches(label).Select(m => Normalize(m.Value)).ToList();
        var phrase = string.Concat(words.Take(4));
        if (No.Any(n => n.Length > 3 && phrase.StartsWith(n, StringComparison.Ordinal)) || (words.Count > 0 && No.Contains(words[0])))
        {
            return false;
        }

        return Yes.Any(y => y.Length > 3 && phrase.StartsWith(y, StringComparison.Ordinal)) || (words.Count > 0 && Yes.Contains(words[0])) ? true : null;
    }

    [GeneratedRegex(@"^\s*(?:✓\s*)?(\d+)\s*·\s*(.+)$")]
    private static partial Regex NumberedLabel();

    [GeneratedRegex(@"^(.*\p{L}.*)\(([^()]*\p{L}[^()]*)\)\s*$")]
    private static partial Regex BracketedLabel();

    [GeneratedRegex(@"[\p{L}\p{Mn}\p{Nd}]+")]
    private static partial Regex Words();
}

/// <summary>How much of a typed reply may stand for a button.</summary>
public enum TypedReading
{
    /// <summary>Where the step also takes free text (a suggestion, a complaint): only a whole label, so "1" or "tidak" stays what was written.</summary>
    LabelsOnly,

    /// <summary>Consent: a label or a clear yes/no, never a bare number.</summary>
    LabelsAndYesNo,

    /// <summary>A label, an option number or the n-th button (not on a yes/no question), or a yes/no.</summary>
    Everything,
}

namespace AsnBot.Reports.Export;

/// <summary>
/// Spreadsheets run a cell that starts with = + - @ (and, after a tab or CR, whatever follows) as a
/// formula. Such text cells get a leading apostrophe in CSV and XLSX; JSON keeps the text as it is.
/// </summary>
public static class FormulaGuard
{
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}

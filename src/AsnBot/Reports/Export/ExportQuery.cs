namespace AsnBot.Reports.Export;

/// <summary>Which responses to export. Dates are calendar days in the configured time zone, both inclusive.</summary>
public sealed record ExportQuery
{
    public required string Round { get; init; }

    public string? Unit { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>Drafts (not submitted) are left out unless asked for; the status column tells them apart.</summary>
    public bool IncludePartial { get; init; }
}

public enum ExportFileType
{
    Csv,
    Xlsx,
    Json,
}

/// <summary>File type and layout of an export.</summary>
/// <param name="Type">CSV, XLSX (with a data-dictionary sheet) or JSON lines.</param>
/// <param name="Labels">Adds a label column after each coded column.</param>
/// <param name="Bom">CSV only: starts with a UTF-8 byte order mark so Excel reads Indonesian text correctly.</param>
public sealed record ExportFormat(ExportFileType Type, bool Labels = false, bool Bom = false);

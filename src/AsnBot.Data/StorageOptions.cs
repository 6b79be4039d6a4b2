using System.ComponentModel.DataAnnotations;

namespace AsnBot.Data;

/// <summary>The "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>SQLite database file; relative paths are resolved against the working directory.</summary>
    [Required]
    public string Path { get; set; } = "data/asnbot.db";
}

using System.ComponentModel.DataAnnotations;

namespace AsnBot.Complaints;

/// <summary>The "Complaints" configuration section.</summary>
public sealed class ComplaintOptions
{
    public const string Section = "Complaints";

    [MinLength(1)]
    public List<ComplaintCategory> Categories { get; set; } = [];

    /// <summary>Complaints one resident may file in 24 hours.</summary>
    [Range(1, 100)]
    public int MaxPerDay { get; set; } = 5;

    [Range(1, 500)]
    public int MinLength { get; set; } = 20;

    [Range(20, 3500)]
    public int MaxLength { get; set; } = 2000;

    [Range(0, 10)]
    public int MaxPhotos { get; set; } = 3;

    /// <summary>Largest photo kept on disk; larger ones are recorded as too large.</summary>
    [Range(1, 50_000_000)]
    public long MaxPhotoBytes { get; set; } = 10_000_000;

    /// <summary>Folder under which evidence photos are kept, one folder per complaint.</summary>
    [Required]
    public string EvidenceFolder { get; set; } = "data/evidence";

    /// <summary>Same unit and category within this window: flagged to admins as a likely duplicate.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(72);

    [Range(1, 60)]
    public int VerifyWithinWorkingDays { get; set; } = 3;

    [Range(1, 60)]
    public int FirstResponseWithinWorkingDays { get; set; } = 5;

    [Range(1, 120)]
    public int ResolveWithinWorkingDays { get; set; } = 14;

    /// <summary>National holidays (no working day), besides Saturdays and Sundays.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Local time (WIB) after which overdue complaints are announced, once per working day.</summary>
    public TimeSpan AnnounceOverdueAt { get; set; } = TimeSpan.FromHours(8);

    public ComplaintCategory? Category(string? code) => Categories.FirstOrDefault(c => c.Code == code);
}

public sealed class ComplaintCategory
{
    [Required]
    [RegularExpression("^[A-Za-z0-9]{1,20}$")]
    public required string Code { get; set; }

    [Required]
    public required string NameId { get; set; }

    [Required]
    public required string NameEn { get; set; }

    public string Name(Texts.Language language) => language == Texts.Language.En ? NameEn : NameId;
}

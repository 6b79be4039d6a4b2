using System.ComponentModel.DataAnnotations;

namespace AsnBot.Survey;

/// <summary>The "Survey" configuration section.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Survey";

    /// <summary>After this long without a message, a resident coming back is asked "Lanjutkan survei?".</summary>
    public TimeSpan ResumePromptAfter { get; set; } = TimeSpan.FromHours(1);

    [Range(2, 20)]
    public int UnitsPerPage { get; set; } = 6;

    [MinLength(1)]
    public required List<ServiceUnit> Units { get; set; }
}

public sealed class ServiceUnit
{
    /// <summary>Stable code stored with answers and used in deep links (<c>/start u_CODE</c>).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9]{1,20}$")]
    public required string Code { get; set; }

    [Required]
    public required string Name { get; set; }

    public List<UnitService> Services { get; set; } = [];

    /// <summary>Service users in a survey period (N for the Krejcie &amp; Morgan minimum sample); unknown when not set.</summary>
    [Range(1, int.MaxValue)]
    public int? ServiceUsers { get; set; }

    public UnitService? Service(string code) => Services.FirstOrDefault(s => s.Code == code);
}

public sealed class UnitService
{
    [Required]
    [RegularExpression("^[A-Za-z0-9_]{1,20}$")]
    public required string Code { get; set; }

    [Required]
    public required string Name { get; set; }
}

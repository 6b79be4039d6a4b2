using AsnBot.Privacy;
using Microsoft.Extensions.Options;

namespace AsnBot.Reports;

/// <summary>Runs when an export first needs its options, not at bot start: the bot itself runs without a key.</summary>
public sealed class ExportsOptionsValidator : IValidateOptions<ExportsOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PseudonymKey))
        {
            return ValidateOptionsResult.Fail(
                $"Exports:PseudonymKey is not set; set Exports__PseudonymKey to a random key ({PseudonymKeyCheck.HowToMakeOne}) and keep it (a new key changes every pseudonym).");
        }

        if (PseudonymKeyCheck.Weakness(options.PseudonymKey) is { } weakness)
        {
            return ValidateOptionsResult.Fail(
                $"Exports:PseudonymKey is too weak: {weakness}; it needs at least {PseudonymKeyCheck.MinimumBits} random bits ({PseudonymKeyCheck.HowToMakeOne}).");
        }

        return TryFindZone(options.TimeZone) is null
            ? ValidateOptionsResult.Fail($"Exports:TimeZone '{options.TimeZone}' is not a known time zone.")
            : ValidateOptionsResult.Success;
    }

    internal static TimeZoneInfo? TryFindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}

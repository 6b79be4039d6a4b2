using Microsoft.Extensions.Options;

namespace AsnBot.Reports;

/// <summary>Runs when an export first needs its options, not at bot start: the bot itself runs without a key.</summary>
public sealed class ExportsOptionsValidator : IValidateOptions<ExportsOptions>
{
    /// <summary>16 characters at least: a short key could be guessed and the pseudonyms reversed by trying all ids.</summary>
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ExportsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PseudonymKey))
        {
            return ValidateOptionsResult.Fail(
                "Exports:PseudonymKey is not set; set Exports__PseudonymKey to a long random secret and keep it (a new key changes every pseudonym).");
        }

        if (options.PseudonymKey.Length < MinimumKeyLength)
        {
            return ValidateOptionsResult.Fail($"Exports:PseudonymKey is too short; use at least {MinimumKeyLength} random characters.");
        }

        return TryFindZone(options.TimeZone) is null
            ? ValidateOptionsResult.Fail($"Exports:TimeZone '{options.TimeZone}' is not a known time zone.")
            : ValidateOptionsResult.Success;
    }

    internal static TimeZoneInfo? TryFindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}

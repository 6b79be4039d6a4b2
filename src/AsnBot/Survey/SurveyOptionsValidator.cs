using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AsnBot.Survey;

/// <summary>Checks the unit list too, which data annotations alone do not descend into.</summary>
public sealed class SurveyOptionsValidator : IValidateOptions<SurveyOptions>
{
    public ValidateOptionsResult Validate(string? name, SurveyOptions options)
    {
        var failures = new List<string>();
        foreach (var unit in options.Units ?? [])
        {
            Check(unit, $"Survey:Units:{unit.Code}", failures);
            foreach (var service in unit.Services)
            {
                Check(service, $"Survey:Units:{unit.Code}:Services:{service.Code}", failures);
            }

            failures.AddRange(unit.Services.GroupBy(s => s.Code).Where(g => g.Count() > 1)
                .Select(g => $"Survey:Units:{unit.Code} lists service {g.Key} twice."));
        }

        failures.AddRange((options.Units ?? []).GroupBy(u => u.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"Survey:Units lists unit {g.Key} twice."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object value, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}: {r.ErrorMessage}"));
        }
    }
}

using AsnBot.Data;
using Microsoft.Extensions.Options;

namespace AsnBot.Hosting;

/// <summary>Checks the provider and, for PostgreSQL, that a usable connection string is given, before anything starts.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

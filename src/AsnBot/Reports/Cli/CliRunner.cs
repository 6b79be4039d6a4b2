using System.CommandLine;
using AsnBot.Data;
using AsnBot.Hosting;
using AsnBot.Surveys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AsnBot.Reports.Cli;

/// <summary>A mistake the user can fix (unknown unit, missing database): one line on stderr, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);

/// <summary>Builds the host for a report verb and turns configuration and usage mistakes into one stderr line and exit 2.</summary>
internal static class CliRunner
{
    /// <param name="parse">The parsed command line.</param>
    /// <param name="overrides">Configuration that wins over files and environment.</param>
    /// <param name="action">The verb's work, given the services and standard output.</param>
    /// <param name="createDatabase">Create or upgrade the database first (round planning may come before the bot ever ran).</param>
    public static async Task<int> RunAsync(
        ParseResult parse,
        IDictionary<string, string?>? overrides,
        Func<IServiceProvider, TextWriter, Task<int>> action,
        bool createDatabase = false)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            var builder = AppHost.CreateBuilder(overrides);
            builder.Services.AddReports();
            using var host = builder.Build();
            var database = host.Services.GetRequiredService<Database>();
            if (createDatabase)
            {
                database.Migrate();
            }
            else if (!File.Exists(database.Path))
            {
                throw new CliException($"no database at {database.Path} (set Storage__Path)");
            }

            return await action(host.Services, parse.InvocationConfiguration.Output);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"asnbot: configuration error: {string.Join(" ", ex.Failures)}");
            return 2;
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"asnbot: {ex.Message}");
            return 2;
        }
    }

    public static void CheckUnit(IServiceProvider services, string? unit)
    {
        var units = services.GetRequiredService<IOptions<SurveyOptions>>().Value.Units;
        if (unit is not null && units.All(u => u.Code != unit))
        {
            throw new CliException($"unknown unit '{unit}'; configured units: {string.Join(", ", units.Select(u => u.Code))}");
        }
    }

    /// <summary>Writes to a file that only appears complete: a failed export leaves no half-written file behind.</summary>
    public static async Task WriteFileAsync(FileInfo target, Func<Stream, Task> write)
    {
        target.Directory?.Create();
        var partial = target.FullName + ".partial";
        try
        {
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream);
            }

            File.Move(partial, target.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}

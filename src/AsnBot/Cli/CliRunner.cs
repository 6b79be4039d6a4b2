using System.CommandLine;
using System.Globalization;
using AsnBot.Data;
using AsnBot.Data.Reports;
using AsnBot.Hosting;
using AsnBot.Reports;
using AsnBot.Survey;
using AsnBot.Texts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsnBot.Cli;

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
            var database = host.Services.GetRequiredService<IDatabase>();
            if (createDatabase)
            {
                database.Migrate();
            }
            else if (!database.Exists)
            {
                throw new CliException($"no database at {database.Location} (set Storage__Path)");
            }

            return await action(host.Services, parse.InvocationConfiguration.Output);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync(ConfigurationErrors.Line(ex.Failures));
            return 2;
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"asnbot: {ex.Message}");
            return 2;
        }
    }

    /// <summary>The configured unit's code, matched case-insensitively; null for none given.</summary>
    public static string? CheckUnit(IServiceProvider services, string? unit)
    {
        if (unit is null)
        {
            return null;
        }

        var units = services.GetRequiredService<IOptions<SurveyOptions>>().Value.Units;
        return units.FirstOrDefault(u => string.Equals(u.Code, unit, StringComparison.OrdinalIgnoreCase))?.Code
            ?? throw new CliException($"unknown unit '{unit}'; configured units: {string.Join(", ", units.Select(u => u.Code))}");
    }

    /// <summary>The round's code as stored, matched case-insensitively: a planned round or one that responses name.</summary>
    public static async Task<string> CheckRoundAsync(IServiceProvider services, string round, CancellationToken cancellationToken)
    {
        var rounds = await services.GetRequiredService<IReportStore>().RoundsAsync(cancellationToken);
        return rounds.FirstOrDefault(r => string.Equals(r.Code, round, StringComparison.OrdinalIgnoreCase))?.Code
            ?? throw UnknownRound(round, rounds.Select(r => r.Code));
    }

    public static CliException UnknownRound(string round, IEnumerable<string> known)
    {
        var codes = string.Join(", ", known);
        return new CliException(codes.Length == 0
            ? $"unknown round '{round}'; there are no rounds yet (asnbot round create --name ... --opens ... --closes ...)"
            : $"unknown round '{round}'; known rounds: {codes}");
    }

    /// <summary>"1 response", "2 responses".</summary>
    public static string Count(long count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");

    /// <summary>A day option: yyyy-MM-dd or the Indonesian dd-MM-yyyy / dd/MM/yyyy, nothing that could be read another way.</summary>
    public static Option<DateOnly?> DayOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
            if (CalendarDays.TryParse(text, out var day))
            {
                return day;
            }

            result.AddError($"{name} '{text}' is not a date; write {CalendarDays.Forms} (08-12-2026 is 8 December)");
            return null;
        },
    };

    /// <summary>
    /// Writes to a file that only appears complete: a failed export leaves no half-written file behind. The
    /// file is readable by its owner only (0600 on Unix). A folder or a missing folder is refused, not created.
    /// </summary>
    public static async Task WriteFileAsync(FileInfo target, Func<Stream, Task> write)
    {
        if (Directory.Exists(target.FullName))
        {
            throw new CliException($"--out {target.FullName} is a folder; name a file in it");
        }

        if (target.Directory is { Exists: false } folder)
        {
            throw new CliException($"--out: folder {folder.FullName} does not exist");
        }

        var partial = target.FullName + ".partial";
        try
        {
            await using (var stream = PrivateFiles.Create(partial, useAsync: true))
            {
                await write(stream);
            }

            File.Move(partial, target.FullName, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder without write permission, a full disk: the reason in one line, no stack trace.
            throw new CliException($"cannot write {target.FullName}: {ex.Message}");
        }
        finally
        {
            File.Delete(partial);
        }
    }
}

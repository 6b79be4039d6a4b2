using System.CommandLine;
using AsnBot.Data;
using AsnBot.Data.Transfer;

namespace AsnBot.Hosting;

/// <summary>
/// asnbot migrate-data --from sqlite:PATH --to postgres:CONNECTION: moves an existing city's data to another database
/// (docs/configuration.md, "Moving to PostgreSQL"). Mistakes are one line on stderr and exit 2.
/// </summary>
public static class MigrateDataCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "Where the data is: sqlite:PATH or postgres:CONNECTION-STRING.", Required = true };
        var to = new Option<string>("--to") { Description = "An empty database to copy it to: postgres:CONNECTION-STRING or sqlite:PATH.", Required = true };
        var command = new Command("migrate-data", "Copy every table of one database into an empty other one (SQLite to PostgreSQL), in one transaction.") { from, to };
        command.SetAction(async parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            SqlDatabase? source = null;
            SqlDatabase? target = null;
            try
            {
                source = Open(parse.GetRequiredValue(from), "--from");
                if (!source.Exists)
                {
                    throw new ArgumentException($"--from: no database at {source.Location}");
                }

                target = Open(parse.GetRequiredValue(to), "--to");
                foreach (var (table, rows) in DataCopy.Run(source, target))
                {
                    await output.WriteLineAsync($"{table}\t{rows}");
                }

                await output.WriteLineAsync($"copied {source.Location} to {target.Location}");
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                await error.WriteLineAsync($"asnbot: {ex.Message}");
                return 2;
            }
            finally
            {
                (source as IDisposable)?.Dispose();
                (target as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    /// <summary>"sqlite:PATH" or "postgres:CONNECTION-STRING" as a database.</summary>
    private static SqlDatabase Open(string text, string option)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var provider = colon < 0 ? string.Empty : text[..colon];
        var options = new StorageOptions { Provider = provider, Path = text[(colon + 1)..], ConnectionString = text[(colon + 1)..] };
        if (!string.Equals(provider, StorageOptions.Sqlite, StringComparison.Ordinal) && !string.Equals(provider, StorageOptions.Postgres, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{option} must start with sqlite: or postgres: (sqlite:data/asnbot.db, postgres:Host=…;Database=…;Username=…;Password=…)");
        }

        if (options.Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException($"{option}: {problem}");
        }

        return options.Create();
    }
}

using System.CommandLine;
using System.CommandLine.Invocation;

namespace AsnBot.Cli;

/// <summary>Runs a parsed command line: a mistake in it is one line on stderr and exit code 2, like every other CLI mistake.</summary>
public static class CliEntry
{
    public static async Task<int> InvokeAsync(ParseResult parse, InvocationConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(configuration);
        if (parse.Action is ParseErrorAction)
        {
            // System.CommandLine would print every error and the whole help, and exit 1.
            // Some of its messages span lines (a list of allowed values): folded into one.
            var message = string.Join(' ', parse.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await configuration.Error.WriteLineAsync($"asnbot: {message} (see --help)");
            return 2;
        }

        return await parse.InvokeAsync(configuration);
    }
}

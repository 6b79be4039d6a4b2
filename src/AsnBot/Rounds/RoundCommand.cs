using System.CommandLine;
using System.Globalization;
using AsnBot.Cli;
using AsnBot.Data;
using AsnBot.Data.Rounds;
using AsnBot.Reports.Cli;
using AsnBot.Texts;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.Rounds;

/// <summary><c>asnbot round create|list|open|close</c>: survey rounds, with the rules the admin conversation applies.</summary>
public static class RoundCommand
{
    /// <param name="overrides">Configuration that wins over files and environment (tests use it).</param>
    public static Command Create(IDictionary<string, string?>? overrides = null)
    {
        var name = new Option<string>("--name") { Description = "Name residents see, e.g. \"Semester I 2027\" (required).", Required = true };
        var code = new Option<string?>("--code") { Description = "Code used by exports and reports; made from the name when left out (semester-i-2027)." };
        var opens = CliRunner.DayOption("--opens", "First day, yyyy-MM-dd or dd-MM-yyyy (WIB; from midnight).");
        opens.Required = true;
        var closes = CliRunner.DayOption("--closes", "Last day, yyyy-MM-dd or dd-MM-yyyy (WIB; included).");
        closes.Required = true;
        var survey = new Option<string?>("--survey") { Description = "The survey definition's id; the built-in SKM (skm-permenpanrb-14-2017) is the only one and the default." };
        var units = new Option<string[]>("--unit") { Description = "A unit code (repeat for several); every configured unit when left out.", AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", "Create a round. Rounds covering the same unit may not overlap in time, so the unit says which round a response belongs to.")
        {
            name, code, opens, closes, units, survey,
        };
        create.SetAction((parse, _) => Run(parse, overrides, (services, work, now) =>
        {
            var planner = services.GetRequiredService<RoundPlanner>();
            var chosen = parse.GetValue(units) is { Length: > 0 } given ? given : [.. planner.Units.Select(u => u.Code)];
            var request = new RoundRequest(parse.GetValue(code), parse.GetRequiredValue(name), Day(parse, opens), Day(parse, closes), chosen, parse.GetValue(survey));
            var round = planner.Create(work, request, now);
            return $"created {round.Code} \"{round.Name}\" {RoundPlanner.Describe(round)} ({Status(round, now)}), units: {string.Join(' ', round.Units)}";
        }));

        var list = new Command("list", "Every round: code, status (planned, open, closed), days, submitted responses, units.");
        list.SetAction((parse, _) => Run(parse, overrides, (_, work, now) =>
        {
            var store = work.Rounds;
            var rounds = store.All();
            return rounds.Count == 0
                ? "no rounds yet; create one with: asnbot round create --name ... --opens yyyy-MM-dd --closes yyyy-MM-dd"
                : string.Join('\n', rounds.Select(r => string.Create(CultureInfo.InvariantCulture,
                    $"{r.Code}\t{Status(r, now)}\t{RoundPlanner.Describe(r)}\t{CliRunner.Count(store.SubmittedPerUnit(r.Code).Values.Sum(), "response", "responses")}\t{r.Name}\t{string.Join(' ', r.Units)}")));
        }));

        var openCode = new Argument<string>("code") { Description = "The round's code (see: asnbot round list)." };
        var open = new Command("open", "Open a round now (its closing day stays).") { openCode };
        open.SetAction((parse, _) => Run(parse, overrides, (_, work, now) =>
        {
            var round = RoundPlanner.Open(work, Existing(work, parse.GetRequiredValue(openCode)), now);
            return $"opened {round.Code}: {RoundPlanner.Describe(round)}";
        }));

        var closeCode = new Argument<string>("code") { Description = "The round's code." };
        var close = new Command("close", "Close an open round now; unfinished surveys of it can no longer be sent.") { closeCode };
        close.SetAction((parse, _) => Run(parse, overrides, (_, work, now) =>
        {
            var round = RoundPlanner.Close(work, Existing(work, parse.GetRequiredValue(closeCode)), now);
            return $"closed {round.Code}: {RoundPlanner.Describe(round)}";
        }));

        return new Command("round", "Survey rounds: create, list, open, close.") { create, list, open, close };
    }

    /// <summary>Required, so present once parsing succeeded.</summary>
    private static DateOnly Day(ParseResult parse, Option<DateOnly?> option) => parse.GetRequiredValue(option).GetValueOrDefault();

    /// <summary>The round's code as stored; an unknown one names the known ones (the admin conversation points to /putaran instead).</summary>
    private static string Existing(IUnitOfWork work, string code)
    {
        var rounds = work.Rounds.All();
        return rounds.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase))?.Code
            ?? throw CliRunner.UnknownRound(code, rounds.Select(r => r.Code));
    }

    private static string Status(RoundRow round, DateTimeOffset now) =>
        round.IsOpen(now) ? "open" : round.OpensAt > now ? "planned" : "closed";

    /// <summary>One transaction; a broken rule is one line on stderr and exit code 2, nothing changed.</summary>
    private static Task<int> Run(ParseResult parse, IDictionary<string, string?>? overrides, Func<IServiceProvider, IUnitOfWork, DateTimeOffset, string> action) =>
        CliRunner.RunAsync(parse, overrides, async (services, stdout) =>
        {
            using var work = services.GetRequiredService<IDatabase>().Begin();
            try
            {
                var message = action(services, work, services.GetRequiredService<TimeProvider>().GetUtcNow());
                work.Commit();
                await stdout.WriteLineAsync(message);
                return 0;
            }
            catch (RoundRefusedException refused)
            {
                throw new CliException(services.GetRequiredService<TextCatalog>().Format(Language.En, refused.Key, [.. refused.Arguments]));
            }
        }, createDatabase: true);
}

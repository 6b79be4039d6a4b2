using System.CommandLine;
using System.Data.Common;
using AsnBot.Cli;
using AsnBot.ConsoleChat;
using AsnBot.Data;
using AsnBot.Delivery;
using AsnBot.Hosting;
using AsnBot.Reports.Cli;
using AsnBot.Rounds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

var run = new Command("run", "Run the Telegram bot (the default). Needs Telegram__Token.");
run.SetAction(async (_, cancellationToken) => await RunBotAsync(cancellationToken));

var userOption = new Option<long>("--user") { Description = "Pretend to be this Telegram user id.", DefaultValueFactory = _ => 1 };
var chat = new Command("chat", "Try the bot in this terminal against the local database; no Telegram token needed.") { userOption };
chat.SetAction(async (parse, cancellationToken) =>
{
    // A terminal has no Telegram sending limits; the bot's own stay as configured for `run`.
    var builder = AppHost.CreateBuilder(new Dictionary<string, string?>
    {
        ["Delivery:PerChatPerSecond"] = "100",
        ["Delivery:PerChatBurst"] = "20",
        ["Delivery:GlobalPerSecond"] = "1000",
    });
    builder.Services.AddSingleton(_ => new ConsoleTransport(Console.Out));
    builder.Services.AddSingleton<IMessageTransport>(s => s.GetRequiredService<ConsoleTransport>());
    builder.Services.AddSingleton<OutboxSender>();
    builder.Services.AddSingleton(s => ActivatorUtilities.CreateInstance<ConsoleChatSession>(s, Console.In, Console.Out));
    using var host = builder.Build();
    return await Guard(() => host.Services.GetRequiredService<ConsoleChatSession>().RunAsync(parse.GetValue(userOption), cancellationToken));
});

var migrate = new Command("migrate", "Create or upgrade the database schema, then exit.");
migrate.SetAction(async _ =>
{
    using var host = AppHost.CreateBuilder().Build();
    return await Guard(() =>
    {
        var database = host.Services.GetRequiredService<IDatabase>();
        Console.WriteLine($"{database.Location}: schema version {database.Migrate()}");
        return Task.FromResult(0);
    });
});

var root = new RootCommand("AsnBot: the City of Tanjungbalai's public-service satisfaction survey bot for Telegram.") { run, chat, migrate, MigrateDataCommand.Create(), ExportCommand.Create(), ReportCommand.Create(), RoundCommand.Create() };
root.SetAction(async (_, cancellationToken) => await RunBotAsync(cancellationToken));
return await CliEntry.InvokeAsync(root.Parse(args), new InvocationConfiguration
{
    // SIGTERM cancels the token and the host drains; the parser must wait for that rather than exit 143 after its default 2 s.
    ProcessTerminationTimeout = AppHost.ShutdownTimeout + TimeSpan.FromSeconds(5),
});

static async Task<int> RunBotAsync(CancellationToken cancellationToken)
{
    using var host = AppHost.BuildBot();
    var exit = await Guard(() => AppHost.RunAsync(host, cancellationToken));
    return exit != 0 ? exit : Environment.ExitCode;
}

// Configuration mistakes get one clear line on stderr and exit code 2, not a stack trace.
static async Task<int> Guard(Func<Task<int>> action)
{
    try
    {
        return await action();
    }
    catch (OptionsValidationException ex)
    {
        return await ConfigurationError(ex.Failures);
    }
    catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
    {
        // Several sections wrong at once: still one line.
        return await ConfigurationError(ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
    }
    catch (StorageUnavailableException ex)
    {
        await Console.Error.WriteLineAsync($"asnbot: database error: {ex.Message}");
        return 1;
    }
    catch (DbException ex)
    {
        // No host (or no database) to explain it with: the database's own words name the cause (locked, full, read-only).
        await Console.Error.WriteLineAsync($"asnbot: database error: {ex.Message}");
        return 1;
    }
}

static async Task<int> ConfigurationError(IEnumerable<string> failures)
{
    await Console.Error.WriteLineAsync(ConfigurationErrors.Line(failures));
    return 2;
}

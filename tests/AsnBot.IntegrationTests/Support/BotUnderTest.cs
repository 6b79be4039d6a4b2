using AsnBot.Data;
using AsnBot.Hosting;
using AsnBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Support;

/// <summary>
/// The real bot host (poller, outbox sender, Telegram.Bot client over HTTP) against the emulator,
/// on a real database (a SQLite file, or PostgreSQL: see <see cref="TestStorage"/>). Can be stopped and started again
/// over the same database, as after a restart.
/// </summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    private readonly Emulator _emulator;
    private readonly Dictionary<string, string?> _settings;
    private IHost? _host;

    private readonly Action<IServiceCollection>? _configure;
    private readonly TestStorage _storage;

    private BotUnderTest(Emulator emulator, TestStorage storage, Dictionary<string, string?> settings, Action<IServiceCollection>? configure)
    {
        _configure = configure;
        _emulator = emulator;
        _storage = storage;
        Folder = storage.Folder;
        _settings = settings;
        Database = settings.TryGetValue("Storage:Path", out var path) && path != storage.Settings["Storage:Path"] ? new Database(path!) : storage.Database;
    }

    public string Folder { get; }

    public SqlDatabase Database { get; }

    /// <summary>The storage settings as environment variables, for a CLI process over the same database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> StorageVariables => _storage.Variables;

    /// <summary>The SQLite file, for tests about SQLite itself.</summary>
    public Database Sqlite => (Database as Database) ?? _storage.Sqlite;

    public LogCapture Logs { get; } = new();

    /// <summary>The running host's services, for jobs a test runs at a chosen time (the daily overdue notice).</summary>
    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("The bot is not running.")).Services;

    /// <param name="emulator">The Bot API the bot talks to.</param>
    /// <param name="settings">Configuration over the defaults below.</param>
    /// <param name="configure">Last word on services (a test's clock).</param>
    public static async Task<BotUnderTest> StartAsync(
        Emulator emulator, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var storage = TestStorage.In(Directory.CreateTempSubdirectory("asnbot-it-").FullName);
        var all = new Dictionary<string, string?>(storage.Settings)
        {
            ["Telegram:Token"] = emulator.Token,
            ["Telegram:ApiBaseUrl"] = emulator.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "2",

            // Residents in tests press faster than people; the per-chat and inbound limits are tested on their own.
            ["Delivery:PerChatPerSecond"] = "50",
            ["Delivery:PerChatBurst"] = "10",
            ["Delivery:InboundBurst"] = "100000",
            ["Delivery:MaxQueuedPerChat"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        RoundSeed.Ensure(all.Where(s => s.Key.StartsWith("Storage:", StringComparison.Ordinal)));
        var bot = new BotUnderTest(emulator, storage, all, configure);
        await bot.StartAgainAsync();
        return bot;
    }

    /// <summary>
    /// Waits until the bot has recorded that Telegram took this message (it records the message id after the
    /// answer arrives). A person replies to a post seconds later; a test replies at once, and a reply to a
    /// message the bot has not recorded yet cannot be routed.
    /// </summary>
    public Task RecordedAsync(long chatId, int messageId) =>
        Eventually.True(() => Database.Count(string.Create(
            System.Globalization.CultureInfo.InvariantCulture, $"SELECT COUNT(*) FROM sent_message WHERE chat_id = {chatId} AND message_id = {messageId}")) == 1);

    /// <summary>Starts a fresh host over the same database (after <see cref="StopAsync"/>).</summary>
    public async Task StartAgainAsync()
    {
        _host = AppHost.BuildBot(_settings, services =>
        {
            services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
            _configure?.Invoke(services);
        });
        await _host.StartAsync();
        if (string.Equals(_settings.GetValueOrDefault("Telegram:Mode"), "webhook", StringComparison.OrdinalIgnoreCase))
        {
            await _emulator.WaitForWebhook(TimeSpan.FromSeconds(20));
        }
        else
        {
            await _emulator.WaitForBotPolling(TimeSpan.FromSeconds(20));
        }
    }

    public async Task StopAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.StopAsync();
            host.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        (Database as IDisposable)?.Dispose();
        _storage.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

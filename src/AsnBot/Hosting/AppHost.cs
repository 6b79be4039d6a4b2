using AsnBot.Admin;
using AsnBot.Broadcasts;
using AsnBot.Complaints;
using AsnBot.Conversations;
using AsnBot.Dashboard;
using AsnBot.Data;
using AsnBot.Data.Cluster;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Reports;
using AsnBot.Reports.Documents;
using AsnBot.Rounds;
using AsnBot.Survey;
using AsnBot.Telegram;
using AsnBot.Texts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace AsnBot.Hosting;

/// <summary>Builds the generic host: configuration, the engine and storage, and (for the bot) Telegram.</summary>
public static class AppHost
{
    /// <summary>How long a stopping host waits for its services to finish (the outbox sender drains).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The bot: poller, outbox sender and Telegram transport.</summary>
    /// <param name="overrides">Configuration that wins over files and environment (tests use it).</param>
    /// <param name="configure">Last word on services (tests swap the clock).</param>
    public static IHost BuildBot(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var builder = CreateBuilder(overrides);
        builder.Services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        builder.Services.AddHttpClient("telegram").RemoveAllLoggers()
            .AddTypedClient<ITelegramBotClient>((http, services) =>
            {
                var o = services.GetRequiredService<IOptions<TelegramOptions>>().Value;

                // The client must not sleep on 429 itself: the outbox honours retry_after without blocking others.
                return new TelegramBotClient(new TelegramBotClientOptions(o.Token!, o.ApiBaseUrl) { RetryThreshold = 0 }, http);
            });
        builder.Services.AddSingleton<IMessageTransport, TelegramTransport>();
        builder.Services.AddHostedService<StorageInitializer>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(s => s.GetRequiredService<OutboxSender>());
        builder.Services.AddSingleton<BotProfile>();
        if (new TelegramOptions { Mode = builder.Configuration[$"{TelegramOptions.Section}:Mode"] ?? TelegramOptions.PollingMode }.IsWebhook)
        {
            builder.Services.AddSingleton<ChatQueues>();
            builder.Services.AddHostedService<TelegramWebhook>();
        }
        else
        {
            builder.Services.AddHostedService<TelegramPoller>();
        }

        builder.Services.AddHostedService<AdminGroupCheck>();
        builder.Services.AddHostedService<EvidenceDownloader>();
        builder.Services.AddHostedService<ComplaintMonitor>();
        builder.Services.AddHostedService<BroadcastWorker>();
        builder.Services.AddReports();
        builder.Services.AddHostedService<DocumentWorker>();
        DashboardServer.AddTo(builder.Services, builder.Configuration.GetValue<bool>($"{DashboardOptions.Section}:Enabled"));
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// Runs the bot until it is stopped (SIGTERM, Ctrl+C, the token) or a background service dies: 0 for a stop,
    /// 1 for a dead service. Bad options throw <see cref="OptionsValidationException"/> before anything starts.
    /// </summary>
    public static async Task<int> RunAsync(IHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);

        // Checked here, not in StartAsync: the host would log a failed start with the whole stack trace first.
        host.Services.GetRequiredService<IStartupValidator>().Validate();

        // Read before RunAsync, which disposes the host's services when it returns.
        var workers = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        await host.RunAsync(cancellationToken);

        // The host stops when a background service dies, but would still exit 0: say it failed.
        return workers.Any(s => s.ExecuteTask?.IsFaulted == true) ? 1 : 0;
    }

    /// <summary>Engine, storage and delivery without Telegram: the console chat adds its own transport.</summary>
    public static HostApplicationBuilder CreateBuilder(IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SurveyOptions>, SurveyOptionsValidator>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        // SQLite or PostgreSQL (Storage:Provider); features ask for IDatabase (the concrete one is there for tests and benchmarks).
        services.AddSingleton(s => s.GetRequiredService<IOptions<StorageOptions>>().Value.Create());
        services.AddSingleton<IDatabase>(s => s.GetRequiredService<SqlDatabase>());
        // Who runs the singleton duties: one process alone on SQLite holds them all; instances sharing PostgreSQL take
        // advisory locks (docs/deploy.md).
        services.AddSingleton(s => s.GetRequiredService<IOptions<StorageOptions>>().Value is { } storage && storage.IsPostgres
            ? (IDutyLocks)new PostgresCluster(storage.ConnectionString!)
            : new SingleProcess());
        services.AddSingleton(s => (IOutboxWakeups)s.GetRequiredService<IDutyLocks>());
        services.AddSingleton<DutyOwner>();
        services.AddSingleton(_ => TextCatalog.LoadBuiltIn());
        services.AddSingleton(_ => SurveyLoader.LoadBuiltIn());
        services.AddOptions<ComplaintOptions>().BindConfiguration(ComplaintOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddSingleton(s => new ComplaintDeadlines(s.GetRequiredService<IOptions<ComplaintOptions>>().Value));
        services.AddSingleton(s => new ComplaintViews(
            s.GetRequiredService<TextCatalog>(),
            s.GetRequiredService<IOptions<ComplaintOptions>>().Value,
            s.GetRequiredService<IOptions<SurveyOptions>>().Value,
            s.GetRequiredService<ComplaintDeadlines>()));
        services.AddSingleton(s => new ComplaintDesk(s.GetRequiredService<ComplaintViews>(), s.GetRequiredService<IOptions<AdminOptions>>().Value));
        services.AddSingleton(s => new OverdueAnnouncer(
            s.GetRequiredService<ComplaintDesk>(), s.GetRequiredService<IOptions<ComplaintOptions>>().Value, s.GetRequiredService<TextCatalog>()));
        services.AddOptions<BroadcastOptions>().BindConfiguration(BroadcastOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(s => new BroadcastMessages(s.GetRequiredService<TextCatalog>(), s.GetRequiredService<IOptions<SurveyOptions>>().Value));
        services.AddSingleton<BroadcastScheduler>();
        services.AddSingleton<RoundPlanner>();
        services.AddSingleton<AdminTools>();
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        services.AddSingleton<DashboardAddress>();
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<DashboardLinks>();
        services.AddSingleton<ConversationEngine>();
        services.AddSingleton<IConversation>(s => s.GetRequiredService<ConversationEngine>());
        services.AddSingleton(s => new OutboxSignal(s.GetRequiredService<IOutboxWakeups>()));
        services.AddSingleton<InboundProcessor>();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<InboundRateLimiter>();
        services.AddSingleton<IDeliveryOutcome, AdminGroupWatch>();
        services.AddSingleton<IDeliveryOutcome, BroadcastDeliveryOutcome>();
        services.AddSingleton<IDeliveryOutcome, TaggedMessageOutcome>();
        services.AddSingleton<IDeliveryOutcome, BlockedResidentOutcome>();
        return builder;
    }
}

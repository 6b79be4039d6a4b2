using AsnBot.Admin;
using AsnBot.Broadcasts;
using AsnBot.Complaints;
using AsnBot.Conversations;
using AsnBot.Data;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Hosting;
using AsnBot.Rounds;
using AsnBot.Survey;
using AsnBot.Texts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Microsoft.Extensions.Options.Options;

namespace AsnBot.Tests.Support;

/// <summary>
/// The bot as <see cref="AppHost"/> wires it (engine, processor, outbox and sender) over a real SQLite file, with a
/// fake clock and a recording messenger instead of Telegram, and the test's options.
/// </summary>
public sealed class BotHarness : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly IHost _host;
    private long _nextUpdateId = 1000;

    /// <param name="options">Units and survey settings; <see cref="TestUnits.Options"/> by default.</param>
    /// <param name="complaints">Complaint settings; <see cref="TestUnits.Complaints"/> by default.</param>
    /// <param name="admin">Admins; <see cref="TestUnits.AdminId"/> in <see cref="TestUnits.AdminGroup"/> by default.</param>
    /// <param name="broadcasts">Broadcast settings; the defaults when null.</param>
    /// <param name="openRound">Creates <see cref="TestUnits.Round"/>, open now for every unit; without it no round exists.</param>
    public BotHarness(SurveyOptions? options = null, ComplaintOptions? complaints = null, AdminOptions? admin = null, bool openRound = true, BroadcastOptions? broadcasts = null)
    {
        Options = options ?? TestUnits.Options();
        Complaints = complaints ?? TestUnits.Complaints();
        Admin = admin ?? new AdminOptions { UserIds = [TestUnits.AdminId], GroupChatId = TestUnits.AdminGroup };
        var builder = AppHost.CreateBuilder(_database.Settings);
        builder.Logging.ClearProviders();
        var services = builder.Services;
        services.AddSingleton(_database.Database);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IMessageTransport>(Transcript);
        services.AddSingleton<ILogger<ConversationEngine>>(Logs);
        services.AddSingleton(Create(Options));
        services.AddSingleton(Create(Complaints));
        services.AddSingleton(Create(Admin));
        services.AddSingleton(Create(broadcasts ?? new BroadcastOptions()));

        // Flow tests press faster than people; the inbound limit is tested on its own.
        services.AddSingleton(Create(new DeliveryOptions { PerChatBurst = 20, PerChatPerSecond = 100, GlobalPerSecond = 1000, InboundBurst = 100_000 }));
        services.AddSingleton<OutboxSender>();

        // Pacing runs on real time here: the fake clock stands still while a test sends dozens of messages.
        services.AddSingleton(s => new SendRateLimiter(s.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeliveryOptions>>(), TimeProvider.System));
        _host = builder.Build();

        Texts = Get<TextCatalog>();
        Survey = Get<SurveyDefinition>();
        Desk = Get<ComplaintDesk>();
        Planner = Get<RoundPlanner>();
        Scheduler = Get<BroadcastScheduler>();
        Engine = Get<ConversationEngine>();
        Processor = Get<InboundProcessor>();
        Sender = Get<OutboxSender>();
        if (openRound)
        {
            using var work = Database.Begin();
            Planner.Create(work, TestUnits.OpenRound(Options), Clock.GetUtcNow());
            work.Commit();
        }
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    public SqlDatabase Database => _database.Database;

    public SurveyOptions Options { get; }

    public ComplaintOptions Complaints { get; }

    public AdminOptions Admin { get; }

    public ComplaintDesk Desk { get; }

    public RoundPlanner Planner { get; }

    public BroadcastScheduler Scheduler { get; }

    public ListLogger<ConversationEngine> Logs { get; } = new();

    public TextCatalog Texts { get; }

    public SurveyDefinition Survey { get; }

    public ConversationEngine Engine { get; }

    public InboundProcessor Processor { get; }

    public OutboxSender Sender { get; }

    public Transcript Transcript { get; } = new();

    public TestResident Resident(long userId, string? languageCode = "id") => new(this, userId, languageCode);

    /// <summary>The configured admin acting in the admin group.</summary>
    public TestAdmin AdminInGroup() => new(this, TestUnits.AdminId, TestUnits.AdminGroup);

    /// <summary>Someone acting in a chat, admin or not (a group id is negative).</summary>
    public TestAdmin Actor(long userId, long chatId) => new(this, userId, chatId);

    /// <summary>One broadcast tick (top-up, progress, reminders), then delivers what it queued.</summary>
    public async Task TickBroadcasts()
    {
        Processor.Run(Scheduler.Run);
        await Sender.DrainAsync(CancellationToken.None);
    }

    /// <summary>Handles an inbound as a fresh update and delivers the replies.</summary>
    public async Task<bool> Deliver(Inbound inbound, long? updateId = null)
    {
        var handled = Processor.Process(updateId ?? _nextUpdateId++, inbound);
        await Sender.DrainAsync(CancellationToken.None);
        return handled;
    }

    public void Dispose()
    {
        _host.Dispose();
        _database.Dispose();
    }

    private T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();
}

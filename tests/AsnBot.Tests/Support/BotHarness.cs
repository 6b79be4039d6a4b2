using AsnBot.Admin;
using AsnBot.Broadcasts;
using AsnBot.Complaints;
using AsnBot.Dashboard;
using AsnBot.Data;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Rounds;
using AsnBot.Survey;
using AsnBot.Texts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AsnBot.Tests.Support;

/// <summary>
/// The real engine, processor, outbox and sender over a real SQLite file, with a fake clock and a
/// recording messenger instead of Telegram.
/// </summary>
public sealed class BotHarness : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly SendRateLimiter _limiter;
    private readonly InboundRateLimiter _inbound;
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
        Texts = TextCatalog.LoadBuiltIn();
        Survey = SurveyLoader.LoadBuiltIn();
        var views = new ComplaintViews(Texts, Complaints, Options, new ComplaintDeadlines(Complaints));
        Desk = new ComplaintDesk(views, Admin);
        var surveyOptions = Microsoft.Extensions.Options.Options.Create(Options);
        // Flow tests press faster than people; the inbound limit is tested on its own.
        var delivery = Microsoft.Extensions.Options.Options.Create(new DeliveryOptions { PerChatBurst = 20, PerChatPerSecond = 100, GlobalPerSecond = 1000, InboundBurst = 100_000 });
        Planner = new RoundPlanner(Survey, surveyOptions);
        var dashboard = Microsoft.Extensions.Options.Options.Create(new DashboardOptions());
        Scheduler = new BroadcastScheduler(new BroadcastMessages(Texts, Options), Microsoft.Extensions.Options.Options.Create(broadcasts ?? new BroadcastOptions()), delivery);
        Engine = new ConversationEngine(
            Texts, Survey, surveyOptions, Microsoft.Extensions.Options.Options.Create(Complaints),
            new AdminTools(Desk, Planner, Scheduler, new BroadcastMessages(Texts, Options)),
            new DashboardLinks(dashboard, new DashboardAddress(dashboard)),
            new DashboardAccess(Microsoft.Extensions.Options.Options.Create(Admin), dashboard),
            Logs);
        var signal = new OutboxSignal();
        _inbound = new InboundRateLimiter(delivery);
        Processor = new InboundProcessor(Database, Engine, signal, _inbound, Clock, delivery, NullLogger<InboundProcessor>.Instance);
        if (openRound)
        {
            using var work = Database.Begin();
            Planner.Create(work, TestUnits.OpenRound(Options), Clock.GetUtcNow());
            work.Commit();
        }

        _limiter = new SendRateLimiter(delivery);
        var watch = new AdminGroupWatch(Microsoft.Extensions.Options.Options.Create(Admin), Texts, NullLogger<AdminGroupWatch>.Instance);
        Sender = new OutboxSender(Database, Transcript, _limiter, watch, signal, Clock, delivery, NullLogger<OutboxSender>.Instance);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    public Database Database => _database.Database;

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
        _limiter.Dispose();
        _inbound.Dispose();
        _database.Dispose();
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AsnBot.BotApiEmulator;

/// <summary>
/// An in-process fake of the Telegram Bot API served over real HTTP (Kestrel on 127.0.0.1), for tests that drive the
/// real Telegram.Bot client. Tests act as users through <see cref="Resident(long, string, string?)"/> and observe what
/// the bot sent.
/// </summary>
public sealed partial class BotApiEmulator : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly JsonObject _botUser;
    private readonly Dictionary<long, UserInfo> _users = [];
    private readonly Dictionary<long, ChatState> _chats = [];
    private readonly Dictionary<(long UserId, long ChatId), Resident> _residents = [];
    private readonly HashSet<long> _blocked = [];
    private readonly List<ApiCall> _calls = [];

    /// <summary>When the latest answered getUpdates call was received.</summary>
    private DateTimeOffset _lastPollReceived = DateTimeOffset.MinValue;
    private readonly FaultPlan _faults = new();
    private WebApplication? _app;
    private int _tooManyRequests;
    private int _disposed;
    private long _changeSeq;

    private BotApiEmulator(EmulatorOptions options)
    {
        Options = options;
        var colon = options.Token.IndexOf(':', StringComparison.Ordinal);
        var botId = long.Parse(colon > 0 ? options.Token[..colon] : "0", System.Globalization.CultureInfo.InvariantCulture);
        _botUser = EmulatorJson.Obj(
            ("id", botId),
            ("is_bot", true),
            ("first_name", options.BotFirstName),
            ("username", options.BotUsername));
        _nextUpdateId = options.FirstUpdateId;
        _globalRate = options.GlobalRatePerSecond is double g ? new RateWindow(g) : null;
    }

    /// <summary>Base URL to hand to TelegramBotClientOptions, e.g. "http://127.0.0.1:41234".</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public string Token => Options.Token;

    public EmulatorOptions Options { get; }

    /// <summary>Every API call received so far, in arrival order.</summary>
    public IReadOnlyList<ApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    /// <summary>How many 429 answers were given (rate limit or injected).</summary>
    public int TooManyRequestsCount
    {
        get
        {
            lock (_gate)
            {
                return _tooManyRequests;
            }
        }
    }

    /// <summary>Starts Kestrel on a free loopback port.</summary>
    public static async Task<BotApiEmulator> StartAsync(EmulatorOptions? options = null)
    {
        var emulator = new BotApiEmulator(options ?? new EmulatorOptions());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (emulator.Options.ServerLogging)
        {
            builder.Logging.AddConsole();
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(emulator.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report its address.");
        emulator.BaseUrl = addresses.Addresses.First().TrimEnd('/');
        emulator._app = app;
        return emulator;
    }

    /// <summary>A user in a private chat with the bot (chat id == user id). The same instance is returned for the same user.</summary>
    public Resident Resident(long userId, string firstName = "Warga", string? languageCode = "id")
    {
        lock (_gate)
        {
            _users.TryAdd(userId, new UserInfo(userId, firstName, languageCode));
            if (!_chats.ContainsKey(userId))
            {
                _chats[userId] = new ChatState(userId, "private", _users[userId].FirstName, null);
            }

            return GetResidentLocked(userId, userId);
        }
    }

    /// <summary>
    /// A user writing in a group chat. Group ids are negative: a positive <paramref name="groupChatId"/> is negated.
    /// Ids of the form -100xxxxxxxxxx are "supergroup", others "group".
    /// </summary>
    public Resident Member(long userId, long groupChatId, string firstName = "Admin")
    {
        var chatId = groupChatId > 0 ? -groupChatId : groupChatId;
        lock (_gate)
        {
            _users.TryAdd(userId, new UserInfo(userId, firstName, "id"));
            if (!_chats.ContainsKey(chatId))
            {
                var type = chatId <= -1_000_000_000_000 ? "supergroup" : "group";
                _chats[chatId] = new ChatState(chatId, type, null, "Test Group " + (-chatId).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return GetResidentLocked(userId, chatId);
        }
    }

    /// <summary>Last setMyCommands per language code (null = default), as "command" strings; empty when never set.</summary>
    public IReadOnlyList<string> CommandsSet(string? languageCode)
    {
        lock (_gate)
        {
            return _commands.TryGetValue(languageCode ?? string.Empty, out var list)
                ? list.OfType<JsonObject>().Select(c => EmulatorJson.GetString(c, "command") ?? string.Empty).ToArray()
                : [];
        }
    }

    /// <summary>Bytes of a document the bot sent with sendDocument, or null.</summary>
    public byte[]? DocumentBytes(long chatId, int messageId)
    {
        lock (_gate)
        {
            return _chats.TryGetValue(chatId, out var chat) ? chat.FindBotMessage(messageId)?.DocumentBytes : null;
        }
    }

    /// <summary>Next N calls of any method except getUpdates answer this error.</summary>
    public void FailNext(int count, int statusCode = 500, string description = "Internal Server Error")
    {
        lock (_gate)
        {
            _faults.FailNext(count, statusCode, description);
        }
    }

    /// <summary>Next N calls with this chat_id (send, edit, chat action, ...) answer this error; 429 carries RetryAfterSeconds.</summary>
    public void FailNextFor(long chatId, int count, int statusCode = 500, string description = "Internal Server Error")
    {
        lock (_gate)
        {
            _faults.FailNextFor(chatId, count, statusCode, description);
        }
    }

    /// <summary>Cancels every fault still planned (failures, delays, drops): the API is healthy again.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Next N getUpdates calls answer this error.</summary>
    public void FailNextGetUpdates(int count, int statusCode = 502)
    {
        lock (_gate)
        {
            _faults.FailNextGetUpdates(count, statusCode);
        }
    }

    /// <summary>Next N non-getUpdates calls wait this long before being handled.</summary>
    public void DelayNext(int count, TimeSpan delay)
    {
        lock (_gate)
        {
            _faults.DelayNext(count, delay);
        }
    }

    /// <summary>Next N non-getUpdates calls get their connection aborted without a response (recorded with status 0).</summary>
    public void DropNext(int count)
    {
        lock (_gate)
        {
            _faults.DropNext(count);
        }
    }

    /// <summary>The user blocked the bot: send/edit/chat action to their private chat answer 403.</summary>
    public void Block(long userId)
    {
        lock (_gate)
        {
            _blocked.Add(userId);
        }
    }

    /// <summary>The user unblocked the bot.</summary>
    public void Unblock(long userId)
    {
        lock (_gate)
        {
            _blocked.Remove(userId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        if (_deliveryLoop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        _webhookClient.Dispose();
        _deliveryWake.Dispose();
        _stopping.Dispose();
    }

    private Resident GetResidentLocked(long userId, long chatId)
    {
        if (!_residents.TryGetValue((userId, chatId), out var resident))
        {
            resident = new Resident(this, userId, chatId);
            _residents[(userId, chatId)] = resident;
        }

        return resident;
    }
}

namespace AsnBot.BotApiEmulator;

/// <summary>Settings of one <see cref="BotApiEmulator"/> instance.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Bot token the emulator accepts in request URLs; its numeric part is the bot's user id.</summary>
    public string Token { get; init; } = "123456:TEST-token_abcdefghijklmnopqrstuv";

    /// <summary>Username returned by getMe.</summary>
    public string BotUsername { get; init; } = "asnbot_test_bot";

    /// <summary>First name returned by getMe.</summary>
    public string BotFirstName { get; init; } = "AsnBot Test";

    /// <summary>Messages per second allowed overall (send/edit/document); above it answer 429. null = unlimited.</summary>
    public double? GlobalRatePerSecond { get; init; }

    /// <summary>Messages per second allowed per chat; above it 429. null = unlimited.</summary>
    public double? PerChatRatePerSecond { get; init; }

    /// <summary>retry_after value (seconds) put into 429 answers.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>
    /// false (default, like Telegram): once the bot passes a non-empty allowed_updates to getUpdates, updates of other
    /// types are dropped and never delivered. true: deliver every enqueued update regardless (robustness tests).
    /// </summary>
    public bool DeliverAllUpdateTypes { get; init; }

    /// <summary>Write Kestrel/ASP.NET Core logs to the console (for debugging the emulator itself).</summary>
    public bool ServerLogging { get; init; }

    /// <summary>How long a <see cref="Resident"/> waits for the bot when a wait is given no timeout of its own.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Webhook mode: how long a POST of an update may take before it counts as failed and is delivered again.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Webhook mode: the wait before an update's first redelivery; it doubles with each failure (up to 16 times).</summary>
    public TimeSpan WebhookRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>update_id given to the first enqueued update.</summary>
    public long FirstUpdateId { get; init; } = 100_000;
}

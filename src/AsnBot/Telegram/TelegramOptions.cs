using System.ComponentModel.DataAnnotations;

namespace AsnBot.Telegram;

/// <summary>The "Telegram" configuration section. The token and the webhook secret are secrets: never log this object.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public const string PollingMode = "polling";

    public const string WebhookMode = "webhook";

    /// <summary>The bot token from BotFather, "123456789:AA…". Set it with the Telegram__Token environment variable.</summary>
    [Required(ErrorMessage = "Telegram:Token is not set. Create a bot with @BotFather and set the Telegram__Token environment variable.")]
    [RegularExpression(@"^[0-9]{3,20}:[A-Za-z0-9_-]{30,100}$", ErrorMessage = "Telegram:Token is malformed: it should look like 123456789:AAH… as BotFather gives it.")]
    public string? Token { get; set; }

    /// <summary>Bot API server; the real one unless a local server or test emulator is used.</summary>
    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>Long-poll timeout of getUpdates, in seconds.</summary>
    [Range(0, 50)]
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary>How updates arrive: "polling" (getUpdates, the default) or "webhook" (Telegram posts them to <see cref="WebhookUrl"/>).</summary>
    [RegularExpression("^(?i:polling|webhook)$", ErrorMessage = "Telegram:Mode must be polling or webhook.")]
    public string Mode { get; set; } = PollingMode;

    /// <summary>Webhook mode: the public https URL Telegram posts updates to, ending in /telegram/&lt;path&gt;.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Webhook mode: the secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (1–256 of A-Z a-z 0-9 _ -).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Webhook mode: where the bot's own web server listens (plain http; TLS ends at the reverse proxy).</summary>
    public string WebhookListen { get; set; } = "http://127.0.0.1:8088";

    /// <summary>Webhook mode: how many connections Telegram may open at once to deliver updates (1–100).</summary>
    [Range(1, 100)]
    public int WebhookMaxConnections { get; set; } = 40;

    public bool IsWebhook => string.Equals(Mode, WebhookMode, StringComparison.OrdinalIgnoreCase);
}

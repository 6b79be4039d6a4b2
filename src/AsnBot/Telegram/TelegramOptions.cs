using System.ComponentModel.DataAnnotations;

namespace AsnBot.Telegram;

/// <summary>The "Telegram" configuration section. The token is a secret: never log this object.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

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
}

namespace AsnBot.Engine;

/// <summary>What a person did, stripped of any messenger's types.</summary>
public sealed record Inbound
{
    public required long ChatId { get; init; }

    public required long UserId { get; init; }

    public ChatKind Chat { get; init; } = ChatKind.Private;

    public required InboundKind Kind { get; init; }

    /// <summary>The client's language (Telegram's <c>language_code</c>), used until the resident chooses one.</summary>
    public string? LanguageCode { get; init; }

    /// <summary>
    /// Message text (a photo's caption); for commands, the argument after the command (deep-link payload). U+0000 is
    /// dropped: a PostgreSQL text column cannot hold it, and what is stored must be the same on both providers.
    /// </summary>
    public string? Text { get; init => field = value?.Replace("\0", string.Empty, StringComparison.Ordinal); }

    /// <summary>Command name without slash or bot mention, lower case.</summary>
    public string? Command { get; init; }

    public string? ButtonData { get; init; }

    public string? ButtonId { get; init; }

    /// <summary>The message a button was on; null when the client no longer has it.</summary>
    public int? ButtonMessageId { get; init; }

    /// <summary>The largest size of a photo the person sent.</summary>
    public string? PhotoFileId { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>The bot message this message replies to (admins answer a complaint post this way).</summary>
    public int? ReplyToMessageId { get; init; }
}

public enum InboundKind
{
    Text,
    Command,
    Button,
    Photo,
    Location,

    /// <summary>A sticker, photo, voice note, contact… something the bot does not read here.</summary>
    Unsupported,
}

public enum ChatKind
{
    Private,
    Group,
    Channel,
}

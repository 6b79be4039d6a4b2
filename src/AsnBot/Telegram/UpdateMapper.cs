using AsnBot.Engine;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace AsnBot.Telegram;

/// <summary>The one place a Telegram <see cref="Update"/> becomes the engine's <see cref="Inbound"/>.</summary>
public static class UpdateMapper
{
    /// <summary>The kinds of update the bot handles, which it asks Telegram for (allowed_updates).</summary>
    public static readonly UpdateType[] Kinds = [UpdateType.Message, UpdateType.CallbackQuery];

    /// <summary>Maps an update; null for kinds the bot does not handle (the update is still confirmed).</summary>
    /// <param name="update">The update from getUpdates.</param>
    /// <param name="botUsername">This bot's username: a command addressed to another bot (/aduan@OtherBot in a group) is not ours.</param>
    public static Inbound? Map(Update update, string? botUsername = null) => update switch
    {
        { Message: { From: { } from } message } when !IsForeignPrivateChat(message.Chat, from) => FromMessage(message, from, botUsername),
        { CallbackQuery: { } query } when query.Message is not { } pressed || !IsForeignPrivateChat(pressed.Chat, query.From) => FromCallback(query),
        _ => null,
    };

    /// <summary>
    /// A private chat is the conversation with one person and has their id. Telegram never sends a message or a
    /// button press from someone else in it; a forged one must not act on that person's survey.
    /// </summary>
    private static bool IsForeignPrivateChat(Chat chat, User from) => chat.Type == ChatType.Private && chat.Id != from.Id;

    private static Inbound? FromMessage(Message message, User from, string? botUsername)
    {
        var inbound = new Inbound
        {
            ChatId = message.Chat.Id,
            UserId = from.Id,
            Chat = Kind(message.Chat.Type),
            LanguageCode = from.LanguageCode,
            Kind = message switch
            {
                { Text: not null } => InboundKind.Text,
                { Photo: [_, ..] } => InboundKind.Photo,
                { Location: not null } => InboundKind.Location,
                _ => InboundKind.Unsupported,
            },
            Text = message.Text ?? message.Caption,
            PhotoFileId = message.Photo is [.., var largest] ? largest.FileId : null,
            Latitude = message.Location?.Latitude,
            Longitude = message.Location?.Longitude,
            ReplyToMessageId = message.ReplyToMessage?.Id,
        };
        // Only a command entity that fits the text and starts with its slash is a command; any other is ignored
        // (a client bug or a forged update must not become a command, nor an exception that stalls polling).
        if (message.Text is { } text && message.Entities is [{ Type: MessageEntityType.BotCommand, Offset: 0 } command, ..]
            && command.Length >= 1 && command.Length <= text.Length && text[0] == '/')
        {
            var name = text[1..command.Length];
            var at = name.IndexOf('@', StringComparison.Ordinal);
            if (at >= 0 && botUsername is not null && !string.Equals(name[(at + 1)..], botUsername, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return inbound with
            {
                Kind = InboundKind.Command,
                Command = (at < 0 ? name : name[..at]).ToLowerInvariant(),
                Text = text[command.Length..].Trim(),
            };
        }

        return inbound;
    }

    private static Inbound FromCallback(CallbackQuery query) => new()
    {
        ChatId = query.Message?.Chat.Id ?? query.From.Id,
        UserId = query.From.Id,
        Chat = query.Message is null ? ChatKind.Private : Kind(query.Message.Chat.Type),
        LanguageCode = query.From.LanguageCode,
        Kind = InboundKind.Button,
        ButtonId = query.Id,
        ButtonData = query.Data,

        // An inaccessible (very old or deleted) message has no date; it cannot be edited.
        ButtonMessageId = query.Message is { } message && message.Date > DateTime.UnixEpoch ? message.Id : null,
    };

    private static ChatKind Kind(ChatType type) => type switch
    {
        ChatType.Private => ChatKind.Private,
        ChatType.Channel => ChatKind.Channel,
        _ => ChatKind.Group,
    };
}

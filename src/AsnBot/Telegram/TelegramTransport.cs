using System.Net;
using AsnBot.Delivery;
using AsnBot.Engine;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace AsnBot.Telegram;

/// <summary>Delivers outbound actions through the Bot API and classifies what went wrong.</summary>
public sealed class TelegramTransport(ITelegramBotClient bot) : IMessageTransport
{
    public async Task<DeliveryResult> DeliverAsync(Outbound outbound, CancellationToken cancellationToken)
    {
        try
        {
            return DeliveryResult.Delivered with { MessageId = await SendAsync(outbound, cancellationToken) };
        }
        catch (ApiRequestException ex) when (outbound is EditText edit && IsUneditable(ex))
        {
            // The message is gone or too old to edit: show the screen as a new message instead.
            return await DeliverAsync(new SendText(edit.ChatId, edit.Text, edit.Keyboard), cancellationToken);
        }
        catch (ApiRequestException ex)
        {
            return Classify(ex, outbound);
        }
        catch (RequestException ex)
        {
            return new DeliveryResult(DeliveryStatus.Failed, Reason: ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryStatus.Failed, Reason: ex.Message);
        }
        catch (IOException ex) when (outbound is SendDocument or SendPhoto)
        {
            // The file to send is gone (a restart cleaned it, say): nothing to retry.
            return new DeliveryResult(DeliveryStatus.Rejected, Reason: ex.Message);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryStatus.Failed, Reason: $"timeout: {ex.Message}");
        }
    }

    private async Task<int?> SendAsync(Outbound outbound, CancellationToken cancellationToken)
    {
        switch (outbound)
        {
            case SendText send:
                var sent = await bot.SendMessage(send.ChatId, send.Text, replyMarkup: Markup(send), cancellationToken: cancellationToken);
                return sent.Id;
            case EditText edit:
                await bot.EditMessageText(edit.ChatId, edit.MessageId, edit.Text, replyMarkup: Inline(edit.Keyboard), cancellationToken: cancellationToken);
                return edit.MessageId;
            case AnswerButton answer:
                await bot.AnswerCallbackQuery(answer.ButtonId, answer.Text, cancellationToken: cancellationToken);
                return null;
            case SendDocument document:
                await using (var file = File.OpenRead(document.Path))
                {
                    var message = await bot.SendDocument(document.ChatId, InputFile.FromStream(file, document.FileName), caption: document.Caption, cancellationToken: cancellationToken);
                    return message.Id;
                }
            case SendPhoto photo:
                await using (var file = File.OpenRead(photo.Path))
                {
                    var message = await bot.SendPhoto(photo.ChatId, InputFile.FromStream(file, Path.GetFileName(photo.Path)), caption: photo.Caption, cancellationToken: cancellationToken);
                    return message.Id;
                }
            default:
                throw new InvalidDataException($"Unknown outbound action {outbound.GetType().Name}.");
        }
    }

    private static DeliveryResult Classify(ApiRequestException ex, Outbound outbound)
    {
        var description = ex.Message;
        return ex.ErrorCode switch
        {
            (int)HttpStatusCode.TooManyRequests => new DeliveryResult(
                DeliveryStatus.RetryAfter,
                TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1)),
                description),
            (int)HttpStatusCode.Forbidden => new DeliveryResult(DeliveryStatus.Unreachable, Reason: description) { ChatRefused = true },

            // The token was revoked or is wrong: nothing is wrong with the message; keep it until fixed.
            (int)HttpStatusCode.Unauthorized => new DeliveryResult(DeliveryStatus.Failed, Reason: description),

            // Same screen shown twice, or a button answered too late: nothing left to deliver.
            (int)HttpStatusCode.BadRequest when description.Contains("not modified", StringComparison.OrdinalIgnoreCase)
                || (outbound is AnswerButton && description.Contains("query is too old", StringComparison.OrdinalIgnoreCase))
                => DeliveryResult.Delivered,
            >= 400 and < 500 => new DeliveryResult(DeliveryStatus.Rejected, Reason: description) { ChatRefused = IsChatRefusal(description) },
            _ => new DeliveryResult(DeliveryStatus.Failed, Reason: description),
        };
    }

    /// <summary>A 400 about the chat, not the message: the chat does not exist for the bot, or the bot may not write there.</summary>
    private static bool IsChatRefusal(string description) =>
        ChatRefusals.Any(text => description.Contains(text, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] ChatRefusals = ["chat not found", "not enough rights", "have no rights", "upgraded to a supergroup", "bot is not a member"];

    private static bool IsUneditable(ApiRequestException ex) =>
        ex.ErrorCode == (int)HttpStatusCode.BadRequest
        && (ex.Message.Contains("message to edit not found", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("message can't be edited", StringComparison.OrdinalIgnoreCase));

    /// <summary>A message carries one kind of markup: inline buttons, a location keyboard, a reply box or a removal.</summary>
    private static ReplyMarkup? Markup(SendText send) => send switch
    {
        { Keyboard: { } keyboard } => Inline(keyboard),
        { LocationButton: { } location } => new ReplyKeyboardMarkup(
            new[] { new[] { KeyboardButton.WithRequestLocation(location) } }
                .Concat(send.ContinueButton is { } next ? [[new KeyboardButton(next)]] : []))
        {
            ResizeKeyboard = true,
        },
        { ForceReply: true } => new ForceReplyMarkup(),
        { RemoveReplyKeyboard: true } => new ReplyKeyboardRemove(),
        _ => null,
    };

    private static InlineKeyboardMarkup? Inline(Keyboard? keyboard) =>
        keyboard is null
            ? null
            : new InlineKeyboardMarkup(keyboard.Rows.Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Data))));
}

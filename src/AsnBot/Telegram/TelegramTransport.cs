using System.Net;
using AsnBot.Conversations;
using AsnBot.Delivery;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.ReplyMarkups;

namespace AsnBot.Telegram;

/// <summary>Delivers outbound actions through the Bot API and classifies what went wrong.</summary>
public sealed class TelegramTransport(ITelegramBotClient bot) : IMessageTransport
{
    public async Task<DeliveryResult> DeliverAsync(Outbound outbound, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(outbound, cancellationToken);
            return DeliveryResult.Delivered;
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
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryStatus.Failed, Reason: $"timeout: {ex.Message}");
        }
    }

    private async Task SendAsync(Outbound outbound, CancellationToken cancellationToken)
    {
        switch (outbound)
        {
            case SendText send:
                await bot.SendMessage(send.ChatId, send.Text, replyMarkup: Markup(send.Keyboard), cancellationToken: cancellationToken);
                break;
            case EditText edit:
                await bot.EditMessageText(edit.ChatId, edit.MessageId, edit.Text, replyMarkup: Markup(edit.Keyboard), cancellationToken: cancellationToken);
                break;
            case AnswerButton answer:
                await bot.AnswerCallbackQuery(answer.ButtonId, answer.Text, cancellationToken: cancellationToken);
                break;
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
            (int)HttpStatusCode.Forbidden => new DeliveryResult(DeliveryStatus.Unreachable, Reason: description),

            // Same screen shown twice, or a button answered too late: nothing left to deliver.
            (int)HttpStatusCode.BadRequest when description.Contains("not modified", StringComparison.OrdinalIgnoreCase)
                || (outbound is AnswerButton && description.Contains("query is too old", StringComparison.OrdinalIgnoreCase))
                => DeliveryResult.Delivered,
            >= 400 and < 500 => new DeliveryResult(DeliveryStatus.Rejected, Reason: description),
            _ => new DeliveryResult(DeliveryStatus.Failed, Reason: description),
        };
    }

    private static bool IsUneditable(ApiRequestException ex) =>
        ex.ErrorCode == (int)HttpStatusCode.BadRequest
        && (ex.Message.Contains("message to edit not found", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("message can't be edited", StringComparison.OrdinalIgnoreCase));

    private static InlineKeyboardMarkup? Markup(Keyboard? keyboard) =>
        keyboard is null
            ? null
            : new InlineKeyboardMarkup(keyboard.Rows.Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Data))));
}

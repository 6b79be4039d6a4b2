using System.Globalization;
using AsnBot.Conversations;
using AsnBot.Data;
using AsnBot.Delivery;

namespace AsnBot.ConsoleChat;

/// <summary>
/// The <c>chat</c> verb: the real engine, storage and outbox, with the terminal as the messenger.
/// Type text or /commands; press a button with #number.
/// </summary>
public sealed class ConsoleChatSession(Database database, InboundProcessor processor, OutboxSender sender, ConsoleTransport transport, TextReader input, TextWriter output)
{
    public async Task<int> RunAsync(long userId, CancellationToken cancellationToken)
    {
        database.Migrate();
        output.WriteLine($"AsnBot chat — database {database.Path}. Ketik /start untuk mulai, #1 untuk menekan tombol 1, Ctrl+D untuk keluar.");
        var presses = 0;
        while (!cancellationToken.IsCancellationRequested && await input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (Parse(line.Trim(), userId, ref presses) is { } inbound)
            {
                processor.Process(updateId: null, inbound);
                await sender.DrainAsync(cancellationToken);
            }
        }

        return 0;
    }

    private Inbound? Parse(string line, long userId, ref int presses)
    {
        if (line.StartsWith('#'))
        {
            var (messageId, buttons) = transport.LastButtons;
            if (!int.TryParse(line[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > buttons.Count)
            {
                output.WriteLine($"  (tidak ada tombol {line} / no button {line})");
                return null;
            }

            return new Inbound
            {
                ChatId = userId,
                UserId = userId,
                Kind = InboundKind.Button,
                ButtonData = buttons[number - 1].Data,
                ButtonId = $"console-{++presses}",
                ButtonMessageId = messageId,
            };
        }

        if (line.StartsWith('/') && line.Length > 1)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            return new Inbound
            {
                ChatId = userId,
                UserId = userId,
                Kind = InboundKind.Command,
                Command = (space < 0 ? line[1..] : line[1..space]).ToLowerInvariant(),
                Text = space < 0 ? string.Empty : line[(space + 1)..].Trim(),
            };
        }

        return new Inbound { ChatId = userId, UserId = userId, Kind = InboundKind.Text, Text = line };
    }
}

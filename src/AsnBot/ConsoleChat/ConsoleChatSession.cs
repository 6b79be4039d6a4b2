using System.Globalization;
using AsnBot.Conversations;
using AsnBot.Data;
using AsnBot.Delivery;
using AsnBot.Engine;

namespace AsnBot.ConsoleChat;

/// <summary>
/// The <c>chat</c> verb: the real engine, storage and outbox, with the terminal as the messenger.
/// Type text or /commands; press a button with #number; send a photo with /photo and a location with
/// /location, which Telegram would send from its attachment menu.
/// </summary>
public sealed class ConsoleChatSession(
    IDatabase database, ConversationEngine engine, InboundProcessor processor, OutboxSender sender, ConsoleTransport transport, TextReader input, TextWriter output)
{
    public const string LocationUsage = "/location <lintang> <bujur>, mis. /location -2.96 99.80";
    private const string PhotoUsage = "/photo <berkas.jpg> [keterangan]";

    public async Task<int> RunAsync(long userId, CancellationToken cancellationToken)
    {
        database.Migrate();
        output.WriteLine($"AsnBot chat — database {database.Location}. Ketik /start untuk mulai, #1 untuk menekan tombol 1, "
            + $"{PhotoUsage} untuk foto, {LocationUsage}; Ctrl+D untuk keluar.");

        // Where this resident stopped last time, with buttons that work again.
        processor.Run((work, now) => engine.ShowCurrent(work, userId, now));
        await sender.DrainAsync(cancellationToken);
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
            return Press(line, userId, ref presses);
        }

        if (line.StartsWith('/') && line.Length > 1)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var command = (space < 0 ? line[1..] : line[1..space]).ToLowerInvariant();
            var argument = space < 0 ? string.Empty : line[(space + 1)..].Trim();
            return command switch
            {
                "photo" => Photo(argument, userId),
                "location" => Location(argument, userId),
                _ => new Inbound { ChatId = userId, UserId = userId, Kind = InboundKind.Command, Command = command, Text = argument },
            };
        }

        return new Inbound { ChatId = userId, UserId = userId, Kind = InboundKind.Text, Text = line };
    }

    private Inbound? Press(string line, long userId, ref int presses)
    {
        var (messageId, buttons) = transport.LastButtons;
        if (!int.TryParse(line[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > buttons.Count)
        {
            output.WriteLine($"  (tidak ada tombol {line} / no button {line})");
            return null;
        }

        switch (buttons[number - 1])
        {
            case { SendsLocation: true }:
                output.WriteLine($"  ({LocationUsage})");
                return null;
            case { Data: { } data }:
                return new Inbound
                {
                    ChatId = userId,
                    UserId = userId,
                    Kind = InboundKind.Button,
                    ButtonData = data,
                    ButtonId = $"console-{++presses}",
                    ButtonMessageId = messageId,
                };
            case var keyboardButton:
                // A reply-keyboard button sends its label as a message, as in Telegram.
                return new Inbound { ChatId = userId, UserId = userId, Kind = InboundKind.Text, Text = keyboardButton.Label };
        }
    }

    /// <summary>A photo from a file on this machine; its full path stands in for Telegram's file id (the chat does not copy it).</summary>
    private Inbound? Photo(string argument, long userId)
    {
        var space = argument.IndexOf(' ', StringComparison.Ordinal);
        var path = space < 0 ? argument : argument[..space];
        var caption = space < 0 ? null : argument[(space + 1)..].Trim();
        if (path.Length == 0 || !File.Exists(path))
        {
            output.WriteLine($"  (berkas tidak ditemukan / file not found: '{path}'; {PhotoUsage})");
            return null;
        }

        return new Inbound { ChatId = userId, UserId = userId, Kind = InboundKind.Photo, PhotoFileId = Path.GetFullPath(path), Text = caption };
    }

    private Inbound? Location(string argument, long userId)
    {
        var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude) && Math.Abs(latitude) <= 90
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude) && Math.Abs(longitude) <= 180)
        {
            return new Inbound { ChatId = userId, UserId = userId, Kind = InboundKind.Location, Latitude = latitude, Longitude = longitude };
        }

        output.WriteLine($"  (lokasi tidak terbaca / location not understood; {LocationUsage})");
        return null;
    }
}

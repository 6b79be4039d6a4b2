using System.Net;
using System.Net.Sockets;

namespace AsnBot.IntegrationTests.Support;

/// <summary>Webhook mode on a free loopback port: the URL the bot registers is where it listens (no proxy between).</summary>
public sealed record WebhookSettings(string Url, string Listen, string Secret)
{
    public const string Path = "/telegram/it-updates";

    public static WebhookSettings OnFreePort(string secret = "it-Secret_0123456789")
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var listen = $"http://127.0.0.1:{port}";
        return new WebhookSettings(listen + Path, listen, secret);
    }

    /// <summary>As configuration keys (Section:Key) for <see cref="BotUnderTest"/>.</summary>
    public Dictionary<string, string?> Configuration(int maxConnections = 40) => new()
    {
        ["Telegram:Mode"] = "webhook",
        ["Telegram:WebhookUrl"] = Url,
        ["Telegram:WebhookListen"] = Listen,
        ["Telegram:WebhookSecret"] = Secret,
        ["Telegram:WebhookMaxConnections"] = maxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>As environment variables (Section__Key) for <see cref="BotProcess"/>.</summary>
    public Dictionary<string, string?> Environment() =>
        Configuration().ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);
}

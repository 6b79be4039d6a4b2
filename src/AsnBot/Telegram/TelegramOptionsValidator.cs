using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AsnBot.Telegram;

/// <summary>
/// Checks the webhook settings together (they matter only in webhook mode), each failure naming the setting and the
/// fix. The secret's value never appears in a message.
/// </summary>
public sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    /// <summary>The path the bot serves updates on: /telegram/ and the rest of the webhook URL's path.</summary>
    public const string PathPrefix = "/telegram/";

    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsWebhook)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        CheckUrl(options.WebhookUrl, failures);
        if (string.IsNullOrEmpty(options.WebhookSecret))
        {
            failures.Add("Telegram:WebhookSecret is not set: webhook mode needs a secret of 1–256 characters from A-Z a-z 0-9 _ - (Telegram__WebhookSecret).");
        }
        else if (!Secret().IsMatch(options.WebhookSecret))
        {
            failures.Add("Telegram:WebhookSecret is malformed: Telegram accepts 1–256 characters from A-Z a-z 0-9 _ - only.");
        }

        if (!Uri.TryCreate(options.WebhookListen, UriKind.Absolute, out var listen) || listen.Scheme != Uri.UriSchemeHttp
            || listen.PathAndQuery != "/" || listen.IsDefaultPort)
        {
            failures.Add($"Telegram:WebhookListen must be an http address with a port, like http://127.0.0.1:8088 (TLS ends at the reverse proxy), not '{options.WebhookListen}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The path of a valid webhook URL, which the bot serves.</summary>
    public static string PathOf(string webhookUrl) => new Uri(webhookUrl, UriKind.Absolute).AbsolutePath;

    private static void CheckUrl(string? url, List<string> failures)
    {
        if (string.IsNullOrEmpty(url))
        {
            failures.Add("Telegram:WebhookUrl is not set: webhook mode needs the public https URL Telegram posts to, like https://bot.example.go.id/telegram/updates.");
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Telegram:WebhookUrl '{url}' is not an absolute https URL.");
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            failures.Add($"Telegram:WebhookUrl '{url}' must use https: Telegram posts only to https (http is accepted for 127.0.0.1 and localhost, for tests).");
        }

        if (!Path().IsMatch(uri.AbsolutePath) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            failures.Add($"Telegram:WebhookUrl '{url}' must end in {PathPrefix}<path> (letters, digits, _ - / only) without a query: the bot serves that path.");
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex Secret();

    [GeneratedRegex("^/telegram/[A-Za-z0-9_/-]+$")]
    private static partial Regex Path();
}

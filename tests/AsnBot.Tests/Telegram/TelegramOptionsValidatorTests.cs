using AsnBot.Telegram;

namespace AsnBot.Tests.Telegram;

public sealed class TelegramOptionsValidatorTests
{
    private const string Secret = "s3cret_Value-42";

    [Fact]
    public void PollingMode_IgnoresTheWebhookSettings()
    {
        var result = new TelegramOptionsValidator().Validate(null, new TelegramOptions { Mode = "polling", WebhookUrl = "ftp://x", WebhookSecret = "no spaces" });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("https://bot.example.go.id/telegram/updates", "http://127.0.0.1:8088")]
    [InlineData("http://127.0.0.1:9000/telegram/it", "http://127.0.0.1:9000")]
    [InlineData("http://localhost:9000/telegram/a/b", "http://0.0.0.0:9000")]
    public void WebhookMode_WithGoodSettings_IsValid(string url, string listen)
    {
        var result = new TelegramOptionsValidator().Validate(null, Webhook(url, Secret, listen));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(null, Secret, "http://127.0.0.1:8088", "Telegram:WebhookUrl is not set")]
    [InlineData("http://bot.example.go.id/telegram/updates", Secret, "http://127.0.0.1:8088", "must use https")]
    [InlineData("https://bot.example.go.id/hook", Secret, "http://127.0.0.1:8088", "must end in /telegram/<path>")]
    [InlineData("https://bot.example.go.id/telegram/x?a=1", Secret, "http://127.0.0.1:8088", "without a query")]
    [InlineData("bot.example.go.id/telegram/x", Secret, "http://127.0.0.1:8088", "is not an absolute https URL")]
    [InlineData("https://bot.example.go.id/telegram/x", null, "http://127.0.0.1:8088", "Telegram:WebhookSecret is not set")]
    [InlineData("https://bot.example.go.id/telegram/x", "has space", "http://127.0.0.1:8088", "Telegram:WebhookSecret is malformed")]
    [InlineData("https://bot.example.go.id/telegram/x", Secret, "https://127.0.0.1:8443", "Telegram:WebhookListen must be an http address")]
    [InlineData("https://bot.example.go.id/telegram/x", Secret, "http://127.0.0.1", "Telegram:WebhookListen must be an http address")]
    public void WebhookMode_WithABadSetting_SaysWhichAndHow(string? url, string? secret, string listen, string expected)
    {
        var result = new TelegramOptionsValidator().Validate(null, Webhook(url, secret, listen));

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        if (secret is not null)
        {
            Assert.DoesNotContain(secret, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WebhookSecret_LongerThan256Characters_IsMalformed()
    {
        var result = new TelegramOptionsValidator().Validate(null, Webhook("https://b.example/telegram/x", new string('a', 257), "http://127.0.0.1:8088"));

        Assert.Contains("Telegram:WebhookSecret is malformed", result.FailureMessage, StringComparison.Ordinal);
    }

    private static TelegramOptions Webhook(string? url, string? secret, string listen) =>
        new() { Mode = "webhook", WebhookUrl = url, WebhookSecret = secret, WebhookListen = listen };
}

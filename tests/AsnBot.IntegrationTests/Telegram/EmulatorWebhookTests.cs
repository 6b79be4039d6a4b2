using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Telegram;

/// <summary>
/// The emulator's webhook delivery, which the webhook and cluster tests rely on, driven with the real Telegram.Bot
/// client and checked at two plain receivers standing in for bot instances behind a load balancer.
/// </summary>
public sealed class EmulatorWebhookTests
{
    [Fact]
    public async Task WhileAWebhookIsSet_UpdatesArePostedRoundRobin_Concurrently_WithTheSecret_AndAgainAfterAFailure()
    {
        await using var emulator = await Emulator.StartAsync();
        var client = new TelegramBotClient(new TelegramBotClientOptions(emulator.Token, emulator.BaseUrl));
        var received = new ConcurrentQueue<(string Backend, long UpdateId, string? Secret)>();
        var inFlight = 0;
        var mostInFlight = 0;
        var failedOnce = 0;
        async Task Receive(string backend, HttpContext context)
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            var update = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            received.Enqueue((backend, update.RootElement.GetProperty("update_id").GetInt64(), context.Request.Headers[Emulator.SecretHeader].FirstOrDefault()));
            await Task.Delay(150);
            Interlocked.Decrement(ref inFlight);

            // Backend B fails its first request, as an instance that is restarting would.
            context.Response.StatusCode = backend == "B" && Interlocked.Exchange(ref failedOnce, 1) == 0 ? 500 : 200;
        }

        await using var a = await ReceiverAsync(c => Receive("A", c));
        await using var b = await ReceiverAsync(c => Receive("B", c));
        emulator.UseWebhookBackends([a.Urls.First() + "/telegram/lb", b.Urls.First() + "/telegram/lb"]);
        await client.SetWebhook("https://bot.example.go.id/telegram/lb", maxConnections: 3, allowedUpdates: [UpdateType.Message], secretToken: "lb-secret");

        var ids = new List<long>();
        for (var i = 0; i < 9; i++)
        {
            ids.Add(await emulator.Resident(98_000 + i).SendText("halo"));
        }

        await Support.Eventually.True(() => ids.All(id => emulator.WebhookDeliveries.Any(d => d.UpdateId == id && d.StatusCode == 200)));
        Assert.Contains(received, r => r.Backend == "A");
        Assert.Contains(received, r => r.Backend == "B");
        Assert.All(received, r => Assert.Equal("lb-secret", r.Secret));
        Assert.InRange(mostInFlight, 2, 3);
        var failed = Assert.Single(emulator.WebhookDeliveries, d => d.StatusCode == 500);
        Assert.Equal(2, received.Count(r => r.UpdateId == failed.UpdateId));

        var conflict = await Assert.ThrowsAsync<ApiRequestException>(() => client.GetUpdates());
        Assert.Equal(409, conflict.ErrorCode);
        var info = await client.GetWebhookInfo();
        Assert.Equal(("https://bot.example.go.id/telegram/lb", 0, 3), (info.Url, info.PendingUpdateCount, info.MaxConnections));

        await client.DeleteWebhook();
        Assert.Empty(await client.GetUpdates(timeout: 0));
    }

    [Fact]
    public async Task BehindTheLoadBalancer_ABackendThatIsDown_PassesTheUpdateToTheNextAtOnce()
    {
        // Telegram's own redelivery would wait ten minutes: only the load balancer's failover delivers in time.
        await using var emulator = await Emulator.StartAsync(new BotApiEmulator.EmulatorOptions { WebhookRetryDelay = TimeSpan.FromMinutes(10) });
        var client = new TelegramBotClient(new TelegramBotClientOptions(emulator.Token, emulator.BaseUrl));
        var received = new ConcurrentQueue<long>();
        await using var live = await ReceiverAsync(async c =>
        {
            var update = await System.Text.Json.JsonDocument.ParseAsync(c.Request.Body);
            received.Enqueue(update.RootElement.GetProperty("update_id").GetInt64());
        });
        var down = Support.WebhookSettings.OnFreePort().Listen + "/telegram/lb";
        emulator.UseWebhookBackends([down, live.Urls.First() + "/telegram/lb"]);
        await client.SetWebhook("https://bot.example.go.id/telegram/lb", secretToken: "lb-secret");

        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await emulator.Resident(97_000 + i).SendText("halo"));
        }

        await Support.Eventually.True(() => ids.All(received.Contains));
        Assert.Contains(emulator.WebhookDeliveries, d => d.Url == down && d.StatusCode == 0);
        Assert.Equal(ids.Order(), received.Order());
    }

    private static async Task<WebApplication> ReceiverAsync(RequestDelegate receive)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/telegram/lb", receive);
        await app.StartAsync();
        return app;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}

using AsnBot.Hosting;
using AsnBot.IntegrationTests.Support;
using AsnBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Hosting;

/// <summary>How the bot ends: a service manager's stop is a success, a dead background service a failure.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_WhileServing_ExitsZero_WithoutAStackTrace()
    {
        await using var emulator = await Emulator.StartAsync();
        await InTempFolderAsync(async storage =>
        {
            using var bot = await BotProcess.StartAsync(emulator, storage);
            var resident = emulator.Resident(7_500_000_001);
            await resident.SendText("/bantuan");
            await resident.WaitForText("/lapor");

            var exit = await bot.TerminateAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(0, exit);
            Assert.DoesNotContain("Exception", bot.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", bot.Stderr, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task DeadBackgroundService_StopsTheBot_WithExitCodeOne()
    {
        await using var emulator = await Emulator.StartAsync();
        await InTempFolderAsync(async storage =>
        {
            using var host = AppHost.BuildBot(Settings(emulator, storage), services => services.AddHostedService<DyingService>());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

            var exit = await AppHost.RunAsync(host, timeout.Token);

            Assert.Equal(1, exit);
            Assert.False(timeout.IsCancellationRequested);
        });
    }

    [Fact]
    public async Task StoppedByItsToken_ExitCodeZero()
    {
        await using var emulator = await Emulator.StartAsync();
        await InTempFolderAsync(async storage =>
        {
            using var host = AppHost.BuildBot(Settings(emulator, storage));
            using var stop = new CancellationTokenSource();

            var run = AppHost.RunAsync(host, stop.Token);
            await emulator.WaitForBotPolling(TimeSpan.FromSeconds(30));
            await stop.CancelAsync();

            Assert.Equal(0, await run);
        });
    }

    private static Dictionary<string, string?> Settings(Emulator emulator, TestStorage storage) => new(storage.Settings)
    {
        ["Telegram:Token"] = emulator.Token,
        ["Telegram:ApiBaseUrl"] = emulator.BaseUrl,
        ["Telegram:PollTimeoutSeconds"] = "2",
    };

    private static async Task InTempFolderAsync(Func<TestStorage, Task> test)
    {
        var folder = Directory.CreateTempSubdirectory("asnbot-stop-").FullName;
        var storage = TestStorage.In(folder);
        try
        {
            await test(storage);
        }
        finally
        {
            storage.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A background service that fails a moment after the bot started, as a bug in one would.</summary>
    private sealed class DyingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            throw new InvalidOperationException("a bug in a background service");
        }
    }
}

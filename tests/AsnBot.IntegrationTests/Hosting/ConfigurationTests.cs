using System.Diagnostics;
using AsnBot.Hosting;
using Microsoft.Extensions.Options;

namespace AsnBot.IntegrationTests.Hosting;

/// <summary>The bot started as a real process with bad configuration: one clear line, non-zero exit.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("", "Telegram:Token is not set")]
    [InlineData("not-a-token", "Telegram:Token is malformed")]
    public async Task BadToken_PrintsOneLineOnStderr_AndExitsWithTwo(string token, string expected)
    {
        var (exitCode, stdout, stderr) = await RunBotProcess(token);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("DataAnnotation", line, StringComparison.Ordinal);

        // Not even on stdout: the host used to log its failed start there, 43 lines of stack trace.
        Assert.DoesNotContain("Exception", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Length > 0 ? token : "\u0000", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralBadSettings_AreStillOneLine_AndExitTwo()
    {
        var (exitCode, stdout, stderr) = await RunBotProcess(string.Empty, new Dictionary<string, string?> { ["Delivery__GlobalPerSecond"] = "0" });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Telegram:Token is not set", line, StringComparison.Ordinal);
        Assert.Contains("GlobalPerSecond", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookModeWithBadSettings_PrintsOneLineNamingThem_AndExitsWithTwo()
    {
        var (exitCode, stdout, stderr) = await RunBotProcess("123456:TEST-token_abcdefghijklmnopqrstuv", new Dictionary<string, string?>
        {
            ["Telegram__Mode"] = "webhook",
            ["Telegram__WebhookUrl"] = "http://bot.example.go.id/telegram/updates",
            ["Telegram__WebhookSecret"] = "not allowed!",
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Telegram:WebhookUrl 'http://bot.example.go.id/telegram/updates' must use https", line, StringComparison.Ordinal);
        Assert.Contains("Telegram:WebhookSecret is malformed", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not allowed!", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedToken_IsRefusedBeforeAnyRequest()
    {
        using var host = AppHost.BuildBot(new Dictionary<string, string?>
        {
            ["Telegram:Token"] = "12345:short",
            ["Storage:Path"] = Path.Combine(Path.GetTempPath(), $"asnbot-{Guid.NewGuid():N}.db"),
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("malformed", StringComparison.Ordinal));
        Assert.DoesNotContain("short", string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunBotProcess(string token, IDictionary<string, string?>? environment = null)
    {
        var folder = Directory.CreateTempSubdirectory("asnbot-cfg-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "asnbot.dll"), "run"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            start.Environment["Telegram__Token"] = token;
            start.Environment["Storage__Path"] = Path.Combine(folder, "asnbot.db");
            start.Environment["Telegram__ApiBaseUrl"] = "http://127.0.0.1:9";
            foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

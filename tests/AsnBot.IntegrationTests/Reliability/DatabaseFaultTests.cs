using System.Diagnostics;
using AsnBot.BotApiEmulator;
using AsnBot.Data;
using AsnBot.IntegrationTests.Support;
using Dapper;
using Xunit.Abstractions;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// The database misbehaving under the running bot: locked by another process, the disk full, the file
/// read-only. The bot says which in its log, confirms no update to Telegram before its effects are
/// committed, and carries on by itself once the fault clears.
/// </summary>
[Trait("Category", "Reliability")]
[Trait("Storage", "sqlite")]
public sealed class DatabaseFaultTests(ITestOutputHelper output)
{
    private const int Residents = 3;

    [Fact]
    public async Task WriteLockHeldByAnotherProcess_UpdatesWaitUnconfirmed_AndRepliesFollowItsRelease()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var residents = await AtFirstElementAsync(emulator, 71_000);

        long[] presses;
        DateTimeOffset released;
        await using (var holder = await WriteLockHolder.TakeAsync(bot.Sqlite.Path))
        {
            presses = await PressFirstElementAsync(residents);

            // Longer than the busy timeout (5 s): the bot must neither give up on the updates nor confirm them.
            await Task.Delay(TimeSpan.FromSeconds(7));
            Assert.All(residents, r => Assert.StartsWith("Pertanyaan 1 dari 9", r.LastMessage.Text, StringComparison.Ordinal));
            Assert.True(emulator.ConfirmedOffset <= presses.Min(), $"offset {emulator.ConfirmedOffset} confirmed while the updates were not committed");
            Assert.Equal(0, bot.Database.Count("SELECT COUNT(*) FROM answer"));
            output.WriteLine($"lock held by {holder.Holder}");
            released = DateTimeOffset.UtcNow;
        }

        await Task.WhenAll(residents.Select(r => r.WaitForText("Pertanyaan 2 dari 9", TimeSpan.FromSeconds(20))));
        var replies = RepliesSince(emulator, residents, released.AddSeconds(-8));
        Assert.All(replies, c => Assert.True(c.At >= released, $"{c.Method} to {c.ChatId} at {c.At:O}, before the lock was released at {released:O}"));
        output.WriteLine($"first reply {(replies.Min(c => c.At) - released).TotalMilliseconds:F0} ms after the release");

        Assert.Contains(bot.Logs.Lines, l => l.Contains("database is locked", StringComparison.OrdinalIgnoreCase));
        await FinishAsync(residents);
        AssertEveryAnswerOnce(bot.Database);
    }

    [Fact]
    public async Task DiskFull_UpdatesWaitUnconfirmed_AndAreHandledOnceSpaceIsFreed()
    {
        await using var emulator = await Emulator.StartAsync();
        using var disk = SmallDisk.Mount(megabytes: 4);
        var path = Path.Combine(disk.Path, "asnbot.db");
        await using var bot = await BotUnderTest.StartAsync(emulator, new Dictionary<string, string?> { ["Storage:Path"] = path });
        var database = new Database(path);
        var residents = await AtFirstElementAsync(emulator, 72_000);

        output.WriteLine($"filled {disk.Fill() / 1024} KB");
        var presses = await PressFirstElementAsync(residents);
        await Eventually.True(() => bot.Logs.Lines.Any(l => l.Contains("disk full", StringComparison.Ordinal)));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.All(residents, r => Assert.StartsWith("Pertanyaan 1 dari 9", r.LastMessage.Text, StringComparison.Ordinal));
        Assert.True(emulator.ConfirmedOffset <= presses.Min(), $"offset {emulator.ConfirmedOffset} confirmed while the updates were not committed");
        Assert.Equal(0, database.Count("SELECT COUNT(*) FROM answer"));

        var freed = DateTimeOffset.UtcNow;
        disk.Free();
        await Task.WhenAll(residents.Select(r => r.WaitForText("Pertanyaan 2 dari 9", TimeSpan.FromSeconds(20))));
        output.WriteLine($"first reply {(RepliesSince(emulator, residents, freed).Min(c => c.At) - freed).TotalMilliseconds:F0} ms after the space was freed");
        output.WriteLine(string.Join("\n", bot.Logs.Lines.Where(l => l.Contains("disk full", StringComparison.Ordinal)).Take(2)));

        await FinishAsync(residents);
        AssertEveryAnswerOnce(database);
    }

    [Fact]
    public async Task ReadOnlyFile_UpdatesWaitUnconfirmed_AndAreHandledOnceWritableAgain()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var residents = await AtFirstElementAsync(emulator, 73_000);
        string[] files = [bot.Sqlite.Path, bot.Sqlite.Path + "-wal"];

        long[] presses;
        try
        {
            ReadOnlyFiles.Set(files, readOnly: true);
            presses = await PressFirstElementAsync(residents);
            await Eventually.True(() => bot.Logs.Lines.Any(l => l.Contains("read-only", StringComparison.Ordinal)));
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.All(residents, r => Assert.StartsWith("Pertanyaan 1 dari 9", r.LastMessage.Text, StringComparison.Ordinal));
            Assert.True(emulator.ConfirmedOffset <= presses.Min(), $"offset {emulator.ConfirmedOffset} confirmed while the updates were not committed");
            Assert.Equal(0, bot.Database.Count("SELECT COUNT(*) FROM answer"));
        }
        finally
        {
            ReadOnlyFiles.Set(files, readOnly: false);
        }

        var writable = DateTimeOffset.UtcNow;
        await Task.WhenAll(residents.Select(r => r.WaitForText("Pertanyaan 2 dari 9", TimeSpan.FromSeconds(20))));
        output.WriteLine($"first reply {(RepliesSince(emulator, residents, writable).Min(c => c.At) - writable).TotalMilliseconds:F0} ms after the file was writable again");
        output.WriteLine(string.Join("\n", bot.Logs.Lines.Where(l => l.Contains("read-only", StringComparison.Ordinal)).Take(2)));

        await FinishAsync(residents);
        AssertEveryAnswerOnce(bot.Database);
    }

    [Fact]
    public async Task StartingOnAReadOnlyDatabase_PrintsOneLineOnStderr_AndExitsNonZero()
    {
        var folder = Directory.CreateTempSubdirectory("asnbot-ro-").FullName;
        var path = Path.Combine(folder, "asnbot.db");
        var database = new Database(path);
        database.Migrate();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        string[] files = [path, path + "-wal", path + "-shm"];
        try
        {
            ReadOnlyFiles.Set(files, readOnly: true);
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "asnbot.dll"), "run"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            start.Environment["Telegram__Token"] = "123456:TEST-token_abcdefghijklmnopqrstuv";
            start.Environment["Telegram__ApiBaseUrl"] = "http://127.0.0.1:9";
            start.Environment["Storage__Path"] = path;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);

            output.WriteLine(await stderr);
            Assert.NotEqual(0, process.ExitCode);
            var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("read-only", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);

            // stdout has the host's own "Hosting failed to start" log (with its trace), as for a bad token.
            await stdout;
        }
        finally
        {
            ReadOnlyFiles.Set(files, readOnly: false);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Resident[]> AtFirstElementAsync(Emulator emulator, long firstUserId)
    {
        var residents = Enumerable.Range(0, Residents).Select(i => emulator.Resident(firstUserId + i)).ToArray();
        await Task.WhenAll(residents.Select(r => SurveyScript.ToFirstElementAsync(r)));
        return residents;
    }

    private static async Task<long[]> PressFirstElementAsync(IEnumerable<Resident> residents)
    {
        var first = SurveyScript.Elements.First();
        var presses = new List<long>();
        foreach (var resident in residents)
        {
            presses.Add(await resident.Press(SurveyScript.Label(first, Score(resident, 1))));
        }

        return [.. presses];
    }

    private static Task FinishAsync(IEnumerable<Resident> residents) => Task.WhenAll(residents.Select(async r =>
    {
        await SurveyScript.AnswerElementsAsync(r, [.. Enumerable.Range(1, 9).Select(n => Score(r, n))], from: 2);
        await SurveyScript.SuggestAndSubmitAsync(r, suggestion: null);
    }));

    /// <summary>Each resident's answer to element n, different per resident, so a mixed-up answer shows.</summary>
    private static int Score(Resident resident, int element) => (int)((resident.UserId + element) % 4) + 1;

    private static List<ApiCall> RepliesSince(Emulator emulator, IEnumerable<Resident> residents, DateTimeOffset since)
    {
        var chats = residents.Select(r => r.ChatId).ToHashSet();
        return [.. emulator.Calls.Where(c => c.At >= since && c.StatusCode == 200 && c.ChatId is { } chat && chats.Contains(chat)
            && c.Method is "sendMessage" or "editMessageText")];
    }

    private static void AssertEveryAnswerOnce(SqlDatabase database)
    {
        using var connection = database.Open();
        var rows = connection.Query<(long UserId, string Code, string Answer)>(
            """
            SELECT r.resident_id, a.question_code, a.answer_code
            FROM answer a JOIN response r ON r.id = a.response_id
            WHERE r.status = 'submitted' AND a.question_code LIKE 'U%'
            """).ToList();
        var expected = rows.Select(r => r.UserId).Distinct().SelectMany(u => Enumerable.Range(1, 9).Select(n => (u, $"U{n}", (((u + n) % 4) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(Residents, rows.Select(r => r.UserId).Distinct().Count());
        Assert.Equal(expected.Order(), rows.Order());
        Assert.Equal(Residents, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM response"));
    }
}

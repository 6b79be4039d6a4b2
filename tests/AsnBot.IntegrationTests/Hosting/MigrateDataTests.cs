using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using AsnBot.IntegrationTests.Reliability;
using AsnBot.IntegrationTests.Support;
using AsnBot.Tests.Support;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Hosting;

/// <summary>
/// asnbot migrate-data moves a city's SQLite file into another database (PostgreSQL in the PostgreSQL pass of the
/// suite, a fresh SQLite file in the SQLite pass): the IKM report and every export read the same bytes after (an
/// XLSX file: every entry in it but its creation time).
/// </summary>
public sealed class MigrateDataTests
{
    private const long AdminId = 94_000_001;

    private static readonly string[] Privacies = ["Teridentifikasi", "Anonim", "Rahasia"];

    private static readonly string[][] Documents =
    [
        ["export", "responses", "--round", RoundSeed.Code, "--format", "csv", "--include-partial"],
        ["export", "responses", "--round", RoundSeed.Code, "--format", "xlsx", "--labels"],
        ["export", "responses", "--round", RoundSeed.Code, "--format", "json"],
        ["export", "complaints", "--format", "csv", "--events"],
        ["export", "complaints", "--format", "xlsx"],
        ["export", "complaints", "--format", "json", "--events"],
        ["report", "ikm", "--round", RoundSeed.Code, "--format", "csv"],
        ["report", "ikm", "--round", RoundSeed.Code, "--format", "xlsx"],
        ["report", "ikm", "--round", RoundSeed.Code, "--format", "text"],
    ];

    [Fact]
    public async Task MigrateData_ACityFilledThroughTheBot_TheReportAndEveryExportAreByteIdenticalAfter()
    {
        await using var emulator = await Emulator.StartAsync();
        using var folder = new TempFolder();
        using var evidence = new TempFolder();
        var source = Path.Combine(folder.Path, "city.db");
        var sourceVariables = new Dictionary<string, string?> { ["Storage__Provider"] = "sqlite", ["Storage__Path"] = source };
        var settings = AuthorisationAndPrivacyTests.Settings(evidence.Path, AdminId);
        settings["Storage:Provider"] = "sqlite";
        settings["Storage:Path"] = source;
        settings["Broadcasts:Tick"] = "00:00:00.250";
        settings["Delivery:GroupPerMinute"] = "100";
        emulator.Member(AdminId, AuthorisationAndPrivacyTests.AdminGroup);
        await using (var bot = await BotUnderTest.StartAsync(emulator, settings))
        {
            // Surveys in two units (one left as a draft), complaints of every privacy, a broadcast to everyone.
            BroadcastScript.Seed(emulator, bot.Database, 94_100_001, 5);
            var scores = new[] { 4, 3, 2, 4, 3, 2, 4, 3, 1 };
            for (var i = 0; i < 4; i++)
            {
                await SurveyScript.CompleteAsync(emulator.Resident(94_200_001 + i), [.. scores.Select(s => ((s + i) % 4) + 1)], i % 2 == 0 ? "Antrian; \"cepat\", ramah" : null,
                    i % 2 == 0 ? "Puskesmas Datuk Bandar" : "Puskesmas Teluk Nibung");
            }

            await SurveyScript.ToFirstElementAsync(emulator.Resident(94_200_010));
            foreach (var (privacy, i) in Privacies.Select((p, i) => (p, i)))
            {
                await ComplaintScript.ConsentAndFileAsync(emulator, 94_300_001 + i, privacy);
            }

            await BroadcastScript.StartAsync(emulator.Resident(AdminId));
            await emulator.Resident(AdminId).WaitForText("Siaran selesai", TimeSpan.FromSeconds(60));
            await Eventually.True(() => bot.Database.Count("SELECT COUNT(*) FROM outbox") == 0);
        }

        var before = await DocumentsAsync(folder.Path, sourceVariables);

        using var targetFolder = new TempFolder();
        using var target = TestStorage.In(targetFolder.Path);
        var to = TestStorage.OnPostgres ? "postgres:" + target.Settings["Storage:ConnectionString"] : "sqlite:" + target.Settings["Storage:Path"];
        var (exit, output) = await RunAsync(folder.Path, sourceVariables, "migrate-data", "--from", "sqlite:" + source, "--to", to);
        Assert.True(exit == 0, output);
        Assert.Contains("answer\t", output, StringComparison.Ordinal);
        Assert.Contains("broadcast_recipient\t", output, StringComparison.Ordinal);
        Assert.Contains("complaint\t3", output, StringComparison.Ordinal);

        var after = await DocumentsAsync(targetFolder.Path, target.Variables);
        Assert.Equal(before.Select(d => d.Name), after.Select(d => d.Name));
        Assert.All(before.Zip(after), pair => Assert.True(pair.First.Bytes.SequenceEqual(pair.Second.Bytes), $"{pair.First.Name} differs after the move"));

        // A second run finds the target holding data and changes nothing.
        var (again, refused) = await RunAsync(folder.Path, sourceVariables, "migrate-data", "--from", "sqlite:" + source, "--to", to);
        Assert.Equal(2, again);
        Assert.Contains("already holds data", refused, StringComparison.Ordinal);
    }

    /// <summary>Every document of <see cref="Documents"/>, made by the CLI over the database the variables name.</summary>
    private static async Task<List<(string Name, byte[] Bytes)>> DocumentsAsync(string folder, IEnumerable<KeyValuePair<string, string?>> storage)
    {
        var documents = new List<(string Name, byte[] Bytes)>();
        foreach (var (args, i) in Documents.Select((a, i) => (a, i)))
        {
            var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"document-{i}"));
            var (exit, output) = await RunAsync(folder, storage, [.. args, "--out", file]);
            Assert.True(exit == 0, output);
            documents.Add((string.Join(' ', args), Content(await File.ReadAllBytesAsync(file))));
        }

        return documents;
    }

    /// <summary>
    /// The bytes, or for an XLSX file the bytes of every entry in it but docProps/core.xml: that entry holds the file's
    /// creation time, and the zip stamps each entry with the time it was written; nothing else differs between two
    /// runs over the same data.
    /// </summary>
    private static byte[] Content(byte[] file)
    {
        if (file is not [0x50, 0x4B, ..])
        {
            return file;
        }

        using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        using var all = new MemoryStream();
        foreach (var entry in zip.Entries.Where(e => e.FullName != "docProps/core.xml"))
        {
            all.Write(Encoding.UTF8.GetBytes(entry.FullName));
            using var content = entry.Open();
            content.CopyTo(all);
        }

        return all.ToArray();
    }

    private static async Task<(int Exit, string Output)> RunAsync(string folder, IEnumerable<KeyValuePair<string, string?>> storage, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "asnbot.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var (key, value) in storage)
        {
            start.Environment[key] = value;
        }

        start.Environment["Exports__PseudonymKey"] = "LmxAyjKQwP48baS9pB7YaZ86Zc6OeL9w";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

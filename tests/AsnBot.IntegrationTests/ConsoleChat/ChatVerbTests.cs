using System.Diagnostics;
using Dapper;
using AsnBot.Tests.Support;

namespace AsnBot.IntegrationTests.ConsoleChat;

/// <summary>The `chat` verb as a user runs it: the built program, stdin and stdout, a local database.</summary>
public sealed class ChatVerbTests
{
    [Fact]
    public async Task ChatVerb_RunsTheWholeSurveyInTheTerminal_AndStoresIt()
    {
        var folder = Directory.CreateTempSubdirectory("asnbot-chat-").FullName;
        var storage = TestStorage.In(folder);
        try
        {
            // Consent, Puskesmas Datuk Bandar (#4 on page 1), skip the profile, U1–U9 = 4, a suggestion, submit.
            var script = string.Join('\n', ["/start", "#1", "#4", "#2", "#2", "#2", "#2", .. Enumerable.Repeat("#4", 9), "Bersih dan cepat", "#1", ""]);
            // A fresh database has no round: the operator opens one first, as the README says.
            var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var closes = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var (created, createdOutput) = await RunAsync(storage, "", "round", "create", "--name", "Semester II 2026", "--opens", today, "--closes", closes);
            Assert.True(created == 0, createdOutput);
            Assert.Contains("created semester-ii-2026", createdOutput, StringComparison.Ordinal);

            var (exit, text) = await RunAsync(storage, script, "chat", "--user", "77");
            Assert.True(exit == 0, $"exit {exit}: {text}");
            Assert.Contains("Pertanyaan 9 dari 9", text, StringComparison.Ordinal);
            Assert.Contains("Terima kasih! Jawaban Anda untuk Puskesmas Datuk Bandar sudah tersimpan.", text, StringComparison.Ordinal);
            using var connection = storage.Database.Open();
            Assert.Equal(9, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM answer WHERE answer_code = '4'"));
            Assert.Equal("Bersih dan cepat", connection.ExecuteScalar<string>("SELECT answer_text FROM answer WHERE question_code = 'SARAN'"));
            Assert.Equal("semester-ii-2026", connection.ExecuteScalar<string>("SELECT round_code FROM response"));

            var (listed, listOutput) = await RunAsync(storage, "", "round", "list");
            Assert.True(listed == 0, listOutput);
            Assert.Contains("semester-ii-2026\topen\t", listOutput, StringComparison.Ordinal);
            Assert.Contains("\t1 response\t", listOutput, StringComparison.Ordinal);
        }
        finally
        {
            storage.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the built program in the storage's folder over its database, feeding it <paramref name="input"/>.</summary>
    internal static async Task<(int Exit, string Output)> RunAsync(TestStorage storage, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "asnbot.dll"), .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = storage.Folder,
        };
        foreach (var (key, value) in storage.Variables)
        {
            start.Environment[key] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}

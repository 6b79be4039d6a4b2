using System.Diagnostics;
using AsnBot.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AsnBot.IntegrationTests;

/// <summary>The `chat` verb as a user runs it: the built program, stdin and stdout, a local database.</summary>
public sealed class ChatVerbTests
{
    [Fact]
    public async Task ChatVerb_RunsTheWholeSurveyInTheTerminal_AndStoresIt()
    {
        var folder = Directory.CreateTempSubdirectory("asnbot-chat-").FullName;
        try
        {
            // Consent, Puskesmas Datuk Bandar (#4 on page 1), skip the profile, U1–U9 = 4, a suggestion, submit.
            var script = string.Join('\n', ["/start", "#1", "#4", "#2", "#2", "#2", "#2", .. Enumerable.Repeat("#4", 9), "Bersih dan cepat", "#1", ""]);
            // A fresh database has no round: the operator opens one first, as the README says.
            var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var closes = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var (created, createdOutput) = await RunAsync(folder, "", "round", "create", "--name", "Semester II 2026", "--opens", today, "--closes", closes);
            Assert.True(created == 0, createdOutput);
            Assert.Contains("created semester-ii-2026", createdOutput, StringComparison.Ordinal);

            var (exit, text) = await RunAsync(folder, script, "chat", "--user", "77");
            Assert.True(exit == 0, $"exit {exit}: {text}");
            Assert.Contains("Pertanyaan 9 dari 9", text, StringComparison.Ordinal);
            Assert.Contains("Terima kasih! Jawaban Saudara untuk Puskesmas Datuk Bandar sudah tersimpan.", text, StringComparison.Ordinal);
            var database = new Database(Path.Combine(folder, "chat.db"));
            using var connection = database.Open();
            Assert.Equal(9, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM answer WHERE answer_code = '4'"));
            Assert.Equal("Bersih dan cepat", connection.ExecuteScalar<string>("SELECT answer_text FROM answer WHERE question_code = 'SARAN'"));
            Assert.Equal("semester-ii-2026", connection.ExecuteScalar<string>("SELECT round_code FROM response"));

            var (listed, listOutput) = await RunAsync(folder, "", "round", "list");
            Assert.True(listed == 0, listOutput);
            Assert.Contains("semester-ii-2026\topen\t", listOutput, StringComparison.Ordinal);
            Assert.Contains("\t1 responses\t", listOutput, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ChatVerb_FilesAComplaintWithAPhotoAndALocation_ShowingTheEvidenceKeyboard()
    {
        var folder = Directory.CreateTempSubdirectory("asnbot-chat-").FullName;
        try
        {
            var photo = Path.Combine(folder, "kwitansi.jpg");
            await File.WriteAllBytesAsync(photo, [0xFF, 0xD8, 0xFF, 0xD9]);
            // Consent (no round is open: the survey says so), /lapor, the first category and unit, the story,
            // a photo, the location, the location button (a hint), "Lanjut ›", Anonim, Kirim.
            var script = string.Join('\n', [
                "/start", "#1", "/lapor", "#1", "#1", "Di loket 2 saya diminta membayar Rp100.000 untuk mempercepat akta.",
                "/photo kwitansi.jpg", "/photo nowhere.jpg", "/location -2.96 99.80", "/location utara", "#1", "#2", "#2", "#1", ""]);

            var (exit, text) = await RunAsync(folder, script, "chat", "--user", "78");

            Assert.True(exit == 0, $"exit {exit}: {text}");
            Assert.Contains("[#1] 📍 Kirim lokasi   (/location <lintang> <bujur>, mis. /location -2.96 99.80)", text, StringComparison.Ordinal);
            Assert.Contains("[#2] Lanjut ›", text, StringComparison.Ordinal);
            Assert.Contains("Foto 1 dari 3 diterima.", text, StringComparison.Ordinal);
            Assert.Contains("(berkas tidak ditemukan / file not found: 'nowhere.jpg'", text, StringComparison.Ordinal);
            Assert.Contains("Lokasi diterima.", text, StringComparison.Ordinal);
            Assert.Contains("(lokasi tidak terbaca / location not understood;", text, StringComparison.Ordinal);
            Assert.Contains("Nomor pelacakan", text, StringComparison.Ordinal);
            var database = new Database(Path.Combine(folder, "chat.db"));
            using var connection = database.Open();
            Assert.Equal(("submitted", -2.96, 99.80), connection.QuerySingle<(string, double, double)>("SELECT status, latitude, longitude FROM complaint"));
            Assert.Equal(photo, connection.ExecuteScalar<string>("SELECT file_id FROM complaint_photo"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ChatVerb_ShowsTheLastScreenAgainOnStart_SoItsButtonsWorkWithoutStart()
    {
        var folder = Directory.CreateTempSubdirectory("asnbot-chat-").FullName;
        try
        {
            var (first, firstOutput) = await RunAsync(folder, "/start\n#1\n/lapor\n", "chat", "--user", "79");
            Assert.True(first == 0, firstOutput);
            Assert.Contains("apa jenis masalahnya?", firstOutput, StringComparison.Ordinal);

            // A new run: the category question is shown again, and its first button chooses a category.
            var (second, secondOutput) = await RunAsync(folder, "#1\n", "chat", "--user", "79");

            Assert.True(second == 0, secondOutput);
            Assert.Contains("apa jenis masalahnya?", secondOutput, StringComparison.Ordinal);
            Assert.Contains("Di unit layanan mana", secondOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("no button", secondOutput, StringComparison.Ordinal);

            // Someone who never consented has nothing stored, so nothing to show again.
            var (stranger, strangerOutput) = await RunAsync(folder, string.Empty, "chat", "--user", "80");
            Assert.True(stranger == 0, strangerOutput);
            Assert.DoesNotContain("bot:", strangerOutput, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string folder, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "asnbot.dll"), .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment["Storage__Path"] = Path.Combine(folder, "chat.db");
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

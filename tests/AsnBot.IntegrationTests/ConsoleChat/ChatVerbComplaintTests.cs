using AsnBot.Tests.Support;
using Dapper;

namespace AsnBot.IntegrationTests.ConsoleChat;

/// <summary>The `chat` verb for complaints: evidence sent from the terminal, and a restart that keeps the buttons usable.</summary>
public sealed class ChatVerbComplaintTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asnbot-chat-").FullName;
    private readonly TestStorage _storage;

    public ChatVerbComplaintTests() => _storage = TestStorage.In(_folder);

    public void Dispose()
    {
        _storage.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ChatVerb_FilesAComplaintWithAPhotoAndALocation_ShowingTheEvidenceKeyboard()
    {
        var photo = Path.Combine(_folder, "kwitansi.jpg");
        await File.WriteAllBytesAsync(photo, [0xFF, 0xD8, 0xFF, 0xD9]);
        // Consent (no round is open: the survey says so), /lapor, the first category and unit, the story,
        // a photo, the location, the location button (a hint), "Lanjut ›", Anonim, Kirim.
        var script = string.Join('\n', [
            "/start", "#1", "/lapor", "#1", "#1", "Di loket 2 saya diminta membayar Rp100.000 untuk mempercepat akta.",
            "/photo kwitansi.jpg", "/photo nowhere.jpg", "/location -2.96 99.80", "/location utara", "#1", "#2", "#2", "#1", ""]);

        var (exit, text) = await ChatVerbTests.RunAsync(_storage, script, "chat", "--user", "78");

        Assert.True(exit == 0, $"exit {exit}: {text}");
        Assert.Contains("[#1] 📍 Kirim lokasi   (/location <lintang> <bujur>, mis. /location -2.96 99.80)", text, StringComparison.Ordinal);
        Assert.Contains("[#2] Lanjut ›", text, StringComparison.Ordinal);
        Assert.Contains("Foto 1 dari 3 diterima.", text, StringComparison.Ordinal);
        Assert.Contains("(berkas tidak ditemukan / file not found: 'nowhere.jpg'", text, StringComparison.Ordinal);
        Assert.Contains("Lokasi diterima.", text, StringComparison.Ordinal);
        Assert.Contains("(lokasi tidak terbaca / location not understood;", text, StringComparison.Ordinal);
        Assert.Contains("Nomor pelacakan", text, StringComparison.Ordinal);
        using var connection = _storage.Database.Open();
        Assert.Equal(("submitted", -2.96, 99.80), connection.QuerySingle<(string, double, double)>("SELECT status, latitude, longitude FROM complaint"));
        Assert.Equal(photo, connection.ExecuteScalar<string>("SELECT file_id FROM complaint_photo"));
    }

    [Fact]
    public async Task ChatVerb_ShowsTheLastScreenAgainOnStart_SoItsButtonsWorkWithoutStart()
    {
        var (first, firstOutput) = await ChatVerbTests.RunAsync(_storage, "/start\n#1\n/lapor\n", "chat", "--user", "79");
        Assert.True(first == 0, firstOutput);
        Assert.Contains("apa jenis masalahnya?", firstOutput, StringComparison.Ordinal);

        // A new run: the category question is shown again, and its first button chooses a category.
        var (second, secondOutput) = await ChatVerbTests.RunAsync(_storage, "#1\n", "chat", "--user", "79");

        Assert.True(second == 0, secondOutput);
        Assert.Contains("apa jenis masalahnya?", secondOutput, StringComparison.Ordinal);
        Assert.Contains("Di unit layanan mana", secondOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("no button", secondOutput, StringComparison.Ordinal);

        // Someone who never consented has nothing stored, so nothing to show again.
        var (stranger, strangerOutput) = await ChatVerbTests.RunAsync(_storage, string.Empty, "chat", "--user", "80");
        Assert.True(stranger == 0, strangerOutput);
        Assert.DoesNotContain("bot:", strangerOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatVerb_OnStart_ShowsTheScreenTypedAnswersAreReadAgainst()
    {
        // The run stops at the resume prompt (/start in the middle of a complaint).
        var (first, firstOutput) = await ChatVerbTests.RunAsync(_storage, "/start\n#1\n/lapor\n#1\n/start\n", "chat", "--user", "81");
        Assert.True(first == 0, firstOutput);
        Assert.Contains("Lanjutkan pengaduan?", firstOutput, StringComparison.Ordinal);

        // Shown the step behind the prompt instead, a typed "2" (the second unit) cancelled the complaint.
        var (second, secondOutput) = await ChatVerbTests.RunAsync(_storage, "2\n", "chat", "--user", "81");

        Assert.True(second == 0, secondOutput);
        var onStart = secondOutput[..secondOutput.IndexOf("\nbot", secondOutput.IndexOf("bot:", StringComparison.Ordinal) + 1, StringComparison.Ordinal)];
        Assert.Contains("Lanjutkan pengaduan?", onStart, StringComparison.Ordinal);
        Assert.Contains("Batalkan pengaduan ini?", secondOutput, StringComparison.Ordinal);
    }
}

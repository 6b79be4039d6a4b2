using AsnBot.IntegrationTests.Support;
using Dapper;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Engine;

/// <summary>A resident who types instead of pressing, through the real Telegram client and the emulator.</summary>
public sealed class TypedAnswersOverTheWireTests
{
    [Fact]
    public async Task TypedScoresAndWords_AnswerTheWholeSurvey()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(21_300);
        await SurveyScript.ToFirstElementAsync(resident);

        for (var number = 1; number <= 9; number++)
        {
            await resident.SendText(number == 2 ? "sangat MUDAH" : "4");
            await resident.WaitForText(number < 9 ? $"Pertanyaan {number + 1} dari 9" : "Langkah terakhir");
        }

        await resident.SendText("lewati");
        await resident.WaitForText("Ringkasan jawaban Anda");
        await resident.SendText("Kirim");
        await resident.WaitForText("Terima kasih! Jawaban Anda");

        using var connection = bot.Database.Open();
        var scores = connection.Query<string>(
            "SELECT a.answer_code FROM answer a JOIN response r ON r.id = a.response_id WHERE r.resident_id = 21300 AND r.status = 'submitted' AND a.question_code LIKE 'U%'").ToList();
        Assert.Equal(Enumerable.Repeat("4", 9), scores);
    }

    [Fact]
    public async Task LaporThenSetuju_OpensTheComplaint_AndTypedYaConfirmsErasure_WhichNoOtherTextReplaces()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(21_301);

        await resident.SendText("/lapor");
        await resident.WaitForText("Apakah Anda setuju?");
        await resident.Press("Setuju");
        await resident.WaitForText("Pengaduan: apa jenis masalahnya?");
        await resident.SendText("Pungutan liar");
        await resident.WaitForText("Di unit layanan mana");

        await resident.SendText("/hapus");
        await resident.WaitForText("Hapus data Anda?");
        await resident.SendText("sebentar, saya pikir dulu");
        var again = await resident.WaitForText("Hapus data Anda?");
        Assert.StartsWith("Mohon pilih salah satu tombol", again.Text, StringComparison.Ordinal);
        Assert.Equal(1, bot.Database.Count("SELECT COUNT(*) FROM resident WHERE user_id = 21301"));

        await resident.SendText("Ya");
        await resident.WaitForText("Data Anda sudah dihapus");
        Assert.Equal(0, bot.Database.Count("SELECT COUNT(*) FROM resident"));
    }

    [Fact]
    public async Task TypedYa_BeforeConsent_Consents_AndTheMenuAnswersTypedLabels()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator);
        var resident = emulator.Resident(21_302);

        await resident.SendText("/start");
        await resident.WaitForText("Apakah Anda setuju?");
        await resident.SendText("Ya");
        var menu = await resident.WaitForText("Apa yang ingin Anda lakukan?");
        Assert.StartsWith("Terima kasih, persetujuan Anda sudah dicatat.", menu.Text, StringComparison.Ordinal);

        await resident.SendText("isi survei kepuasan");
        await resident.WaitForText("Unit layanan mana yang Anda kunjungi?");
        await resident.SendText("puskesmas datuk bandar");
        await resident.WaitForText("Profil responden (1 dari 4");
        using var connection = bot.Database.Open();
        Assert.Equal("PKMDATUKBANDAR", connection.ExecuteScalar<string>("SELECT unit_code FROM response WHERE resident_id = 21302"));
    }
}

using System.Text;
using AsnBot.IntegrationTests.Support;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reports;

/// <summary>/ekspor and /laporan in Telegram: files made in the background and sent as documents to admins only.</summary>
public sealed class AnalystDocumentTests
{
    private const long AdminId = 80_001;
    private const long AdminGroup = -100_800;

    [Fact]
    public async Task Ekspor_SendsTheResponsesAsACsvWithPseudonymsOnly_AndLaporanSendsTheIkmAndItsChart()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings(withKey: true));
        var respondents = new[] { 81_234_567_001L, 81_234_567_002L };
        foreach (var id in respondents)
        {
            var resident = emulator.Resident(id);
            await SurveyScript.CompleteAsync(resident, [4, 4, 3, 3, 4, 4, 3, 3, 4], "=HYPERLINK(\"http://x\")");
        }

        var admin = emulator.Resident(AdminId);
        await admin.SendText("/ekspor csv");
        await admin.WaitForText("Sedang disiapkan untuk periode 2026-IT, semua unit.");
        await admin.WaitFor(messages => messages.Any(m => m.DocumentFileName == "skm-2026-IT.csv"), TimeSpan.FromSeconds(30));

        var document = admin.Messages.Single(m => m.DocumentFileName == "skm-2026-IT.csv");
        var csv = Encoding.UTF8.GetString(admin.DocumentBytes(document.MessageId)!);
        Assert.Contains("response_id", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(respondents, id => Assert.DoesNotContain(id.ToString(System.Globalization.CultureInfo.InvariantCulture), csv, StringComparison.Ordinal));
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        await Eventually.True(() => !Directory.EnumerateFiles(Path.Combine(bot.Folder, "documents")).Any());

        await admin.SendText("/ekspor pengaduan csv");
        await admin.WaitFor(messages => messages.Any(m => m.DocumentFileName == "pengaduan.csv"), TimeSpan.FromSeconds(30));
        var complaints = admin.Messages.Single(m => m.DocumentFileName == "pengaduan.csv");
        Assert.StartsWith("Ekspor pengaduan (0 baris).", complaints.Text, StringComparison.Ordinal);
        Assert.Contains("tracking_no", Encoding.UTF8.GetString(admin.DocumentBytes(complaints.MessageId)!), StringComparison.Ordinal);

        await admin.SendText("/laporan");
        await admin.WaitFor(messages => messages.Any(m => m.DocumentFileName == "ikm-2026-IT.png"), TimeSpan.FromSeconds(30));
        Assert.True(admin.Messages.Any(m => m.Text.Contains("IKM", StringComparison.Ordinal) && m.Text.Contains("Puskesmas Datuk Bandar", StringComparison.Ordinal)), string.Join("\n---\n", admin.Messages.Select(m => m.Text + " " + m.DocumentFileName)));
        var png = admin.DocumentBytes(admin.Messages.Single(m => m.DocumentFileName == "ikm-2026-IT.png").MessageId)!;
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
    }

    [Fact]
    public async Task Ekspor_WithoutAPseudonymKey_SaysWhatIsMissing_AndNonAdminsCannotAsk()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings(withKey: false));
        var admin = emulator.Resident(AdminId);
        var stranger = emulator.Resident(80_009);

        await stranger.SendText("/ekspor");
        await stranger.WaitForText("Perintah tidak dikenal.");
        await stranger.SendText("/laporan");
        await stranger.WaitForText("Perintah tidak dikenal.");
        await admin.SendText("/ekspor");

        await admin.WaitForText("Ekspor belum dapat dibuat", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(admin.Messages, m => m.DocumentFileName is not null);
    }

    [Fact]
    public async Task EksporOrLaporan_OfAnUnknownRound_NamesTheKnownRounds_AndMakesNoFile()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(emulator, Settings(withKey: true));
        var admin = emulator.Resident(AdminId);

        await admin.SendText("/ekspor csv 2026-S2");
        await admin.WaitForText("Tidak ada putaran atau unit dengan kode 2026-S2. Putaran yang ada: 2026-IT.");
        await admin.SendText("/laporan RSUDX");
        await admin.WaitForText("Tidak ada putaran atau unit dengan kode RSUDX. Putaran yang ada: 2026-IT.");

        // A round typed in another case is the same round.
        await admin.SendText("/laporan 2026-it");
        await admin.WaitForText("Sedang disiapkan untuk periode 2026-IT, semua unit.");
        await admin.WaitFor(messages => messages.Any(m => m.DocumentFileName == "ikm-2026-IT.png"), TimeSpan.FromSeconds(30));
        Assert.Single(admin.Messages, m => m.DocumentFileName is not null);
    }

    private static Dictionary<string, string?> Settings(bool withKey)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Admin:UserIds:0"] = AdminId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Admin:GroupChatId"] = AdminGroup.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (withKey)
        {
            settings["Exports:PseudonymKey"] = "FRO1ZYbC1Yun3Z4WCaihnYcDbZxg0y0C";
        }

        return settings;
    }
}

using System.Text.RegularExpressions;
using AsnBot.BotApiEmulator;

namespace AsnBot.IntegrationTests.Support;

/// <summary>What a consented resident does in Telegram to file a complaint, step by step.</summary>
public static partial class ComplaintScript
{
    /// <summary>
    /// Files a complaint about Disdukcapil with one photo and a location (or the evidence given); returns its
    /// tracking number.
    /// </summary>
    public static async Task<string> FileAsync(Resident resident, string privacyLabel, Func<Resident, Task>? evidence = null)
    {
        await OpenAsync(resident);
        await DescribeAsync(resident);
        await (evidence ?? PhotoAndLocationAsync)(resident);
        await resident.SendText("Lanjut ›");
        await resident.WaitForText("Bagaimana identitas Anda ditangani?");
        await resident.Press(privacyLabel);
        await resident.WaitForText("Periksa pengaduan Anda");
        await resident.Press("Kirim ✓");
        var receipt = await resident.WaitForText("Nomor pelacakan");
        return TrackingNumber().Match(receipt.Text).Value;
    }

    /// <summary>A new resident consents and files a complaint as <see cref="FileAsync"/> does.</summary>
    public static async Task<(Resident Resident, string Number)> ConsentAndFileAsync(BotApiEmulator.BotApiEmulator emulator, long userId, string privacyLabel)
    {
        var resident = emulator.Resident(userId);
        await SurveyScript.ConsentAsync(resident);
        await resident.WaitForText("Unit layanan mana");
        return (resident, await FileAsync(resident, privacyLabel));
    }

    /// <summary>One photo and the location 2.9667, 99.8.</summary>
    public static async Task PhotoAndLocationAsync(Resident resident)
    {
        await resident.SendPhoto("loket");
        await resident.WaitForText("Foto 1 dari 3 diterima.");
        await resident.SendLocation(2.9667, 99.8);
        await resident.WaitForText("Lokasi diterima.");
    }

    /// <summary>/lapor and a category: a complaint draft is open, waiting for the unit.</summary>
    public static async Task OpenAsync(Resident resident)
    {
        await resident.SendText("/lapor");
        await resident.WaitForText("apa jenis masalahnya?");
        await resident.Press("Pungutan liar");
        await resident.WaitForText("Di unit layanan mana");
    }

    /// <summary>Disdukcapil and the story (about Rp100.000 at loket 2): the evidence step is showing.</summary>
    public static async Task DescribeAsync(Resident resident)
    {
        await resident.Press("Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)");
        await resident.WaitForText("Ceritakan apa yang terjadi");
        await resident.SendText("Di loket 2 saya diminta membayar Rp100.000 untuk mempercepat akta kelahiran.");
        await resident.WaitForText("Ada bukti?");
    }

    [GeneratedRegex("ADU-[0-9]{4}-[0-9A-Z]{5}")]
    private static partial Regex TrackingNumber();
}

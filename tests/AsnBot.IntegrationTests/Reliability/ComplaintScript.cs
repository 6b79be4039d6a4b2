using System.Text.RegularExpressions;
using AsnBot.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>What a consented resident does in Telegram to file a complaint, step by step.</summary>
internal static partial class ComplaintScript
{
    /// <summary>Files a complaint about Disdukcapil with one photo and a location; returns its tracking number.</summary>
    public static async Task<string> FileAsync(Resident resident, string privacyLabel)
    {
        await OpenAsync(resident);
        await resident.Press("Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)");
        await resident.WaitForText("Ceritakan apa yang terjadi");
        await resident.SendText("Di loket 2 saya diminta membayar Rp100.000 untuk mempercepat akta kelahiran.");
        await resident.WaitForText("Ada bukti?");
        await resident.SendPhoto("loket");
        await resident.WaitForText("Foto 1 dari 3 diterima.");
        await resident.SendLocation(2.9667, 99.8);
        await resident.WaitForText("Lokasi diterima.");
        await resident.SendText("Lanjut ›");
        await resident.WaitForText("Bagaimana identitas Anda ditangani?");
        await resident.Press(privacyLabel);
        await resident.WaitForText("Periksa pengaduan Anda");
        await resident.Press("Kirim ✓");
        var receipt = await resident.WaitForText("Nomor pelacakan");
        return TrackingNumber().Match(receipt.Text).Value;
    }

    /// <summary>/lapor and a category: a complaint draft is open, waiting for the unit.</summary>
    public static async Task OpenAsync(Resident resident)
    {
        await resident.SendText("/lapor");
        await resident.WaitForText("apa jenis masalahnya?");
        await resident.Press("Pungutan liar");
        await resident.WaitForText("Di unit layanan mana");
    }

    [GeneratedRegex("ADU-[0-9]{4}-[0-9A-Z]{5}")]
    private static partial Regex TrackingNumber();
}

using System.Globalization;
using AsnBot.BotApiEmulator;
using AsnBot.Data;
using Dapper;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Support;

/// <summary>Residents to invite, and what an admin does in Telegram to send an invitation to all of them.</summary>
public static class BroadcastScript
{
    public const string Invitation = "Undangan Survei Kepuasan Masyarakat";

    /// <summary>Residents who consented earlier (rows as the bot stores them), each with a private chat in the emulator.</summary>
    public static void Seed(Emulator emulator, SqlDatabase database, long firstId, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => firstId + i).ToList();
        ids.ForEach(id => emulator.Resident(id));
        using var work = database.Begin();
        work.Connection.Execute(
            "INSERT INTO resident (user_id, chat_id, language, consent_version, consented_at) VALUES (@id, @id, 'id', '2026-11-b', '2026-11-01 00:00:00+00:00')",
            ids.Select(id => new { id }), work.Transaction);
        work.Commit();
    }

    /// <summary>/siaran → everyone → preview (checking the count, when given) → send.</summary>
    public static async Task StartAsync(Resident admin, int? expected = null, TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(20);
        await admin.SendText("/siaran");
        var audience = await admin.WaitForText("Kirim kepada siapa?", wait);
        await admin.PressRaw(audience.MessageId, audience.InlineKeyboard[0][0].CallbackData!);
        var preview = await admin.WaitForText("Pratinjau undangan", wait);
        if (expected is { } count)
        {
            Assert.Contains($"Penerima: {count.ToString("N0", new NumberFormatInfo { NumberGroupSeparator = "\u00a0" })} warga", preview.Text, StringComparison.Ordinal);
        }

        await admin.PressRaw(preview.MessageId, preview.InlineKeyboard[0][0].CallbackData!);
        await admin.WaitForText("Siaran dimulai", wait);
    }

    /// <summary>How many invitations each of the residents received.</summary>
    public static List<int> Received(Emulator emulator, long firstId, int count) =>
        [.. Enumerable.Range(0, count).Select(i => emulator.Resident(firstId + i).Messages.Count(m => m.Text.Contains(Invitation, StringComparison.Ordinal)))];
}

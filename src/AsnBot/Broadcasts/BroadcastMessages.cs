using System.Globalization;
using AsnBot.Complaints;
using AsnBot.Data.Broadcasts;
using AsnBot.Data.Rounds;
using AsnBot.Engine;
using AsnBot.Survey;
using AsnBot.Texts;

namespace AsnBot.Broadcasts;

/// <summary>What a broadcast shows: the invitation or reminder residents get, and the admin's progress message.</summary>
public sealed class BroadcastMessages(TextCatalog texts, SurveyOptions survey)
{
    private static readonly NumberFormatInfo Grouped = new() { NumberGroupSeparator = "\u00a0", NumberDecimalDigits = 0 };

    /// <summary>The message a recipient gets, in their language, with the button that opens the survey.</summary>
    public SendText ForResident(BroadcastRow broadcast, RoundRow round, long chatId, Language language)
    {
        var unit = broadcast.UnitCode is { } code ? survey.Units.FirstOrDefault(u => u.Code == code)?.Name : null;
        var closes = round.ClosesAt.ToOffset(WorkingDays.Wib).AddTicks(-1).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
        var key = broadcast.Kind == BroadcastKind.Reminder ? "reminder.text" : "invitation.text";
        var text = texts.Format(language, key, round.Name, unit ?? texts.Get(language, "invitation.anyUnit"), closes);
        var button = new Button(texts.Get(language, "invitation.button"), BroadcastButtons.InvitationData(round.Code, broadcast.UnitCode));
        return new SendText(chatId, text, new Keyboard([[button]]));
    }

    /// <summary>"Terkirim 1 234 / 10 000 · 12 % · gagal 3 · diblokir 17 · sisa ~4 menit", with the broadcast's title and state.</summary>
    public string Progress(BroadcastRow broadcast, RoundRow? round, RecipientCounts counts, DateTimeOffset now, double allowedPerSecond)
    {
        var t = Language.Id;
        var title = texts.Format(t, broadcast.Kind == BroadcastKind.Reminder ? "broadcast.titleReminder" : "broadcast.titleInvitation",
            round?.Name ?? broadcast.RoundCode, Audience(broadcast));
        var percent = counts.Total == 0 ? 100 : (int)Math.Floor(100.0 * counts.Done / counts.Total);
        var line = texts.Format(t, "broadcast.progress", N(counts.Sent), N(counts.Total), percent, N(counts.Failed), N(counts.Blocked));
        if (counts.Skipped > 0)
        {
            line += texts.Format(t, "broadcast.skipped", N(counts.Skipped));
        }

        if (broadcast.Status == BroadcastStatus.Running && counts.Pending > 0)
        {
            line += Remaining(counts, (now - broadcast.CreatedAt).TotalSeconds, allowedPerSecond);
        }

        return $"{title}\n{line}\n{texts.Get(t, $"broadcast.status.{broadcast.Status}")}";
    }

    /// <summary>The message after a broadcast ended: what reached whom, and how long it took.</summary>
    public string Summary(BroadcastRow broadcast, RoundRow? round, RecipientCounts counts, DateTimeOffset now)
    {
        var title = texts.Format(Language.Id, broadcast.Kind == BroadcastKind.Reminder ? "broadcast.titleReminder" : "broadcast.titleInvitation",
            round?.Name ?? broadcast.RoundCode, Audience(broadcast));
        var key = broadcast.Status == BroadcastStatus.Cancelled ? "broadcast.summaryCancelled" : "broadcast.summaryDone";
        return texts.Format(Language.Id, key, title, N(counts.Sent), N(counts.Total), N(counts.Failed), N(counts.Blocked), N(counts.Skipped), N(counts.Pending), Duration(now - broadcast.CreatedAt));
    }

    /// <summary>Pause or resume, and cancel, while the broadcast is not over.</summary>
    public Keyboard? ProgressButtons(BroadcastRow broadcast) => broadcast.Status switch
    {
        BroadcastStatus.Running => new Keyboard([[
            new Button(texts.Get(Language.Id, "broadcast.pause"), BroadcastButtons.Of(BroadcastButtons.Pause, Id(broadcast))),
            new Button(texts.Get(Language.Id, "broadcast.cancel"), BroadcastButtons.Of(BroadcastButtons.Cancel, Id(broadcast)))]]),
        BroadcastStatus.Paused => new Keyboard([[
            new Button(texts.Get(Language.Id, "broadcast.resume"), BroadcastButtons.Of(BroadcastButtons.Resume, Id(broadcast))),
            new Button(texts.Get(Language.Id, "broadcast.cancel"), BroadcastButtons.Of(BroadcastButtons.Cancel, Id(broadcast)))]]),
        _ => null,
    };

    public string Audience(BroadcastRow broadcast) => broadcast.UnitCode is { } code
        ? texts.Format(Language.Id, "broadcast.audienceUnit", survey.Units.FirstOrDefault(u => u.Code == code)?.Name ?? code)
        : texts.Get(Language.Id, "broadcast.audienceAll");

    /// <summary>Numbers the way the progress message shows them: "10 000".</summary>
    public static string N(int value) => value.ToString("N0", Grouped);

    /// <summary>"3 detik" under a minute, "4 menit" from then on (rounded up, as the remaining time is).</summary>
    private string Duration(TimeSpan took) => took < TimeSpan.FromMinutes(1)
        ? texts.Format(Language.Id, "broadcast.seconds", N(Math.Max(1, (int)Math.Ceiling(took.TotalSeconds))))
        : texts.Format(Language.Id, "broadcast.minutes", N((int)Math.Ceiling(took.TotalMinutes)));

    private string Remaining(RecipientCounts counts, double elapsedSeconds, double allowedPerSecond)
    {
        // The rate so far once there is one to speak of; the allowed rate before that.
        var rate = counts.Done >= 10 && elapsedSeconds > 1 ? counts.Done / elapsedSeconds : allowedPerSecond;
        var minutes = (int)Math.Ceiling(counts.Pending / Math.Max(rate, 0.01) / 60);
        return minutes <= 1
            ? texts.Get(Language.Id, "broadcast.etaUnderMinute")
            : texts.Format(Language.Id, "broadcast.eta", N(minutes));
    }

    private static string Id(BroadcastRow broadcast) => broadcast.Id.ToString(CultureInfo.InvariantCulture);
}

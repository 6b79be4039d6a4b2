using AsnBot.Broadcasts;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Broadcasts;

public sealed class BroadcastTests : IDisposable
{
    private const string Invitation = "Undangan Survei Kepuasan Masyarakat";
    private readonly BotHarness _bot = new(broadcasts: new BroadcastOptions { ReminderAfter = TimeSpan.FromDays(3), MaxReminders = 2, QueueAheadSeconds = 0.01 });
    private readonly TestAdmin _admin;

    public BroadcastTests() => _admin = _bot.Actor(TestUnits.AdminId, TestUnits.AdminId);

    [Fact]
    public async Task PreviewThenConfirm_InvitesEverySubscribedResidentExactlyOnce_AndReportsProgress()
    {
        var residents = await Residents(1, 2, 3, 4);
        await residents[3].Command("berhenti");
        await _bot.Resident(5).CompleteSurvey("RSUD Dr. Tengku Mansyur");

        await _admin.Command("siaran");
        await _admin.PressLabel("semua warga · 3");
        Assert.Contains("Penerima: 3 warga", _admin.Last.Text, StringComparison.Ordinal);
        Assert.Contains(Invitation, _admin.Last.Text, StringComparison.Ordinal);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM broadcast"));
        await _admin.PressLabel("Kirim ke 3 warga");
        await TickUntilDone();

        foreach (var resident in residents.Take(3))
        {
            var invitation = Assert.Single(resident.Messages, m => m.Text.Contains(Invitation, StringComparison.Ordinal));
            Assert.Equal("Isi survei", Assert.Single(invitation.Buttons).Label);
        }

        Assert.DoesNotContain(residents[3].Messages, m => m.Text.Contains(Invitation, StringComparison.Ordinal));
        Assert.DoesNotContain(_bot.Resident(5).Messages, m => m.Text.Contains(Invitation, StringComparison.Ordinal));
        var progress = Assert.Single(_admin.Messages, m => m.Text.StartsWith("Undangan «Semester II 2026»", StringComparison.Ordinal));
        Assert.Contains("Terkirim 3 / 3 · 100 % · gagal 0 · diblokir 0", progress.Text, StringComparison.Ordinal);
        Assert.Contains("Status: selesai", progress.Text, StringComparison.Ordinal);
        Assert.True(progress.Edits > 0);
        Assert.Contains("Siaran selesai", _admin.Last.Text, StringComparison.Ordinal);
        Assert.Equal(3, _bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'sent'"));

        // A second invitation to the round finds nobody left: nobody is invited twice.
        await _admin.Command("siaran");
        await _admin.PressLabel("semua warga · 0");
        Assert.Contains("Tidak ada penerima", _admin.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInvitationButton_OpensTheSurvey_AndAUnitInvitationReachesOnlyThatUnitsUsers()
    {
        var rsudUser = await Consented(1);
        await rsudUser.FileComplaint(unit: "RSUD Dr. Tengku Mansyur");
        var other = await Consented(2);

        await _admin.Command("siaran");
        await _admin.PressLabel("RSUD Dr. Tengku Mansyur · 1");
        await _admin.PressLabel("Kirim ke 1 warga");
        await TickUntilDone();

        Assert.DoesNotContain(other.Messages, m => m.Text.Contains(Invitation, StringComparison.Ordinal));
        Assert.Contains("tentang RSUD Dr. Tengku Mansyur", rsudUser.Messages.Single(m => m.Text.Contains(Invitation, StringComparison.Ordinal)).Text, StringComparison.Ordinal);
        await rsudUser.Press("Isi survei");
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM response WHERE resident_id = 1 AND unit_code = 'RSUD' AND round_code = @round AND status = 'draft'", new { round = TestUnits.Round }));
        Assert.Contains(rsudUser.Last.Buttons, b => b.Label == "Lewati");
    }

    [Fact]
    public async Task PauseStopsSending_ResumeGoesOn_CancelLeavesTheRestUnsent()
    {
        await Residents([.. Enumerable.Range(1, 60).Select(i => (long)i)]);
        await _admin.Command("siaran");
        await _admin.PressLabel("semua warga");
        await _admin.PressLabel("Kirim ke 60 warga");
        await _bot.TickBroadcasts();
        var sentBeforePause = SentCount();
        Assert.InRange(sentBeforePause, 1, 59);

        await _admin.PressLabel("⏸ Jeda");
        Assert.Contains("Status: dijeda", Progress().Text, StringComparison.Ordinal);
        await _bot.TickBroadcasts();
        await _bot.TickBroadcasts();
        Assert.Equal(sentBeforePause, SentCount());
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM outbox WHERE broadcast_id IS NOT NULL"));

        await _admin.PressLabel("▶ Lanjutkan");
        await _bot.TickBroadcasts();
        var sentAfterResume = SentCount();
        Assert.True(sentAfterResume > sentBeforePause);

        await _admin.PressLabel("✖ Batalkan");
        await _bot.TickBroadcasts();
        Assert.Equal(sentAfterResume, SentCount());
        Assert.Contains("Status: dibatalkan", Progress().Text, StringComparison.Ordinal);
        Assert.Contains("Siaran dibatalkan", _admin.Last.Text, StringComparison.Ordinal);
        Assert.Equal(60 - sentAfterResume, _bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'pending'"));
        Assert.Equal(sentAfterResume, InvitationsReceived());
    }

    [Fact]
    public async Task Reminders_GoToThoseInvitedWhoHaveNotAnswered_AfterTheConfiguredDays_AtMostTwice()
    {
        var residents = await Residents(1, 2, 3);
        await _admin.Command("siaran");
        await _admin.PressLabel("semua warga");
        await _admin.PressLabel("Kirim ke 3 warga");
        await TickUntilDone();
        await residents[0].Press("Isi survei");
        await residents[0].Press("RSUD Dr. Tengku Mansyur");
        for (var i = 0; i < 4; i++)
        {
            await residents[0].Press("Lewati");
        }

        await residents[0].AnswerElements(4);
        await residents[0].Press("Lewati");
        await residents[0].Press("Kirim ✓");
        await residents[2].Command("berhenti");

        _bot.Clock.Advance(TimeSpan.FromDays(2));
        await TickUntilDone();
        Assert.Equal(0, Reminders(residents[1]));

        for (var day = 0; day < 10; day++)
        {
            _bot.Clock.Advance(TimeSpan.FromDays(1));
            await TickUntilDone();
        }

        Assert.Equal(0, Reminders(residents[0]));
        Assert.Equal(2, Reminders(residents[1]));
        Assert.Equal(0, Reminders(residents[2]));
        Assert.Equal(2, _bot.Database.Count("SELECT COUNT(*) FROM broadcast WHERE kind = 'reminder'"));
    }

    [Fact]
    public async Task ABlockedResident_IsMarked_AndSkippedByTheNextBroadcast()
    {
        var residents = await Residents(1, 2);
        _bot.Transcript.Block(2);
        await _admin.Command("siaran");
        await _admin.PressLabel("semua warga");
        await _admin.PressLabel("Kirim ke 2 warga");
        await TickUntilDone();

        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'blocked' AND user_id = 2"));
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM resident WHERE blocked_at IS NOT NULL AND user_id = 2"));
        Assert.Contains("diblokir 1", Progress().Text, StringComparison.Ordinal);
        Assert.Single(residents[0].Messages, m => m.Text.Contains(Invitation, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ErasureWithdrawsAQueuedInvitation_AndLeavesNoRecipientRow()
    {
        var residents = await Residents(1, 2);
        await residents[1].Command("hapus");
        await _admin.Command("siaran");
        await _admin.PressLabel("semua warga");
        await _admin.PressLabel("Kirim ke 2 warga");
        _bot.Processor.Run(_bot.Scheduler.Run);
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM outbox WHERE broadcast_id IS NOT NULL AND chat_id = 2"));

        // The confirmation is handled before anything queued is sent.
        await residents[1].Press("Ya, hapus data saya");
        await TickUntilDone();

        Assert.DoesNotContain(residents[1].Messages, m => m.Text.Contains(Invitation, StringComparison.Ordinal));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE user_id = 2"));
        Assert.Single(residents[0].Messages, m => m.Text.Contains(Invitation, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABroadcastStillRunningWhenItsRoundCloses_StopsThere()
    {
        await Residents([.. Enumerable.Range(1, 30).Select(i => (long)i)]);
        await _admin.Command("siaran");
        await _admin.PressLabel("semua warga");
        await _admin.PressLabel("Kirim ke 30 warga");
        await _bot.TickBroadcasts();
        var sent = SentCount();
        _bot.Clock.Advance(TimeSpan.FromDays(40));

        await TickUntilDone();

        Assert.Equal(sent, SentCount());
        Assert.Equal(sent, InvitationsReceived());
        Assert.Equal("cancelled", _bot.Database.Rows<string>("SELECT status FROM broadcast").Single());
        Assert.Contains("Siaran dibatalkan", _admin.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvitationPressedAfterTheRoundClosed_IsAnsweredPolitely()
    {
        var resident = (await Residents(1))[0];
        await _admin.Command("siaran");
        await _admin.PressLabel("semua warga");
        await _admin.PressLabel("Kirim ke 1 warga");
        await TickUntilDone();
        _bot.Clock.Advance(TimeSpan.FromDays(40));

        await resident.Press("Isi survei");

        Assert.Contains("survei pada undangan ini sudah ditutup", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM response WHERE status = 'draft'"));
    }

    [Fact]
    public async Task ForgedBroadcastButtons_FromResidentsOrForUnknownBroadcasts_DoNothing()
    {
        var resident = (await Residents(1))[0];
        await resident.PressData(null, "B:go/2026-TEST/");
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM broadcast"));

        await _admin.PressData(1, "B:cancel/999");
        await _admin.PressData(1, "B:go/no-such-round/");
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM broadcast"));
        Assert.Contains(_bot.Transcript.Answers, a => a.Text == _bot.Texts.Get(AsnBot.Texts.Language.Id, "broadcast.roundNotOpen"));
    }

    private async Task<TestResident[]> Residents(params long[] ids)
    {
        var residents = new List<TestResident>();
        foreach (var id in ids)
        {
            residents.Add(await Consented(id));
        }

        return [.. residents];
    }

    private async Task<TestResident> Consented(long id)
    {
        var resident = await _bot.Resident(id).Consent();
        return resident;
    }

    private async Task TickUntilDone()
    {
        for (var i = 0; i < 10; i++)
        {
            await _bot.TickBroadcasts();
            _bot.Clock.Advance(TimeSpan.FromSeconds(11));
        }
    }

    private int SentCount() => (int)_bot.Database.Count("SELECT COUNT(*) FROM broadcast_recipient WHERE state = 'sent'");

    private int InvitationsReceived() => _bot.Transcript.AllMessages().Count(m => m.Message.Text.Contains(Invitation, StringComparison.Ordinal));

    private static int Reminders(TestResident resident) => resident.Messages.Count(m => m.Text.StartsWith("Pengingat:", StringComparison.Ordinal));

    private ShownMessage Progress() => _admin.Messages.Last(m => m.Text.StartsWith("Undangan «", StringComparison.Ordinal));

    public void Dispose() => _bot.Dispose();
}

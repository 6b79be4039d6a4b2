using System.Globalization;
using AsnBot.Data.Broadcasts;
using AsnBot.Data.Rounds;
using AsnBot.Engine;
using AsnBot.Rounds;
using AsnBot.Survey;
using AsnBot.Texts;

namespace AsnBot.Broadcasts;

/// <summary>
/// /siaran: round → audience (everyone, or those who used a unit) → preview with the recipient count →
/// explicit "send". Then the progress message with pause / resume / cancel. The choices travel in the
/// buttons; nothing is stored until the admin confirms.
/// </summary>
internal sealed class BroadcastDesk(Turn turn, BroadcastScheduler scheduler, BroadcastMessages messages, IReadOnlyList<ServiceUnit> units)
{
    private readonly IBroadcastStore _store = turn.Work.Broadcasts;

    private RoundCalendar? _calendar;

    private RoundCalendar Calendar => _calendar ??= RoundCalendar.Load(turn.Work, turn.Now);

    public void Start()
    {
        var open = Calendar.Open.ToList();
        switch (open.Count)
        {
            case 0:
                turn.Send(turn.Text("broadcast.noOpenRound"));
                return;
            case 1:
                ShowAudiences(open[0]);
                return;
            default:
                turn.Send(turn.Text("broadcast.chooseRound"), new Keyboard([
                    .. open.Select(r => (IReadOnlyList<Button>)[new Button(r.Name, BroadcastButtons.Of(BroadcastButtons.PickRound, r.Code))])]));
                return;
        }
    }

    public void Press(ButtonPress press)
    {
        var parts = press.Argument.Split('/');
        var verb = parts[0];
        var argument = parts.ElementAtOrDefault(1) ?? string.Empty;
        var unit = parts.ElementAtOrDefault(2) is { Length: > 0 } u ? u : null;
        turn.MayEditPressedMessage = true;
        switch (verb)
        {
            case BroadcastButtons.PickRound or BroadcastButtons.PickAudience or BroadcastButtons.Send
                when Calendar.Find(argument) is not { } round || !round.IsOpen(turn.Now) || (unit is not null && !round.Covers(unit)):
                turn.AnswerButton(turn.Text("broadcast.roundNotOpen"));
                return;
            case BroadcastButtons.PickRound:
                turn.AnswerButton();
                ShowAudiences(Calendar.Find(argument)!);
                return;
            case BroadcastButtons.PickAudience:
                turn.AnswerButton();
                Preview(Calendar.Find(argument)!, unit);
                return;
            case BroadcastButtons.Send:
                Send(Calendar.Find(argument)!, unit);
                return;
            case BroadcastButtons.Discard:
                turn.AnswerButton();
                turn.Show(turn.Text("broadcast.discarded"));
                return;
            case BroadcastButtons.Pause or BroadcastButtons.Resume or BroadcastButtons.Cancel
                when long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && _store.Find(id) is { } broadcast:
                Control(verb, broadcast);
                return;
            default:
                turn.AnswerButton(turn.Text("button.invalid"));
                return;
        }
    }

    private void ShowAudiences(RoundRow round)
    {
        var rows = new List<IReadOnlyList<Button>>
        {
            new[] { AudienceButton(round, unit: null, turn.Text("broadcast.audienceAll")) },
        };
        rows.AddRange(units.Where(u => round.Covers(u.Code)).Select(u => (IReadOnlyList<Button>)[AudienceButton(round, u.Code, u.Name)]));
        turn.Show(turn.Text("broadcast.chooseAudience", round.Name), new Keyboard(rows));
    }

    private Button AudienceButton(RoundRow round, string? unit, string label) =>
        new($"{label} · {BroadcastMessages.N(_store.CountInvitationRecipients(round.Code, unit))}", BroadcastButtons.Of(BroadcastButtons.PickAudience, round.Code, unit));

    private void Preview(RoundRow round, string? unit)
    {
        var count = _store.CountInvitationRecipients(round.Code, unit);
        var audience = Audience(unit);
        if (count == 0)
        {
            turn.Show(turn.Text("broadcast.nobody", round.Name, audience));
            return;
        }

        var sample = messages.ForResident(Draft(round, unit), round, turn.Inbound.ChatId, Language.Id);
        turn.Show(turn.Text("broadcast.preview", round.Name, audience, BroadcastMessages.N(count), sample.Text), new Keyboard([
            [new Button(turn.Text("broadcast.send", BroadcastMessages.N(count)), BroadcastButtons.Of(BroadcastButtons.Send, round.Code, unit))],
            [new Button(turn.Text("broadcast.discard"), BroadcastButtons.Of(BroadcastButtons.Discard))],
        ]));
    }

    private void Send(RoundRow round, string? unit)
    {
        // Counted again now: a second press (or residents invited meanwhile) finds nobody left to invite.
        if (_store.CountInvitationRecipients(round.Code, unit) == 0)
        {
            turn.AnswerButton(turn.Text("broadcast.nobodyShort"));
            turn.Show(turn.Text("broadcast.nobody", round.Name, Audience(unit)));
            return;
        }

        var broadcast = _store.StartInvitation(round.Code, unit, turn.Inbound.ChatId, turn.Now);
        turn.AnswerButton(turn.Text("broadcast.startedShort"));
        turn.Show(turn.Text("broadcast.started", round.Name, Audience(unit), BroadcastMessages.N(broadcast.Total)));
        turn.Add(scheduler.ProgressMessage(_store, broadcast, round, turn.Now));
    }

    private void Control(string verb, BroadcastRow broadcast)
    {
        var changed = verb switch
        {
            BroadcastButtons.Pause => _store.ChangeStatus(broadcast.Id, BroadcastStatus.Running, BroadcastStatus.Paused),
            BroadcastButtons.Resume => _store.ChangeStatus(broadcast.Id, BroadcastStatus.Paused, BroadcastStatus.Running),
            _ => _store.Finish(broadcast.Id, BroadcastStatus.Cancelled, turn.Now),
        };
        if (!changed)
        {
            turn.AnswerButton(turn.Text("broadcast.notNow", turn.Text($"broadcast.status.{broadcast.Status}")));
            return;
        }

        if (verb != BroadcastButtons.Resume)
        {
            // What is queued goes back to pending: nothing more leaves until resumed (or ever, when cancelled).
            _store.Unqueue(broadcast.Id);
        }

        var now = _store.Find(broadcast.Id)!;
        var round = Calendar.Find(now.RoundCode);
        var counts = _store.Counts(now.Id);
        var text = messages.Progress(now, round, counts, turn.Now, scheduler.AllowedPerSecond);
        _store.SetProgress(now.Id, text, turn.Now);
        turn.AnswerButton(turn.Text($"broadcast.status.{now.Status}"));
        turn.Show(text, messages.ProgressButtons(now));
        if (now.Status == BroadcastStatus.Cancelled)
        {
            turn.Send(messages.Summary(now, round, counts, turn.Now));
        }
    }

    private string Audience(string? unit) => messages.Audience(Draft(null, unit));

    /// <summary>A broadcast not yet stored, for previews.</summary>
    private static BroadcastRow Draft(RoundRow? round, string? unit) => new()
    {
        Id = 0,
        RoundCode = round?.Code ?? string.Empty,
        Kind = BroadcastKind.Invitation,
        UnitCode = unit,
        Status = BroadcastStatus.Running,
        AdminChatId = 0,
        Total = 0,
        CreatedAt = DateTimeOffset.MinValue,
    };
}

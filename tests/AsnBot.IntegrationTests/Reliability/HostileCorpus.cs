using System.Globalization;
using System.Text.Json.Nodes;
using AsnBot.BotApiEmulator;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// Builds the hostile corpus for a set of targets, each entry with the reply it is due. Residents' replies follow
/// what the bot promises: a clear notice plus the current step again where they were expected to act, the
/// unknown-command answer for commands that do not exist (admin ones included), and nothing at all for update
/// kinds the bot does not handle, for messages in groups and channels, and for commands meant for another bot.
/// </summary>
internal sealed class HostileCorpus(Emulator emulator)
{
    private readonly List<CorpusEntry> _entries = [];

    public IReadOnlyList<CorpusEntry> Entries => _entries;

    /// <summary>A consented resident waiting at element question <paramref name="question"/> (a button question).</summary>
    public void MidSurvey(Resident resident, int question)
    {
        var again = Said.Question(question);
        var step = CurrentStep(resident);
        Texts(resident, Expect.Say(Said.Together(Said.PressButton, again)));
        Media(resident, Expect.Say(Said.Together(Said.Unsupported, again)));
        Commands(resident, unknown: Expect.Say(Said.UnknownCommand), badEntity: Expect.Say(Said.Together(Said.PressButton, again)));
        UnknownButtons(resident, Expect.Press(Said.ButtonInvalid));
        Add("admin button", resident, Expect.Press(Said.UnknownCommand), () => resident.PressRaw(resident.LastMessage.MessageId, HostileInputs.AdminButton));
        Add("survey button of step 1", resident, Expect.Press(Said.ButtonStale, again), () => resident.PressRaw(resident.LastMessage.MessageId, HostileInputs.StaleAnswer));
        Add("answer code 9 at the current step", resident, Expect.Press(Said.ButtonInvalid, Said.Together(Said.ButtonInvalid, again)), () => resident.PressRaw(resident.LastMessage.MessageId, $"a:{step}:9"));
        Add("confirm-resolved of a complaint that does not exist", resident, Expect.Press(Said.ButtonStale), () => resident.PressRaw(resident.LastMessage.MessageId, "Rs:999999-1"));
        Add("button on a message that does not exist", resident, Expect.Press(Said.ButtonStale, again), () => resident.PressRaw(987_654, HostileInputs.StaleAnswer));
        Add("inline-mode press without a message", resident, Expect.Press(Said.ButtonStale, again), () => Task.FromResult(emulator.PressWithoutMessage(resident, HostileInputs.StaleAnswer)));
        Add("game button without data", resident, Expect.Press(Said.ButtonInvalid), () => Task.FromResult(emulator.PressWithoutMessage(resident, null, "asn_game")));
        Unhandled(resident);
    }

    /// <summary>Someone who never consented: nothing about them may be stored, whatever they send.</summary>
    public void Stranger(Resident stranger)
    {
        var consent = Expect.Say(Said.Together(Said.ConsentRequired, Said.Notice));
        Texts(stranger, consent);
        Media(stranger, consent);
        Commands(stranger, unknown: Expect.Say(Said.UnknownCommand), badEntity: consent);
        Add("/hapus", stranger, Expect.Say(Said.NoData), () => stranger.SendText("/hapus"));
        Add("/datasaya", stranger, Expect.Say(Said.NoData), () => stranger.SendText("/datasaya"));
        Add("/start with a SQL-looking deep link", stranger, Expect.Say(Said.Notice), () => stranger.SendText("/start u_'OR'1'='1"));
        Add("/start with a 4000-character deep link", stranger, Expect.Say(Said.Notice), () => stranger.SendText("/start u_" + new string('A', 4000)));
        UnknownButtons(stranger, Expect.Press(Said.ConsentRequired, Said.Notice));
        Add("admin button", stranger, Expect.Press(Said.UnknownCommand), () => stranger.PressRaw(1, HostileInputs.AdminButton));
        Add("survey button from before consent", stranger, Expect.Press(Said.ConsentRequired, Said.Notice), () => stranger.PressRaw(1, HostileInputs.StaleAnswer));
        Unhandled(stranger);
    }

    /// <summary>A resident who submitted a survey and has nothing open; <paramref name="oldButtons"/> are the survey buttons they were shown.</summary>
    public void Finished(Resident resident, IReadOnlyList<string> oldButtons)
    {
        var message = resident.Messages[0].MessageId;
        foreach (var data in oldButtons)
        {
            Add($"old survey button {data}", resident, Expect.Press(Said.ButtonStale, Said.Menu), () => resident.PressRaw(message, data));
        }

        foreach (var (name, text) in HostileInputs.Texts.Take(8))
        {
            Add(name, resident, Expect.Say(Said.Menu), () => resident.SendText(text));
        }

        Add("sticker", resident, Expect.Say(Said.Menu), resident.SendSticker);
        Add("admin button", resident, Expect.Press(Said.UnknownCommand), () => resident.PressRaw(message, HostileInputs.AdminButton));
    }

    /// <summary>A press on someone else's private chat: Telegram never sends it, so it must change nothing there.</summary>
    public void ForeignPress(Resident presser, Resident owner, string label)
    {
        var question = owner.LastMessage;
        var data = question.Buttons.First(b => b.Text == label).CallbackData!;
        Add($"press of {label} on user {owner.UserId}'s question", presser, Expect.Nothing, () => Task.FromResult(emulator.PressAs(presser, owner, question.MessageId, data)));
    }

    /// <summary>A non-admin in an ordinary group: residents use private chats, so nothing here is answered.</summary>
    public void Group(Resident member)
    {
        foreach (var (name, text) in HostileInputs.Texts.Take(6))
        {
            Add($"group: {name}", member, Expect.Nothing, () => member.SendText(text));
        }

        foreach (var command in new[] { "/start", "/lapor", "/foo", "/hapus", "/datasaya", "/start@asnbot_test_bot", "/bantuan@asnbot_test_bot" })
        {
            Add($"group: {command}", member, Expect.Nothing, () => member.SendText(command));
        }

        Add("group: sticker", member, Expect.Nothing, member.SendSticker);
        Add("group: photo", member, Expect.Nothing, () => member.SendPhoto("<b>foto</b>"));
        Add("group: bot added", member, Expect.Nothing, () => Task.FromResult(emulator.EnqueueRaw(member, "message", c =>
        {
            var m = c.Message();
            m["new_chat_members"] = new JsonArray(c.Bot.DeepClone());
            return m;
        })));
        Add("group: member left", member, Expect.Nothing, () => Task.FromResult(emulator.EnqueueRaw(member, "message", c =>
        {
            var m = c.Message();
            m["left_chat_member"] = c.User.DeepClone();
            return m;
        })));
        Add("group: migrated to a supergroup", member, Expect.Nothing, () => Task.FromResult(emulator.EnqueueRaw(member, "message", c =>
        {
            var m = c.Message();
            m["migrate_to_chat_id"] = -1_001_234_567_890L;
            return m;
        })));
        Add("group: survey button on an inaccessible message", member, Expect.Nothing, () => member.PressRaw(1, HostileInputs.StaleAnswer));
        Add("group: reaction", member, Expect.Nothing, () => Task.FromResult(emulator.EnqueueRaw(member, HostileInputs.UnhandledUpdates[3].Kind, HostileInputs.UnhandledUpdates[3].Build)));
    }

    /// <summary>
    /// A non-admin in the admin group: their chatter and every command (admin or not) are ignored without a
    /// word (replies would spend the group's 20 messages a minute), and every admin button gets the
    /// unknown-command answer.
    /// </summary>
    public void AdminGroupNonAdmin(Resident member)
    {
        foreach (var (name, text) in HostileInputs.Texts.Skip(18).Take(6))
        {
            Add($"admin group: {name}", member, Expect.Nothing, () => member.SendText(text));
        }

        Add("admin group: sticker", member, Expect.Nothing, member.SendSticker);
        Add("admin group: reply to a message that is no post", member, Expect.Nothing, () => member.SendReply("Ditolak saja", 1));
        foreach (var command in new[] { "/aduan", "/aduan ADU-2026-AAAAA", "/ekspor csv", "/ekspor pengaduan json", "/laporan 2026-IT RSUD", "/foo", "/start" })
        {
            Add($"admin group: {command}", member, Expect.Nothing, () => member.SendText(command));
        }

        foreach (var code in new[] { "v", "t", "n", "p", "s", "b" })
        {
            Add($"admin group: admin button {code}", member, Expect.Press(Said.UnknownCommand), () => member.PressRaw(1, $"A:0:1-{code}"));
        }
    }

    /// <summary>Channel posts: never answered.</summary>
    public void Channel(Resident channel)
    {
        foreach (var text in new[] { "/start", "/aduan", "'; DROP TABLE resident; --" })
        {
            Add($"channel post {text}", channel, Expect.Nothing, () => Task.FromResult(emulator.ChannelPost(channel, text)));
        }

        Add("edited channel post", channel, Expect.Nothing, () => Task.FromResult(emulator.ChannelPost(channel, "/hapus", "edited_channel_post")));
    }

    private void Texts(Resident target, Expect expect)
    {
        foreach (var (name, text) in HostileInputs.Texts)
        {
            Add(name, target, expect, () => target.SendText(text));
        }

        Add("forwarded text", target, expect, () => Task.FromResult(emulator.SendRawMessage(target, m =>
        {
            m["text"] = "Diteruskan: <b>penting</b>";
            m["forward_origin"] = new JsonObject { ["type"] = "hidden_user", ["sender_user_name"] = "'; --", ["date"] = 1_700_000_000 };
        })));
    }

    private void Media(Resident target, Expect expect)
    {
        Add("sticker", target, expect, target.SendSticker);
        Add("photo", target, expect, () => target.SendPhoto());
        Add("photo with a 1024-character caption", target, expect, () => target.SendPhoto(new string('c', 1024)));
        Add("voice", target, expect, target.SendVoice);
        Add("location", target, expect, () => target.SendLocation(2.9667, 99.8));
        Add("contact", target, expect, () => target.SendContact("+6281234567890"));
        foreach (var (name, fill) in HostileInputs.RawMedia)
        {
            Add(name, target, expect, () => Task.FromResult(emulator.SendRawMessage(target, fill)));
        }
    }

    private void Commands(Resident target, Expect unknown, Expect badEntity)
    {
        Add("/foo", target, unknown, () => target.SendText("/foo"));
        Add("/DROP_TABLE", target, unknown, () => target.SendText("/DROP_TABLE answer"));
        Add("64-character command", target, unknown, () => target.SendText("/" + new string('k', 64)));
        Add("command entity on a lone slash", target, unknown, () => Task.FromResult(emulator.SendRawMessage(target, m => HostileInputs.Command(m, "/"))));
        Add("/start for another bot", target, Expect.Nothing, () => target.SendText("/start@OtherBot"));
        Add("/hapus for another bot", target, Expect.Nothing, () => target.SendText("/hapus@OtherBot"));
        Add("command entity longer than the text", target, badEntity, () => Task.FromResult(emulator.SendRawMessage(target, m => HostileInputs.Command(m, "/start", entityLength: 40))));
        Add("command entity on text without a slash", target, badEntity, () => Task.FromResult(emulator.SendRawMessage(target, m => HostileInputs.Command(m, "hapus"))));
    }

    private void UnknownButtons(Resident target, Expect expect)
    {
        foreach (var (name, data) in HostileInputs.UnknownButtons)
        {
            Add($"forged button: {name}", target, expect, () => target.PressRaw(target.Messages.Count > 0 ? target.LastMessage.MessageId : 1, data));
        }
    }

    private void Unhandled(Resident target)
    {
        foreach (var (name, kind, build) in HostileInputs.UnhandledUpdates)
        {
            Add(name, target, Expect.Nothing, () => Task.FromResult(emulator.EnqueueRaw(target, kind, build)));
        }
    }

    private void Add(string name, Resident target, Expect expect, Func<Task<long>> send) =>
        _entries.Add(new CorpusEntry($"{name} → chat {target.ChatId}", target, expect, send));

    /// <summary>The step number in the current question's buttons ("a:17:3" → 17).</summary>
    private static long CurrentStep(Resident resident) =>
        long.Parse(resident.LastMessage.Buttons.First(b => b.CallbackData!.StartsWith("a:", StringComparison.Ordinal)).CallbackData!.Split(':')[1], CultureInfo.InvariantCulture);
}

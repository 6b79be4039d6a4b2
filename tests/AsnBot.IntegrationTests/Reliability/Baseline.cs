using AsnBot.BotApiEmulator;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// What every target chat and user had before the corpus, so the replies that came after can be compared with the
/// replies that were due: exactly the expected messages (matched by fragment), no edits of earlier messages, and
/// exactly the expected button answers.
/// </summary>
internal sealed class Baseline
{
    private readonly Dictionary<long, (int Messages, int Edits, int Calls)> _chats = [];
    private readonly Dictionary<long, int> _answers = [];

    private Baseline()
    {
    }

    public static Baseline Take(Emulator emulator, IEnumerable<Resident> targets)
    {
        var baseline = new Baseline();
        foreach (var target in targets)
        {
            baseline._chats[target.ChatId] = (target.Messages.Count, emulator.CallsToChat(target.ChatId, "editMessageText"), emulator.CallsToChat(target.ChatId));
            baseline._answers[target.UserId] = target.CallbackAnswers.Count;
        }

        return baseline;
    }

    /// <summary>Every difference between what was due and what came, one line each; empty when they match.</summary>
    public IReadOnlyList<string> Check(Emulator emulator, IReadOnlyList<CorpusEntry> entries)
    {
        var verdicts = new List<string>();
        foreach (var chat in entries.GroupBy(e => e.Target.ChatId))
        {
            var target = chat.First().Target;
            var (messages, edits, calls) = _chats[chat.Key];
            var arrived = target.Messages.Skip(messages).Select(m => m.Text).ToList();
            var due = chat.SelectMany(e => e.Expect.Messages.Select(fragment => (Entry: e.Name, Fragment: fragment))).ToList();
            foreach (var (entry, fragment) in due)
            {
                var index = arrived.FindIndex(text => Said.In(text, fragment));
                if (index < 0)
                {
                    verdicts.Add($"Chat {chat.Key}: no reply containing \"{fragment}\" (due for {entry}).");
                }
                else
                {
                    arrived.RemoveAt(index);
                }
            }

            verdicts.AddRange(arrived.Select(text => $"Chat {chat.Key}: a reply nothing called for: \"{Shorten(text)}\"."));
            if (emulator.CallsToChat(chat.Key, "editMessageText") != edits)
            {
                verdicts.Add($"Chat {chat.Key}: an earlier message was edited.");
            }

            if (due.Count == 0 && emulator.CallsToChat(chat.Key) != calls)
            {
                verdicts.Add($"Chat {chat.Key}: the bot called the API for a chat that was due no reply.");
            }
        }

        foreach (var user in entries.GroupBy(e => e.Target.UserId))
        {
            var arrived = user.First().Target.CallbackAnswers.Skip(_answers[user.Key]).Select(a => a.Text).ToList();
            var due = user.Where(e => e.Expect.Answered).OrderBy(e => e.Expect.Answer is null).ToList();
            foreach (var entry in due)
            {
                var index = arrived.FindIndex(text => entry.Expect.Answer is null
                    ? text is null
                    : text?.Contains(entry.Expect.Answer, StringComparison.Ordinal) == true);
                if (index < 0)
                {
                    verdicts.Add($"User {user.Key}: no button answer \"{entry.Expect.Answer}\" (due for {entry.Name}).");
                }
                else
                {
                    arrived.RemoveAt(index);
                }
            }

            verdicts.AddRange(arrived.Select(text => $"User {user.Key}: a button answer nothing called for: \"{text}\"."));
        }

        return verdicts;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

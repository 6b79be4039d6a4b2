using System.Globalization;
using AsnBot.BotApiEmulator;
using AsnBot.Survey;

namespace AsnBot.Bench.Support;

/// <summary>
/// What one resident does to complete the SKM survey in Telegram: 18 updates, from /start through
/// consent, unit, the four profile questions, U1–U9 and the suggestion (skipped) to "Kirim".
/// Each move names the action and the text of the screen the bot must answer with.
/// </summary>
public static class SurveyWalk
{
    private static readonly SurveyDefinition Survey = SurveyLoader.LoadBuiltIn();
    private static readonly string[] Units = ["Puskesmas Datuk Bandar", "Puskesmas Teluk Nibung"];

    /// <summary>Updates one resident sends for one complete survey.</summary>
    public static int UpdatesPerSurvey => Steps(0).Count;

    /// <summary>The steps of resident number <paramref name="seed"/>; answers vary with it but are deterministic.</summary>
    public static IReadOnlyList<Move> Steps(int seed)
    {
        var steps = new List<Move>
        {
            new(r => r.SendText("/start"), "Apakah Anda setuju?"),
            new(r => r.Press("Setuju"), "Unit layanan mana"),
            new(r => r.Press(Units[seed % Units.Length]), "Profil responden (1 dari 4"),
        };
        var profile = Survey.Questions.Where(q => q.Group == QuestionGroup.Profile).ToList();
        for (var i = 0; i < profile.Count; i++)
        {
            var option = profile[i].Options[(seed + i) % profile[i].Options.Count];
            var next = i + 1 < profile.Count
                ? string.Create(CultureInfo.InvariantCulture, $"Profil responden ({i + 2} dari {profile.Count}")
                : "Pertanyaan 1 dari 9";
            steps.Add(new(r => r.Press(option.Label.Id), next));
        }

        var elements = Survey.Questions.Where(q => q.Group == QuestionGroup.Element).ToList();
        for (var i = 0; i < elements.Count; i++)
        {
            var option = elements[i].Options[(seed * 7 + i) % elements[i].Options.Count];
            var label = $"{option.Code} · {option.Label.Id}";
            var next = i + 1 < elements.Count
                ? string.Create(CultureInfo.InvariantCulture, $"Pertanyaan {i + 2} dari {elements.Count}")
                : "Langkah terakhir";
            steps.Add(new(r => r.Press(label), next));
        }

        steps.Add(new(r => r.Press("Lewati"), "Ringkasan jawaban Anda"));
        steps.Add(new(r => r.Press("Kirim ✓"), "Terima kasih! Jawaban Anda"));
        return steps;
    }

    /// <summary>
    /// Performs the step and waits for the bot's answer. Returns when the action was enqueued and when the
    /// emulator received the bot's reply screen (send or edit), both on the UTC wall clock.
    /// </summary>
    public static async Task<(DateTimeOffset Acted, DateTimeOffset Replied)> RunAsync(Resident resident, Move step, TimeSpan timeout)
    {
        var acted = DateTimeOffset.UtcNow;
        await step.Act(resident);
        var reply = await resident.WaitForText(step.Expect, timeout);
        return (acted, reply.LastChangedAt);
    }

    /// <summary>One resident action and the fragment of the screen that answers it.</summary>
    public sealed record Move(Func<Resident, Task<long>> Act, string Expect);
}

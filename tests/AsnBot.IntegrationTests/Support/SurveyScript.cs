using System.Globalization;
using AsnBot.BotApiEmulator;
using AsnBot.Survey;

namespace AsnBot.IntegrationTests.Support;

/// <summary>What a resident does in Telegram to answer the survey, step by step, waiting for each screen.</summary>
public static class SurveyScript
{
    public static readonly SurveyDefinition Survey = SurveyLoader.LoadBuiltIn();

    public static IEnumerable<Question> Elements => Survey.Questions.Where(q => q.Group == QuestionGroup.Element);

    public static string Label(Question question, int score)
    {
        var option = question.Option(score.ToString(CultureInfo.InvariantCulture))!;
        return $"{option.Code} · {option.Label.Id}";
    }

    public static async Task ConsentAsync(Resident resident, string startArgument = "")
    {
        await resident.SendText(startArgument.Length == 0 ? "/start" : $"/start {startArgument}");
        await resident.WaitForText("Apakah Anda setuju?");
        await resident.Press("Setuju");
    }

    /// <summary>From the consent notice to the first SKM element, skipping the profile.</summary>
    /// <summary>/hapus, confirmed: the resident's data is erased.</summary>
    public static async Task EraseAsync(Resident resident)
    {
        await resident.SendText("/hapus");
        await resident.WaitForText("Hapus data Anda?");
        await resident.Press("Ya, hapus data saya");
        await resident.WaitForText("Data Anda sudah dihapus.");
    }

    public static async Task ToFirstElementAsync(Resident resident, string unitLabel = "Puskesmas Datuk Bandar")
    {
        await ConsentAsync(resident);
        await resident.WaitForText("Unit layanan mana");
        await resident.Press(unitLabel);
        for (var i = 1; i <= 4; i++)
        {
            await resident.WaitForText($"Profil responden ({i} dari 4");
            await resident.Press("Lewati");
        }

        await resident.WaitForText("Pertanyaan 1 dari 9");
    }

    /// <summary>Answers elements <paramref name="from"/>..9 with the given scores (index 0 = U1).</summary>
    public static async Task AnswerElementsAsync(Resident resident, IReadOnlyList<int> scores, int from = 1)
    {
        foreach (var question in Elements.Skip(from - 1))
        {
            var number = int.Parse(question.Code[1..], CultureInfo.InvariantCulture);
            await resident.WaitForText($"Pertanyaan {number} dari 9");
            await resident.Press(Label(question, scores[number - 1]));
        }

        await resident.WaitForText("Langkah terakhir");
    }

    /// <summary>A new resident answers the whole survey about <paramref name="unitLabel"/>, skipping the profile, and submits it.</summary>
    public static async Task CompleteAsync(Resident resident, IReadOnlyList<int> scores, string? suggestion, string unitLabel = "Puskesmas Datuk Bandar")
    {
        await ToFirstElementAsync(resident, unitLabel);
        await AnswerElementsAsync(resident, scores);
        await SuggestAndSubmitAsync(resident, suggestion);
    }

    public static async Task SuggestAndSubmitAsync(Resident resident, string? suggestion)
    {
        if (suggestion is null)
        {
            await resident.Press("Lewati");
        }
        else
        {
            await resident.SendText(suggestion);
        }

        await resident.WaitForText("Ringkasan jawaban Anda");
        await resident.Press("Kirim ✓");
        await resident.WaitForText("Terima kasih! Jawaban Anda");
    }
}

using AsnBot.Survey;

namespace AsnBot.Reports.Export;

/// <summary>The data-dictionary sheet: every column, and for each question its full text and answer codes with labels.</summary>
internal static class DataDictionary
{
    public static readonly string[] Header = ["column", "question", "answer_code", "answer_label"];

    private static readonly string[][] FixedColumns =
    [
        ["response_id", "Nomor respons (tetap)", "", ""],
        ["respondent", "Responden: pseudonim dengan kunci rahasia, tetap antar-ekspor; bukan id Telegram", "", ""],
        ["round", "Periode survei", "", ""],
        ["unit", "Kode unit layanan", "", ""],
        ["service", "Kode jenis layanan (boleh kosong)", "", ""],
        ["submitted_at", "Waktu dikirim, ISO 8601 dengan offset zona waktu (kosong untuk draf)", "", ""],
        ["survey_id", "Kuesioner yang dijawab", "", ""],
        ["survey_version", "Versi kuesioner", "", ""],
        ["status", "submitted = terkirim; draft = belum selesai (hanya dengan --include-partial)", "", ""],
        ["*_label", "Label bahasa Indonesia untuk kode di kolom sebelumnya (dengan --labels)", "", ""],
    ];

    public static IEnumerable<string[]> Rows(SurveyDefinition survey)
    {
        foreach (var row in FixedColumns)
        {
            yield return row;
        }

        foreach (var question in survey.Questions)
        {
            var text = $"{question.ShortName.Id}: {question.Text.Id}";
            if (question.Kind == QuestionKind.Text)
            {
                yield return [question.Code, $"{text} (teks bebas, paling banyak {question.MaxLength} karakter)", "", ""];
                continue;
            }

            foreach (var option in question.Options)
            {
                yield return [question.Code, text, option.Code, option.Label.Id];
            }
        }
    }
}

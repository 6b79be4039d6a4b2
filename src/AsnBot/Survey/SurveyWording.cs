using AsnBot.Data.Responses;
using AsnBot.Texts;

namespace AsnBot.Survey;

/// <summary>How a question and a stored answer read to a resident: on the review screen and in /datasaya.</summary>
internal static class SurveyWording
{
    /// <summary>The plain topic ("Kecepatan pelayanan"), not the regulation's unsur name.</summary>
    public static string Topic(Question question, Language language) => question.ResidentTopic.In(language);

    /// <summary>"4 · Sangat sesuai" for a scored element, the label alone otherwise.</summary>
    public static string OptionLabel(Question question, AnswerOption option, Language language) =>
        question.Group == QuestionGroup.Element ? $"{option.Code} · {option.Label.In(language)}" : option.Label.In(language);

    /// <summary>The answer as the resident gave it: their text, or the label of the chosen option (its code if the option is gone).</summary>
    public static string Answer(Question question, AnswerRow answer, Language language) =>
        answer.AnswerText
        ?? (question.Option(answer.AnswerCode ?? string.Empty) is { } option ? OptionLabel(question, option, language) : answer.AnswerCode ?? string.Empty);
}

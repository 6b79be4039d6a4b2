using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AsnBot.Survey;

/// <summary>Reads survey definitions and refuses any that could not be run or stored safely.</summary>
public static partial class SurveyLoader
{
    /// <summary>Callback data is "kind:step:code" within Telegram's 64 bytes; codes stay well inside that.</summary>
    private const int MaxCodeBytes = 24;

    public static SurveyDefinition LoadBuiltIn()
    {
        using var stream = typeof(SurveyLoader).Assembly.GetManifestResourceStream("AsnBot.Survey.skm.json")
            ?? throw new InvalidOperationException("The embedded resource AsnBot.Survey.skm.json is missing.");
        return Parse(stream);
    }

    public static SurveyDefinition Parse(Stream json)
    {
        var survey = JsonSerializer.Deserialize<SurveyDefinition>(json)
            ?? throw new InvalidDataException("The survey definition is empty.");
        var problems = Validate(survey);
        return problems.Count == 0
            ? survey
            : throw new InvalidDataException($"Survey '{survey.Id}' v{survey.Version} is invalid: {string.Join("; ", problems)}.");
    }

    public static IReadOnlyList<string> Validate(SurveyDefinition survey)
    {
        var problems = new List<string>();
        if (survey.Version < 1)
        {
            problems.Add("version must be 1 or more");
        }

        if (survey.Questions.Count == 0)
        {
            problems.Add("it has no questions");
        }

        foreach (var duplicate in survey.Questions.GroupBy(q => q.Code).Where(g => g.Count() > 1))
        {
            problems.Add($"question code {duplicate.Key} is used twice");
        }

        foreach (var question in survey.Questions)
        {
            ValidateQuestion(question, problems);
        }

        return problems;
    }

    private static void ValidateQuestion(Question question, List<string> problems)
    {
        if (!IsCode(question.Code))
        {
            problems.Add($"question code '{question.Code}' must be 1–{MaxCodeBytes} of A-Z a-z 0-9 _");
        }

        if (question.Kind == QuestionKind.Choice)
        {
            if (question.Options.Count == 0)
            {
                problems.Add($"{question.Code} is a choice without options");
            }

            foreach (var option in question.Options.Where(o => !IsCode(o.Code)))
            {
                problems.Add($"{question.Code} has an invalid option code '{option.Code}'");
            }

            foreach (var duplicate in question.Options.GroupBy(o => o.Code).Where(g => g.Count() > 1))
            {
                problems.Add($"{question.Code} uses option code {duplicate.Key} twice");
            }
        }
        else if (question.MaxLength is not > 0 || question.MaxLength > 3500)
        {
            // A reply quoting the text must still fit Telegram's 4 096 characters.
            problems.Add($"{question.Code} is a text question and needs a maxLength of 1–3500");
        }
    }

    private static bool IsCode(string code) =>
        Encoding.UTF8.GetByteCount(code) <= MaxCodeBytes && CodePattern().IsMatch(code);

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex CodePattern();
}

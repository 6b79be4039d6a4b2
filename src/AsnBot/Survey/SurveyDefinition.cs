using System.Text.Json.Serialization;
using AsnBot.Texts;

namespace AsnBot.Survey;

/// <summary>
/// A versioned questionnaire. Answers are stored by survey id, version and question code, so a
/// changed survey never reinterprets old data.
/// </summary>
public sealed record SurveyDefinition
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("version")]
    public required int Version { get; init; }

    [JsonPropertyName("title")]
    public required LocalizedText Title { get; init; }

    [JsonPropertyName("questions")]
    public required IReadOnlyList<Question> Questions { get; init; }

    public int IndexOf(string code)
    {
        for (var i = 0; i < Questions.Count; i++)
        {
            if (Questions[i].Code == code)
            {
                return i;
            }
        }

        return -1;
    }
}

public sealed record Question
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    /// <summary>Questions of a group are numbered together ("Pertanyaan 3 dari 9").</summary>
    [JsonPropertyName("group")]
    public required QuestionGroup Group { get; init; }

    [JsonPropertyName("kind")]
    public required QuestionKind Kind { get; init; }

    [JsonPropertyName("required")]
    public bool Required { get; init; }

    /// <summary>Short name: the official unsur name in reports and exports.</summary>
    [JsonPropertyName("short")]
    public required LocalizedText ShortName { get; init; }

    /// <summary>The question's topic in plain words, shown to residents (review screen, /datasaya); the short name when absent.</summary>
    [JsonPropertyName("topic")]
    public LocalizedText? Topic { get; init; }

    public LocalizedText ResidentTopic => Topic ?? ShortName;

    [JsonPropertyName("text")]
    public required LocalizedText Text { get; init; }

    [JsonPropertyName("options")]
    public IReadOnlyList<AnswerOption> Options { get; init; } = [];

    [JsonPropertyName("maxLength")]
    public int? MaxLength { get; init; }

    public AnswerOption? Option(string code) => Options.FirstOrDefault(o => o.Code == code);
}

public sealed record AnswerOption
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("label")]
    public required LocalizedText Label { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<QuestionGroup>))]
public enum QuestionGroup
{
    [JsonStringEnumMemberName("profile")]
    Profile,

    [JsonStringEnumMemberName("element")]
    Element,

    [JsonStringEnumMemberName("suggestion")]
    Suggestion,
}

[JsonConverter(typeof(JsonStringEnumConverter<QuestionKind>))]
public enum QuestionKind
{
    [JsonStringEnumMemberName("choice")]
    Choice,

    [JsonStringEnumMemberName("text")]
    Text,
}

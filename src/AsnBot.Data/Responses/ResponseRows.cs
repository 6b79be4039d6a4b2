namespace AsnBot.Data.Responses;

/// <summary>Identifies which survey, round and unit a new response belongs to.</summary>
public sealed record ResponseKey(string RoundCode, string UnitCode, string SurveyId, int SurveyVersion);

public sealed record ResponseRow
{
    public required long Id { get; init; }

    public long? ResidentId { get; init; }

    public required string RoundCode { get; init; }

    public required string UnitCode { get; init; }

    public string? ServiceCode { get; init; }

    public required string SurveyId { get; init; }

    public required int SurveyVersion { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }
}

/// <summary>One stored answer: a code for choice questions, text for free-text ones.</summary>
public sealed record AnswerRow
{
    public required long ResponseId { get; init; }

    public required string QuestionCode { get; init; }

    public string? AnswerCode { get; init; }

    public string? AnswerText { get; init; }

    public required DateTimeOffset AnsweredAt { get; init; }
}

public static class ResponseStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
}

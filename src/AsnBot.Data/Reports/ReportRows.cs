using AsnBot.Data.Responses;

namespace AsnBot.Data.Reports;

/// <summary>Which responses an export reads. Instants are compared in UTC against submission (or start, for drafts).</summary>
public sealed record ExportFilter
{
    public required string RoundCode { get; init; }

    public string? UnitCode { get; init; }

    /// <summary>Inclusive lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    public bool IncludeDrafts { get; init; }
}

/// <summary>One response with all its answers, as read for an export.</summary>
/// <param name="Response">The response row, as the survey stores it.</param>
/// <param name="Answers">Question code → answer code (choice) or text (free text).</param>
public sealed record StoredResponse(ResponseRow Response, IReadOnlyDictionary<string, string?> Answers);

/// <summary>How many submitted responses of a unit gave one answer code to one question.</summary>
public sealed record ScoreCount
{
    public required string UnitCode { get; init; }

    public required string QuestionCode { get; init; }

    public required string AnswerCode { get; init; }

    public required long Count { get; init; }
}

/// <summary>Submitted responses (respondents) of a unit in a round.</summary>
public sealed record UnitRespondents
{
    public required string UnitCode { get; init; }

    public required long Respondents { get; init; }
}

/// <summary>A round reports can name: planned in survey_round, or only seen in responses (then without a name).</summary>
public sealed record ReportRound
{
    public required string Code { get; init; }

    public string? Name { get; init; }
}

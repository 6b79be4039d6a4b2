namespace AsnBot.Data.Reports;

/// <summary>One joined row of a response and one of its answers (no answer: null question).</summary>
internal sealed record ResponseLine
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

    public string? QuestionCode { get; init; }

    public string? Answer { get; init; }
}

/// <summary>Folds consecutive lines of the same response (the query orders by response id) into one response.</summary>
internal sealed class ResponseFolder
{
    private ResponseLine? _head;
    private Dictionary<string, string?> _answers = new(StringComparer.Ordinal);

    /// <summary>Adds a line; returns the previous response when this line starts a new one.</summary>
    public StoredResponse? Add(ResponseLine line)
    {
        StoredResponse? completed = null;
        if (_head is not null && _head.Id != line.Id)
        {
            completed = Flush();
        }

        _head ??= line;
        if (line.QuestionCode is not null)
        {
            _answers[line.QuestionCode] = line.Answer;
        }

        return completed;
    }

    public StoredResponse? Flush()
    {
        if (_head is null)
        {
            return null;
        }

        var response = new StoredResponse
        {
            Id = _head.Id,
            ResidentId = _head.ResidentId,
            RoundCode = _head.RoundCode,
            UnitCode = _head.UnitCode,
            ServiceCode = _head.ServiceCode,
            SurveyId = _head.SurveyId,
            SurveyVersion = _head.SurveyVersion,
            Status = _head.Status,
            StartedAt = _head.StartedAt,
            SubmittedAt = _head.SubmittedAt,
            Answers = _answers,
        };
        _head = null;
        _answers = new(StringComparer.Ordinal);
        return response;
    }
}

using AsnBot.Data.Responses;

namespace AsnBot.Data.Reports;

/// <summary>Folds consecutive lines of the same response (the query orders by response id) into one response.</summary>
internal sealed class ResponseFolder
{
    private ResponseRow? _head;
    private Dictionary<string, string?> _answers = new(StringComparer.Ordinal);

    /// <summary>Adds a line (a response joined with one answer, or none); returns the previous response when this line starts a new one.</summary>
    /// <param name="responseId">The line's response id.</param>
    /// <param name="readResponse">Reads the response columns; called only for the first line of a response.</param>
    /// <param name="questionCode">The answer's question, null when the response has no answers.</param>
    /// <param name="answer">The answer code or text.</param>
    public StoredResponse? Add(long responseId, Func<ResponseRow> readResponse, string? questionCode, string? answer)
    {
        StoredResponse? completed = null;
        if (_head is not null && _head.Id != responseId)
        {
            completed = Flush();
        }

        _head ??= readResponse();
        if (questionCode is not null)
        {
            _answers[questionCode] = answer;
        }

        return completed;
    }

    public StoredResponse? Flush()
    {
        if (_head is null)
        {
            return null;
        }

        var response = new StoredResponse(_head, _answers);
        _head = null;
        _answers = new(StringComparer.Ordinal);
        return response;
    }
}

namespace AsnBot.Data.Responses;

/// <summary>Survey responses and their answers, from draft to submitted.</summary>
public interface IResponseStore
{
    ResponseRow? Find(long id);

    IReadOnlyList<ResponseRow> ForResident(long residentId);

    long CreateDraft(long residentId, ResponseKey key, DateTimeOffset now);

    void SetService(long id, string? serviceCode);

    /// <summary>The resident changed the unit on the review screen: the draft keeps its answers, moves to that unit and its round, and loses the kind of service.</summary>
    void MoveDraft(long id, string roundCode, string unitCode);

    bool HasSubmitted(long residentId, string roundCode, string unitCode);

    void SaveAnswer(AnswerRow answer);

    void RemoveAnswer(long responseId, string questionCode);

    IReadOnlyList<AnswerRow> Answers(long responseId);

    /// <summary>
    /// Marks a draft submitted. Returns false, changing nothing, when it is no longer a draft or the
    /// resident already submitted for this unit and round (the unique index backs this up).
    /// </summary>
    bool Submit(long id, DateTimeOffset now);

    void DeleteDraft(long id);

    void DeleteDrafts(long residentId);
}

namespace AsnBot.Data.Complaints;

/// <summary>Complaints from draft to closed, their audit trail and photos.</summary>
public interface IComplaintStore
{
    ComplaintRow? Find(long id);

    ComplaintRow? FindByNumber(string trackingNo);

    IReadOnlyList<ComplaintRow> OfResident(long residentId);

    IReadOnlyList<ComplaintRow> Open();

    /// <summary>The newest other complaint about the same unit (and the same name for an unlisted one) and category since <paramref name="since"/>: a likely duplicate.</summary>
    string? Similar(ComplaintRow complaint, DateTimeOffset since);

    long CreateDraft(long residentId, DateTimeOffset now);

    void SaveDraft(ComplaintRow draft);

    bool Submit(long id, string trackingNo, string? duplicateOf, DateTimeOffset now);

    /// <summary>Moves the status only if it still is <paramref name="from"/>: two admins pressing at once cannot both win.</summary>
    bool ChangeStatus(long id, string from, string status, bool firstResponse, DateTimeOffset now);

    void MarkFirstResponse(long id, DateTimeOffset now);

    void MarkOverdueNoticed(long id, string day);

    void Discard(long id);

    void DiscardDrafts(long residentId);

    void Record(ComplaintEventRow row);

    IReadOnlyList<ComplaintEventRow> Events(long id);

    void AddPhoto(long id, string fileId);

    /// <summary>Where the photos copied from Telegram are kept, in the order they were sent.</summary>
    IReadOnlyList<string> StoredPhotos(long id);

    /// <summary>The resident's filed complaints whose admin views name them (identified and confidential ones).</summary>
    IReadOnlyList<long> ShowingReporter(long residentId);

    int PhotoCount(long id);
}

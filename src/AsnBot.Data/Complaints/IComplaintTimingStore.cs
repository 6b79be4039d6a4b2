namespace AsnBot.Data.Complaints;

/// <summary>
/// Each filed complaint's working-day figures and next deadline, worked out by the bot and stored beside it so reports
/// can count them in SQL. A stored timing is current while the complaint's times and status are unchanged and the
/// settings it was worked out with (the basis) are the bot's; the database forgets it on any such change.
/// </summary>
public interface IComplaintTimingStore
{
    /// <summary>The basis the stored timings were worked out with; null before the first.</summary>
    string? Basis();

    /// <summary>Forgets every stored timing and records the basis the next ones are worked out with.</summary>
    void Rebase(string basis);

    /// <summary>Up to <paramref name="limit"/> filed complaints without a current timing (new, changed or bulk loaded).</summary>
    IReadOnlyList<ComplaintRow> Untimed(int limit);

    /// <summary>Stores the timings; each is current until its complaint changes.</summary>
    void Save(IEnumerable<ComplaintTimingRow> timings);
}

namespace AsnBot.Data.Rounds;

/// <summary>Survey rounds and the units each covers.</summary>
public interface IRoundStore
{
    /// <summary>Every round with its units, earliest first. Rounds are few (a couple a year).</summary>
    IReadOnlyList<RoundRow> All();

    RoundRow? Find(string code);

    void Add(RoundRow round);

    void SetTimes(RoundRow round);

    /// <summary>Submitted responses of the round per unit.</summary>
    IReadOnlyDictionary<string, int> SubmittedPerUnit(string round);
}

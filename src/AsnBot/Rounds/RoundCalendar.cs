using AsnBot.Data;
using AsnBot.Data.Rounds;

namespace AsnBot.Rounds;

/// <summary>Which rounds take responses at a moment. Rounds covering the same unit never overlap (see <see cref="RoundPlanner"/>).</summary>
public sealed class RoundCalendar(IReadOnlyList<RoundRow> rounds, DateTimeOffset now)
{
    /// <summary>The rounds as stored, seen at <paramref name="now"/>.</summary>
    public static RoundCalendar Load(IUnitOfWork work, DateTimeOffset now) => new(work.Rounds.All(), now);

    public IReadOnlyList<RoundRow> All => rounds;

    public IEnumerable<RoundRow> Open => rounds.Where(r => r.IsOpen(now));

    /// <summary>The round a response for this unit started now belongs to.</summary>
    public RoundRow? OpenFor(string unitCode) => Open.FirstOrDefault(r => r.Covers(unitCode));

    /// <summary>The next round to open, for "the next survey opens on …".</summary>
    public RoundRow? Next => rounds.Where(r => r.OpensAt > now).MinBy(r => r.OpensAt);

    public RoundRow? Find(string code) =>
        rounds.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));
}

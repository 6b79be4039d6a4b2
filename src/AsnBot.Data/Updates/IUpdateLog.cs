namespace AsnBot.Data.Updates;

/// <summary>
/// The getUpdates offset, committed in the same transaction as each update's effects, so an
/// update is either handled and confirmed or neither.
/// </summary>
public interface IUpdateLog
{
    long NextUpdateId();

    /// <summary>
    /// Forgets an offset last advanced before <paramref name="cutoff"/>: Telegram restarts its update ids
    /// after a long quiet spell, and a stale offset would skip the new ones. Returns the offset to poll with.
    /// </summary>
    long ResetIfOlderThan(DateTimeOffset cutoff);

    void Advance(long nextUpdateId, DateTimeOffset now);
}

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

    /// <summary>
    /// Webhook mode: records that this update is being applied in this transaction. False when it was applied before
    /// (a redelivery, or the same update at another instance): the caller then changes nothing.
    /// </summary>
    bool MarkHandled(long updateId, DateTimeOffset now);

    /// <summary>Forgets the ids of updates handled before <paramref name="cutoff"/>; returns how many.</summary>
    int ForgetHandledBefore(DateTimeOffset cutoff);
}

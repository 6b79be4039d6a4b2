namespace AsnBot.Data.Sessions;

/// <summary>
/// Where a resident is in a conversation. Mutable on purpose: the state machine reads and writes
/// <see cref="State"/> through accessor and mutator, and the row is saved in the update's transaction.
/// </summary>
public sealed class SessionRow
{
    public required long ChatId { get; init; }

    public required long UserId { get; init; }

    public required string State { get; set; }

    /// <summary>Bumped on every change of step; buttons carry it, so a press on an older message is recognised as stale.</summary>
    public long Step { get; set; }

    public long? ResponseId { get; set; }

    /// <summary>The code of the survey question being answered ("U3"), never its position: a reordered survey keeps it.</summary>
    public string? QuestionCode { get; set; }

    /// <summary>Set while an answer is being changed from the review screen: the next answer returns there.</summary>
    public bool BackToReview { get; set; }

    public int UnitPage { get; set; }

    /// <summary>The state a confirmation prompt returns to when the resident says no.</summary>
    public string? ReturnState { get; set; }

    /// <summary>A unit chosen by deep link while another survey was still open; used if the resident restarts.</summary>
    public string? PendingUnit { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Which conversation the resident is in: "survey" or "complaint".</summary>
    public string Flow { get; set; } = "survey";

    /// <summary>State of the complaint conversation, saved by name like <see cref="State"/>.</summary>
    public string ComplaintState { get; set; } = "Idle";

    /// <summary>The complaint being written (a draft), or the one a reopen reason is for.</summary>
    public long? ComplaintId { get; set; }
}

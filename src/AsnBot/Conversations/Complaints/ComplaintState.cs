namespace AsnBot.Conversations.Complaints;

/// <summary>Where a resident is in filing a complaint; saved by name in the session row.</summary>
public enum ComplaintState
{
    Idle,
    ChoosingCategory,
    ChoosingUnit,
    Describing,
    AddingEvidence,
    ChoosingPrivacy,
    Reviewing,
    ConfirmingCancel,
    GivingReopenReason,
}

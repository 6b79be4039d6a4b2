namespace AsnBot.Complaints;

/// <summary>Where a resident is in filing a complaint; saved by name in the session row.</summary>
public enum ComplaintState
{
    Idle,
    ChoosingCategory,
    ChoosingUnit,

    /// <summary>"Unit lain": the resident types the name of a unit outside the list.</summary>
    NamingUnit,
    Describing,
    AddingEvidence,
    ChoosingPrivacy,
    Reviewing,
    ConfirmingCancel,
    GivingReopenReason,
}

namespace AsnBot.Survey;

/// <summary>Where a resident is in the survey; saved by name in the session row.</summary>
public enum SurveyState
{
    /// <summary>Consented, no survey open.</summary>
    Idle,

    /// <summary>Superstate of the steps that fill a survey; never stored itself.</summary>
    Active,
    ChoosingUnit,
    ChoosingService,
    Answering,
    Review,
    ChoosingEdit,
    ConfirmingCancel,
    ConfirmingResume,
}

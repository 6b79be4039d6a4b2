using AsnBot.Data.Responses;
using AsnBot.Data.Rounds;
using AsnBot.Data.Sessions;
using AsnBot.Engine;
using AsnBot.Rounds;

namespace AsnBot.Survey;

/// <summary>The data one survey turn works on: session row, draft response and its answers.</summary>
internal sealed class SurveyContext
{
    private readonly IResponseStore _responses;
    private ResponseRow? _draft;
    private IReadOnlyList<AnswerRow>? _answers;
    private RoundCalendar? _calendar;

    public SurveyContext(Turn turn, SessionRow session, SurveyDefinition survey, SurveyOptions options)
    {
        Turn = turn;
        Session = session;
        Survey = survey;
        Options = options;
        _responses = turn.Work.Responses;
        _draft = session.ResponseId is { } id ? _responses.Find(id) : null;
        Screens = new SurveyScreens(this);
    }

    public Turn Turn { get; }

    public SessionRow Session { get; }

    public SurveyDefinition Survey { get; }

    public SurveyOptions Options { get; }

    public SurveyScreens Screens { get; }

    /// <summary>The survey rounds, as they stand at this turn.</summary>
    public RoundCalendar Calendar => _calendar ??= RoundCalendar.Load(Turn.Work, Turn.Now);

    /// <summary>Units some open round takes responses for, in the configured order.</summary>
    public IReadOnlyList<ServiceUnit> OpenUnits => [.. Options.Units.Where(u => Calendar.OpenFor(u.Code) is not null)];

    /// <summary>The round of the draft being filled.</summary>
    public RoundRow? DraftRound => _draft is null ? null : Calendar.Find(_draft.RoundCode);

    /// <summary>The unit of the survey being filled, once chosen.</summary>
    public ServiceUnit? Unit => _draft is null ? null : FindUnit(_draft.UnitCode);

    public string? ServiceCode => _draft?.ServiceCode;

    /// <summary>The question the resident is at; the first when the saved code names none (nothing answered yet).</summary>
    public Question CurrentQuestion => Survey.Questions[CurrentIndex];

    /// <summary>Where <see cref="CurrentQuestion"/> stands in the survey as it is now.</summary>
    public int CurrentIndex => Session.QuestionCode is { } code && Survey.IndexOf(code) is >= 0 and var index ? index : 0;

    /// <summary>Moves to the question at this position (held to the survey's ends); the session keeps its code.</summary>
    public void GoToQuestion(int index) =>
        Session.QuestionCode = Survey.Questions[Math.Clamp(index, 0, Survey.Questions.Count - 1)].Code;

    public IReadOnlyList<AnswerRow> Answers =>
        _answers ??= _draft is null ? [] : _responses.Answers(_draft.Id);

    public AnswerRow? AnswerTo(Question question) => Answers.FirstOrDefault(a => a.QuestionCode == question.Code);

    public ServiceUnit? FindUnit(string code) =>
        Options.Units.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));

    public bool AlreadySubmitted(ServiceUnit unit, RoundRow round) =>
        _responses.HasSubmitted(Session.UserId, round.Code, unit.Code);

    /// <summary>
    /// Keeps the draft when the same unit is chosen again in the same round, moves it (answers and all)
    /// when the unit is changed from the review screen; otherwise starts afresh.
    /// </summary>
    public void StartDraft(ServiceUnit unit, RoundRow round)
    {
        if (_draft is not null && _draft.UnitCode == unit.Code && _draft.RoundCode == round.Code)
        {
            return;
        }

        if (_draft is not null && Session.BackToReview)
        {
            _responses.MoveDraft(_draft.Id, round.Code, unit.Code);
            _draft = _draft with { RoundCode = round.Code, UnitCode = unit.Code, ServiceCode = null };
            return;
        }

        DiscardDraft();
        var key = new ResponseKey(round.Code, unit.Code, Survey.Id, Survey.Version);
        var id = _responses.CreateDraft(Session.UserId, key, Turn.Now);
        Session.ResponseId = id;
        _draft = _responses.Find(id);
    }

    public void SetService(string? serviceCode)
    {
        var draft = RequireDraft();
        _responses.SetService(draft.Id, serviceCode);
        _draft = draft with { ServiceCode = serviceCode };
    }

    public void SaveAnswer(Question question, string? code, string? text)
    {
        _responses.SaveAnswer(new AnswerRow
        {
            ResponseId = RequireDraft().Id,
            QuestionCode = question.Code,
            AnswerCode = code,
            AnswerText = text,
            AnsweredAt = Turn.Now,
        });
        _answers = null;
    }

    public void RemoveAnswer(Question question)
    {
        _responses.RemoveAnswer(RequireDraft().Id, question.Code);
        _answers = null;
    }

    public Question? FirstMissingRequired() =>
        Survey.Questions.FirstOrDefault(q => q.Required && AnswerTo(q) is null);

    public bool Submit() => _responses.Submit(RequireDraft().Id, Turn.Now);

    public void DiscardDraft()
    {
        if (_draft is not null)
        {
            _responses.DeleteDraft(_draft.Id);
        }

        _draft = null;
        _answers = null;
        Session.ResponseId = null;
    }

    private ResponseRow RequireDraft() =>
        _draft ?? throw new InvalidOperationException("The survey step needs a draft response, and the session has none.");
}

using System.Globalization;
using System.Text;
using AsnBot.Engine;

namespace AsnBot.Survey;

/// <summary>What the resident sees at each survey step: text and buttons, in their language.</summary>
internal sealed class SurveyScreens(SurveyContext context)
{
    private Turn Turn => context.Turn;

    private long Step => context.Session.Step;

    public int UnitPageCount => Math.Max(1, (context.OpenUnits.Count + context.Options.UnitsPerPage - 1) / context.Options.UnitsPerPage);

    public void Show(SurveyState state)
    {
        switch (state)
        {
            case SurveyState.ChoosingUnit: ShowUnits(); break;
            case SurveyState.ChoosingService: ShowServices(); break;
            case SurveyState.Answering: ShowQuestion(); break;
            case SurveyState.Review: ShowReview(); break;
            case SurveyState.ChoosingEdit: ShowEditChoices(); break;
            case SurveyState.ConfirmingCancel:
                Turn.Show(Turn.Text("cancel.confirm"), Row(
                    Button("cancel.yes", SurveyButtons.CancelYes),
                    Button("cancel.no", SurveyButtons.CancelNo)));
                break;
            case SurveyState.ConfirmingResume: ShowResumePrompt(); break;
            default: MainMenu.Show(Turn); break;
        }
    }

    /// <summary>Where the resident stopped, in words ("Pertanyaan 3 dari 9").</summary>
    public string Describe(SurveyState state) => state switch
    {
        SurveyState.ChoosingUnit => Turn.Text("resume.unitNotChosen"),
        SurveyState.ChoosingService => Turn.Text("review.service"),
        SurveyState.Answering => Progress(context.CurrentQuestion),
        SurveyState.Review => Turn.Text("review.title"),
        SurveyState.ChoosingEdit => Turn.Text("resume.choosingEdit"),
        _ => Turn.Text("resume.unitNotChosen"),
    };

    private void ShowUnits()
    {
        var options = context.Options;
        var page = Math.Clamp(context.Session.UnitPage, 0, UnitPageCount - 1);
        var rows = context.OpenUnits.Skip(page * options.UnitsPerPage).Take(options.UnitsPerPage)
            .Select(u => (IReadOnlyList<Button>)[new Button(u.Name, ButtonPress.Of(SurveyButtons.Unit, Step, u.Code))])
            .ToList();
        var navigation = new List<Button>();
        if (page > 0)
        {
            navigation.Add(Button("nav.prev", SurveyButtons.Page, Number(page - 1)));
        }

        if (page < UnitPageCount - 1)
        {
            navigation.Add(Button("nav.next", SurveyButtons.Page, Number(page + 1)));
        }

        if (navigation.Count > 0)
        {
            rows.Add(navigation);
        }

        if (context.Session.BackToReview)
        {
            rows.Add([Button("review.backToSummary", SurveyButtons.Back)]);
        }

        var text = rows.Count == 0 ? Turn.Text("round.none") : Turn.Text("unit.choose");
        if (UnitPageCount > 1)
        {
            text += "\n" + Turn.Text("unit.page", page + 1, UnitPageCount);
        }

        Turn.Show(text, new Keyboard(rows));
    }

    private void ShowServices()
    {
        var unit = context.Unit!;
        var rows = unit.Services
            .Select(s => (IReadOnlyList<Button>)[new Button(s.Name, ButtonPress.Of(SurveyButtons.Service, Step, s.Code))])
            .Append([Button(context.Session.BackToReview ? "review.backToSummary" : "nav.back", SurveyButtons.Back), Button("nav.skip", SurveyButtons.Service)])
            .ToList();
        Turn.Show(Turn.Text("service.choose", unit.Name), new Keyboard(rows));
    }

    private void ShowQuestion()
    {
        var question = context.CurrentQuestion;
        var current = context.AnswerTo(question);
        var rows = new List<IReadOnlyList<Button>>();
        var perRow = question.Group == QuestionGroup.Element ? 1 : 2;
        foreach (var chunk in question.Options.Chunk(perRow))
        {
            rows.Add(chunk.Select(o => new Button(OptionLabel(question, o, current?.AnswerCode == o.Code), ButtonPress.Of(SurveyButtons.Answer, Step, o.Code))).ToList());
        }

        var navigation = new List<Button> { Button("nav.back", SurveyButtons.Back) };
        if (!question.Required)
        {
            navigation.Add(Button("nav.skip", SurveyButtons.Skip));
        }

        rows.Add(navigation);
        var text = $"{Progress(question)}\n\n{question.Text.In(Turn.Language)}";
        if (question.Kind == QuestionKind.Text && current?.AnswerText is { } answered)
        {
            text += $"\n\n« {answered} »";
        }

        Turn.Show(text, new Keyboard(rows));
    }

    private void ShowReview()
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{Turn.Text("review.title")}\n")
            .AppendLine(CultureInfo.InvariantCulture, $"{Turn.Text("review.unit")}: {context.Unit?.Name}");
        if (context.Unit?.Services.Count > 0)
        {
            var service = context.ServiceCode is { } code ? context.Unit.Service(code)?.Name : null;
            text.AppendLine(CultureInfo.InvariantCulture, $"{Turn.Text("review.service")}: {service ?? Turn.Text("review.skipped")}");
        }

        foreach (var question in context.Survey.Questions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Label(question)}: {AnswerText(question)}");
        }

        text.AppendLine().Append(Turn.Text("review.hint"));
        Turn.Show(text.ToString(), Row(Button("review.submit", SurveyButtons.Submit), Button("review.edit", SurveyButtons.OpenEdit)));
    }

    private void ShowEditChoices()
    {
        IReadOnlyList<Button> where = context.Unit?.Services.Count > 0
            ? [Button("review.unit", SurveyButtons.EditUnit), Button("review.service", SurveyButtons.EditService)]
            : [Button("review.unit", SurveyButtons.EditUnit)];
        var rows = context.Survey.Questions
            .Select(q => new Button(Label(q), ButtonPress.Of(SurveyButtons.Edit, Step, q.Code)))
            .Chunk(2)
            .Select(chunk => (IReadOnlyList<Button>)chunk)
            .Prepend(where)
            .Append([Button("review.backToSummary", SurveyButtons.Back)])
            .ToList();
        Turn.Show(Turn.Text("review.pickEdit"), new Keyboard(rows));
    }

    private void ShowResumePrompt()
    {
        var returnTo = Enum.TryParse<SurveyState>(context.Session.ReturnState, out var state) ? state : SurveyState.ChoosingUnit;
        var unit = context.Unit?.Name ?? context.Survey.Title.In(Turn.Language);
        Turn.Show(Turn.Text("resume.prompt", unit, Describe(returnTo)), Row(
            Button("resume.continue", SurveyButtons.Resume),
            Button("resume.restart", SurveyButtons.Restart)));
    }

    private string Progress(Question question)
    {
        var group = context.Survey.Questions.Where(q => q.Group == question.Group).ToList();
        var position = group.IndexOf(question) + 1;
        return question.Group switch
        {
            QuestionGroup.Profile => Turn.Text("progress.profile", position, group.Count),
            QuestionGroup.Element => Turn.Text("progress.element", position, group.Count),
            _ => Turn.Text("progress.suggestion"),
        };
    }

    private string Label(Question question) => SurveyWording.Topic(question, Turn.Language);

    private string AnswerText(Question question) =>
        context.AnswerTo(question) is { } answer ? SurveyWording.Answer(question, answer, Turn.Language) : Turn.Text("review.skipped");

    private string OptionLabel(Question question, AnswerOption option, bool chosen)
    {
        var label = SurveyWording.OptionLabel(question, option, Turn.Language);
        return chosen ? $"✓ {label}" : label;
    }

    private Button Button(string textKey, string action, string argument = "") =>
        new(Turn.Text(textKey), ButtonPress.Of(action, Step, argument));

    private static Keyboard Row(params Button[] buttons) => new([buttons]);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

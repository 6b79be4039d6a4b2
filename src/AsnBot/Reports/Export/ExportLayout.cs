using System.Globalization;
using AsnBot.Data.Reports;
using AsnBot.Survey;

namespace AsnBot.Reports.Export;

/// <summary>
/// The stable column layout of a response export and the values of one row: codes as stored, element
/// scores as numbers, optional Indonesian labels after each coded column. Never a Telegram id.
/// </summary>
public sealed class ExportLayout
{
    private readonly SurveyDefinition _survey;
    private readonly Dictionary<string, ServiceUnit> _units;
    private readonly TimeZoneInfo _zone;
    private readonly bool _labels;

    public ExportLayout(SurveyDefinition survey, IEnumerable<ServiceUnit> units, TimeZoneInfo zone, bool labels)
    {
        _survey = survey;
        _units = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _zone = zone;
        _labels = labels;
        var columns = new List<string> { "response_id", "respondent", "round", "unit" };
        AddLabel(columns, "unit");
        columns.Add("service");
        AddLabel(columns, "service");
        columns.Add("submitted_at");
        foreach (var question in survey.Questions)
        {
            columns.Add(question.Code);
            if (question.Kind == QuestionKind.Choice)
            {
                AddLabel(columns, question.Code);
            }
        }

        columns.AddRange(["survey_id", "survey_version", "status"]);
        Columns = columns;
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>One row: long, int, string or null per column, in <see cref="Columns"/> order.</summary>
    public object?[] Row(StoredResponse stored, string respondent)
    {
        var response = stored.Response;
        var unit = _units.GetValueOrDefault(response.UnitCode);
        var values = new List<object?>(Columns.Count) { response.Id, respondent, response.RoundCode, response.UnitCode };
        AddLabel(values, unit?.Name);
        values.Add(response.ServiceCode);
        AddLabel(values, response.ServiceCode is null ? null : unit?.Service(response.ServiceCode)?.Name);
        values.Add(response.SubmittedAt is { } at ? FormatInstant(at) : null);

        // Labels come from the definition the response was answered with; another version gets codes only.
        var sameSurvey = response.SurveyId == _survey.Id && response.SurveyVersion == _survey.Version;
        foreach (var question in _survey.Questions)
        {
            var answer = stored.Answers.GetValueOrDefault(question.Code);
            values.Add(question.Group == QuestionGroup.Element && int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var score)
                ? score
                : answer);
            if (question.Kind == QuestionKind.Choice)
            {
                AddLabel(values, sameSurvey && answer is not null ? question.Option(answer)?.Label.Id : null);
            }
        }

        values.AddRange([response.SurveyId, response.SurveyVersion, response.Status]);
        return [.. values];
    }

    /// <summary>ISO 8601 with the offset of the configured zone, e.g. 2026-11-30T16:05:09+07:00.</summary>
    public string FormatInstant(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, _zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private void AddLabel(List<string> columns, string code)
    {
        if (_labels)
        {
            columns.Add(code + "_label");
        }
    }

    private void AddLabel(List<object?> values, string? label)
    {
        if (_labels)
        {
            values.Add(label);
        }
    }
}

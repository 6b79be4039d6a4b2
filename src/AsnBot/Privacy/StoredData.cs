using System.Globalization;
using System.Text;
using AsnBot.Complaints;
using AsnBot.Data.Broadcasts;
using AsnBot.Data.Complaints;
using AsnBot.Data.Residents;
using AsnBot.Data.Responses;
using AsnBot.Engine;
using AsnBot.Rounds;
using AsnBot.Survey;
using AsnBot.Texts;

namespace AsnBot.Privacy;

/// <summary>/datasaya: everything stored about the resident, each answer as they gave it (UU PDP's right of access).</summary>
internal sealed class StoredData(Turn turn, ResidentRow resident, SurveyOptions options, SurveyDefinition survey)
{
    public void Show()
    {
        var responses = turn.Work.Responses;
        var mine = responses.ForResident(resident.UserId);
        var submitted = mine.Where(r => r.Status == ResponseStatus.Submitted).ToList();
        var calendar = RoundCalendar.Load(turn.Work, turn.Now);
        var text = new StringBuilder()
            .AppendLine(turn.Text("data.title"))
            .AppendLine(turn.Text(
                "data.resident",
                resident.UserId,
                turn.Texts.Get(Languages.FromCode(resident.Language), "language.name"),
                resident.ConsentedAt.ToOffset(WorkingDays.Wib).ToString("dd-MM-yyyy HH:mm 'WIB'", CultureInfo.InvariantCulture),
                resident.ConsentVersion))
            .AppendLine(turn.Text("data.responses", submitted.Count));
        foreach (var response in submitted)
        {
            text.AppendLine(turn.Text(
                "data.response",
                UnitName(response.UnitCode),
                calendar.Find(response.RoundCode)?.Name ?? response.RoundCode,
                response.SubmittedAt is { } at ? Date(at) : null));
            AppendAnswers(text, response, responses.Answers(response.Id));
        }

        foreach (var draft in mine.Where(r => r.Status == ResponseStatus.Draft))
        {
            var answers = responses.Answers(draft.Id);
            text.AppendLine(turn.Text("data.draft", UnitName(draft.UnitCode), answers.Count));
            AppendAnswers(text, draft, answers);
        }

        var complaints = turn.Work.Complaints.OfResident(resident.UserId);
        text.AppendLine(turn.Text("data.complaints", complaints.Count));
        foreach (var complaint in complaints)
        {
            text.AppendLine(turn.Text(
                "data.complaint",
                complaint.TrackingNo,
                turn.Text($"status.{complaint.Status}"),
                complaint.SubmittedAt is { } at ? Date(at) : null));
        }

        text.AppendLine(turn.Text(
            resident.Subscribed ? "data.subscribed" : "data.unsubscribed",
            turn.Work.Broadcasts.ReceivedBy(resident.UserId)));
        text.AppendLine().Append(turn.Text("data.eraseHint"));
        turn.Send(text.ToString());
    }

    /// <summary>The kind of service and every answer stored with a response, profile and suggestion included.</summary>
    private void AppendAnswers(StringBuilder text, ResponseRow response, IReadOnlyList<AnswerRow> answers)
    {
        if (response.ServiceCode is { } service)
        {
            var name = options.Units.FirstOrDefault(u => u.Code == response.UnitCode)?.Service(service)?.Name ?? service;
            text.AppendLine(CultureInfo.InvariantCulture, $"    {turn.Text("review.service")}: {name}");
        }

        // In the order the survey asks them (stored rows come by question code: SARAN before SEX, U1 after both).
        foreach (var answer in answers.OrderBy(a => survey.IndexOf(a.QuestionCode) is var i and >= 0 ? i : int.MaxValue))
        {
            var line = survey.Questions.FirstOrDefault(q => q.Code == answer.QuestionCode) is { } question
                ? $"{SurveyWording.Topic(question, turn.Language)}: {SurveyWording.Answer(question, answer, turn.Language)}"
                : $"{answer.QuestionCode}: {answer.AnswerText ?? answer.AnswerCode}";
            text.AppendLine(CultureInfo.InvariantCulture, $"    {line}");
        }
    }

    private static string Date(DateTimeOffset at) => CalendarDays.Display(WorkingDays.LocalDate(at));

    private string UnitName(string code) => options.Units.FirstOrDefault(u => u.Code == code)?.Name ?? code;
}

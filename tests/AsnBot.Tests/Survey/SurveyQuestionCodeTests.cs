using AsnBot.Data.Sessions;
using AsnBot.Engine;
using AsnBot.Survey;
using AsnBot.Tests.Support;
using AsnBot.Texts;

namespace AsnBot.Tests.Survey;

public sealed class SurveyQuestionCodeTests
{
    [Fact]
    public void ReorderedSurvey_KeepsAResidentInProgressOnTheQuestionTheyWereAt()
    {
        using var temp = new TempDatabase();
        using var work = temp.Database.Begin();
        var survey = SurveyLoader.LoadBuiltIn();
        var reordered = survey with { Questions = [.. survey.Questions.Reverse()] };
        var session = new SessionRow { ChatId = 1, UserId = 1, State = nameof(SurveyState.Answering), QuestionCode = "U3" };
        var inbound = new Inbound { ChatId = 1, UserId = 1, Kind = InboundKind.Text, Text = "halo" };
        var turn = new Turn(work, inbound, DateTimeOffset.UnixEpoch, TextCatalog.LoadBuiltIn(), Language.Id);

        var context = new SurveyContext(turn, session, reordered, TestUnits.Options());

        Assert.Equal("U3", context.CurrentQuestion.Code);
        context.GoToQuestion(context.CurrentIndex + 1);
        Assert.Equal("U2", session.QuestionCode);
    }
}

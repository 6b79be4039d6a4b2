using System.Text;
using AsnBot.Survey;

namespace AsnBot.Tests.Survey;

public sealed class SurveyLoaderTests
{
    [Fact]
    public void BuiltIn_IsTheSkmOfPermenPanRb14Of2017()
    {
        var survey = SurveyLoader.LoadBuiltIn();

        var elements = survey.Questions.Where(q => q.Group == QuestionGroup.Element).ToList();
        Assert.Equal(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"], elements.Select(q => q.Code));
        Assert.All(elements, q =>
        {
            Assert.True(q.Required);
            Assert.Equal(["1", "2", "3", "4"], q.Options.Select(o => o.Code));
            Assert.StartsWith("Bagaimana pendapat Anda tentang ", q.Text.Id, StringComparison.Ordinal);
        });
        Assert.Equal(["Sangat mahal", "Cukup mahal", "Murah", "Gratis"], elements[3].Options.Select(o => o.Label.Id));
        Assert.Equal(["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"], elements[7].Options.Select(o => o.Label.Id));
        Assert.Equal(["Buruk", "Cukup", "Baik", "Sangat baik"], elements[8].Options.Select(o => o.Label.Id));
        Assert.Equal("Penanganan Pengaduan, Saran dan Masukan", elements[7].ShortName.Id);
        Assert.Equal("Sarana dan Prasarana", elements[8].ShortName.Id);
        Assert.All(survey.Questions.Where(q => q.Group == QuestionGroup.Profile), q => Assert.False(q.Required));
    }

    [Theory]
    [InlineData("""{"code":"U1","group":"element","kind":"choice","required":true,"short":{"id":"a","en":"a"},"text":{"id":"a","en":"a"},"options":[]}""", "without options")]
    [InlineData("""{"code":"U 1","group":"element","kind":"choice","required":true,"short":{"id":"a","en":"a"},"text":{"id":"a","en":"a"},"options":[{"code":"1","label":{"id":"a","en":"a"}}]}""", "must be")]
    [InlineData("""{"code":"S","group":"suggestion","kind":"text","short":{"id":"a","en":"a"},"text":{"id":"a","en":"a"}}""", "maxLength")]
    [InlineData("""{"code":"U1","group":"element","kind":"choice","required":true,"short":{"id":"a","en":"a"},"text":{"id":"a","en":"a"},"options":[{"code":"1","label":{"id":"a","en":"a"}},{"code":"1","label":{"id":"b","en":"b"}}]}""", "twice")]
    public void Parse_InvalidDefinition_IsRefusedWithTheReason(string question, string reason)
    {
        var json = $$"""{"id":"t","version":1,"title":{"id":"t","en":"t"},"questions":[{{question}}]}""";

        var error = Assert.Throws<InvalidDataException>(() => SurveyLoader.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}

using AsnBot.Reports.Ikm;

namespace AsnBot.Tests.Reports;

public sealed class IkmCalculatorTests
{
    [Theory]
    [InlineData("25.00", "D")]
    [InlineData("64.99", "D")]
    [InlineData("64.994", "D")]
    [InlineData("64.995", "C")] // shows as 65.00, so it is C: bands apply to the displayed figure
    [InlineData("65.00", "C")]
    [InlineData("76.60", "C")]
    [InlineData("76.604", "C")]
    [InlineData("76.61", "B")]
    [InlineData("88.30", "B")]
    [InlineData("88.31", "A")]
    [InlineData("100", "A")]
    public void MutuFor_BandBoundaries_FollowTheRegulationTable(string ikm, string grade)
    {
        var mutu = Mutu.For(decimal.Parse(ikm, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(grade, mutu.Grade);
        Assert.Equal(grade switch { "A" => "Sangat baik", "B" => "Baik", "C" => "Kurang baik", _ => "Tidak baik" }, mutu.Kinerja);
    }

    [Theory]
    [InlineData(100, 80)]
    [InlineData(200, 132)]
    [InlineData(300, 169)]
    [InlineData(500, 217)]
    [InlineData(1_000, 278)]
    [InlineData(2_000, 322)]
    [InlineData(5_000, 357)]
    [InlineData(10_000, 370)]
    [InlineData(20_000, 377)]
    [InlineData(50_000, 381)]
    [InlineData(1_000_000, 384)]
    public void MinimumSample_MatchesTheKrejcieMorganTable(int population, int expected) =>
        Assert.Equal(expected, KrejcieMorgan.MinimumSample(population));

    [Fact]
    public void Score_DomainExample49Respondents_Is7874Exact_And7866WithWeight0111()
    {
        // 49 respondents × 9 elements = 441 answers with a total of 1 389 (375 threes, 66 fours):
        // IKM = 25 × 1389 / (9 × 49) = 78.7415… exact; with 0.111 instead of 1/9: 78.6627…
        var fours = 66;
        var elements = ReportData.Elements.Select((code, i) =>
        {
            var fourHere = fours / 9 + (i < fours % 9 ? 1 : 0);
            return new ElementResult(code, code, 49, (49 * 3) + fourHere);
        }).ToList();
        Assert.Equal(1389, elements.Sum(e => e.Sum));

        var score = IkmCalculator.Score(elements)!;

        Assert.Equal(25m * 1389 / (9 * 49), score.Ikm, 20);
        Assert.Equal(78.74m, IkmCalculator.Display(score.Ikm));
        Assert.Equal(78.66m, IkmCalculator.Display(score.IkmWithPublishedWeight));
        Assert.Equal("B", score.Mutu.Grade);
    }

    [Fact]
    public void Score_ElementWithoutAnswers_GivesNoIndex()
    {
        var elements = ReportData.Elements.Select(c => new ElementResult(c, c, c == "U4" ? 0 : 2, c == "U4" ? 0 : 6)).ToList();

        Assert.Null(IkmCalculator.Score(elements));
        Assert.Null(elements[3].Nrr);
    }

    [Fact]
    public void Sample_WithoutServiceUsers_IsUnknown()
    {
        Assert.Equal(new SampleCheck(null, null, null), IkmCalculator.Sample(null, 500));
        Assert.Equal(new SampleCheck(100, 80, false), IkmCalculator.Sample(100, 79));
        Assert.Equal(new SampleCheck(100, 80, true), IkmCalculator.Sample(100, 80));
    }
}

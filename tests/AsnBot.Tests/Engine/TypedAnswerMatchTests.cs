using AsnBot.Engine;

namespace AsnBot.Tests.Engine;

/// <summary>What a typed text stands for on a screen of buttons, read without a conversation around it.</summary>
public sealed class TypedAnswerMatchTests
{
    /// <summary>The first unit page as the city configures it: long names with the short one people use in brackets.</summary>
    private static readonly Button[] UnitPage =
    [
        new("Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)", "u:DISDUKCAPIL"),
        new("Dinas Penanaman Modal dan PTSP (DPMPTSP)", "u:DPMPTSP"),
        new("RSUD Dr. Tengku Mansyur", "u:RSUD"),
        new("Dinas Sosial", "u:DINSOS"),
        new("Berikutnya ›", "u:next"),
    ];

    [Theory]
    [InlineData("Disdukcapil", "u:DISDUKCAPIL")]
    [InlineData("dpmptsp", "u:DPMPTSP")]
    [InlineData("dinas kependudukan dan pencatatan sipil", "u:DISDUKCAPIL")]
    [InlineData("Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)", "u:DISDUKCAPIL")]
    [InlineData("dinas sosial", "u:DINSOS")]
    public void TheShortNameInBrackets_OrTheNameWithoutThem_PressesThatUnit(string typed, string expected) =>
        Assert.Equal(expected, TypedAnswer.Match(typed, UnitPage, TypedReading.Everything));

    [Fact]
    public void AWordSeveralLabelsShare_PressesNothing() =>
        Assert.Null(TypedAnswer.Match("dinas", UnitPage, TypedReading.Everything));
}

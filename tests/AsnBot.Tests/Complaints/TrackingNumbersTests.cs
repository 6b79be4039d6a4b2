using AsnBot.Complaints;

namespace AsnBot.Tests.Complaints;

public sealed class TrackingNumbersTests
{
    [Theory]
    [InlineData("ADU-2026-T0MQ7")]
    [InlineData("ADU-2026-TOMQ7")]
    [InlineData("adu-2026-tomq7")]
    [InlineData("2026t0mq7")]
    [InlineData("2026-TOMQ7")]
    [InlineData("ADU2026T0MQ7")]
    [InlineData(" adu 2026 t0mq7 ")]
    [InlineData("ADU–2026–T0MQ7")]
    [InlineData("ADU‑2026‑TOMQ7")]
    public void Normalize_ReadsCrockford_AnyCase_WithOrWithoutPrefixAndDashes(string typed) =>
        Assert.Equal("ADU-2026-T0MQ7", TrackingNumbers.Normalize(typed));

    [Theory]
    [InlineData("ADU-2026-IL1AB", "ADU-2026-111AB")]
    [InlineData("2O26-l0iab", "ADU-2026-101AB")]
    public void Normalize_ReadsIAndLAsOne_AndOAsZero_Everywhere(string typed, string stored) =>
        Assert.Equal(stored, TrackingNumbers.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ADU-2026-T0MQ")]
    [InlineData("ADU-2026-T0MQ77")]
    [InlineData("ADU-2026-T0MQU")]
    [InlineData("ADU-20X6-T0MQ7")]
    [InlineData("XYZ-2026-T0MQ7")]
    [InlineData("semua")]
    public void Normalize_RefusesWhatCannotBeANumber(string? typed) => Assert.Null(TrackingNumbers.Normalize(typed));

    [Fact]
    public void New_IsReadBackAsItself()
    {
        var number = TrackingNumbers.New(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));

        Assert.Equal(number, TrackingNumbers.Normalize(number.ToLowerInvariant()));
    }
}

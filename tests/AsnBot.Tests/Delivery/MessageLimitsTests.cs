using AsnBot.Delivery;
using AsnBot.Engine;

namespace AsnBot.Tests.Delivery;

public sealed class MessageLimitsTests
{
    [Fact]
    public void LongText_IsSplitAtLineBreaks_AndTheButtonsGoWithTheLastPart()
    {
        var lines = Enumerable.Range(1, 400).Select(i => $"ADU-2026-{i:00000} · Pungutan liar · Disdukcapil · Terkirim");
        var keyboard = new Keyboard([[new Button("OK", "x:1:y")]]);
        var send = new SendText(7, string.Join('\n', lines), keyboard) { Tag = "post:1" };

        var parts = MessageLimits.Fit(send).Cast<SendText>().ToList();

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.InRange(p.Text.Length, 1, MessageLimits.MaxText));
        Assert.All(parts, p => Assert.EndsWith("Terkirim", p.Text, StringComparison.Ordinal));
        Assert.Equal(string.Join('\n', lines), string.Join('\n', parts.Select(p => p.Text)));
        Assert.All(parts[..^1], p => Assert.Null(p.Keyboard));
        Assert.Equal(keyboard, parts[^1].Keyboard);
        Assert.Equal("post:1", parts[^1].Tag);
    }

    [Fact]
    public void TextWithoutLineBreaks_IsCutIntoParts()
    {
        var parts = MessageLimits.Fit(new SendText(7, new string('x', 10_000))).Cast<SendText>().ToList();

        Assert.Equal(10_000, parts.Sum(p => p.Text.Length));
        Assert.All(parts, p => Assert.InRange(p.Text.Length, 1, MessageLimits.MaxText));
    }

    [Fact]
    public void LongEditAndNotice_AreShortened()
    {
        var edit = (EditText)MessageLimits.Fit(new EditText(7, 3, new string('x', 5000))).Single();
        var notice = (AnswerButton)MessageLimits.Fit(new AnswerButton(7, "b", new string('y', 300))).Single();

        Assert.Equal(MessageLimits.MaxText, edit.Text.Length);
        Assert.Equal(MessageLimits.MaxNotice, notice.Text!.Length);
    }

    [Fact]
    public void ShortMessages_PassUnchanged()
    {
        var send = new SendText(7, "Halo");

        Assert.Same(send, Assert.Single(MessageLimits.Fit(send)));
    }
}

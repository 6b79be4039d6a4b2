using AsnBot.IntegrationTests.Support;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.IntegrationTests.Engine;

/// <summary>Odd things real Telegram clients send, through the real client and HTTP: a clear reply, no change, no crash.</summary>
public sealed class BadInputOverTheWireTests : IAsyncLifetime
{
    private Emulator _emulator = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _emulator = await Emulator.StartAsync();
        _bot = await BotUnderTest.StartAsync(_emulator);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task StickerPhotoVoiceLocationAndContact_EachGetAPoliteReply_AndTheQuestionStays()
    {
        var resident = _emulator.Resident(40_001);
        await SurveyScript.ToFirstElementAsync(resident);

        foreach (var send in new Func<Task<long>>[] { resident.SendSticker, () => resident.SendPhoto("lihat"), resident.SendVoice, () => resident.SendLocation(2.96, 99.8), () => resident.SendContact("+6281234567890") })
        {
            await send();
            await resident.WaitForText("Maaf, AsnBot hanya dapat membaca teks dan tombol.");
            await resident.WaitForText("Pertanyaan 1 dari 9");
        }

        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM answer"));
    }

    [Fact]
    public async Task VeryLongText_IsRefusedWithItsLength()
    {
        var resident = _emulator.Resident(40_002);
        await SurveyScript.ToFirstElementAsync(resident);
        await SurveyScript.AnswerElementsAsync(resident, [1, 2, 3, 4, 1, 2, 3, 4, 1]);

        await resident.SendText(new string('a', 4096));

        await resident.WaitForText("Teks terlalu panjang: 4096 karakter, maksimal 1000.");
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM answer WHERE question_code = 'SARAN'"));
    }

    [Fact]
    public async Task ForgedCallbackData_IsAnsweredAndIgnored()
    {
        var resident = _emulator.Resident(40_003);
        await SurveyScript.ToFirstElementAsync(resident);
        var question = resident.LastMessage;

        await resident.PressRaw(question.MessageId, "x:1:' OR 1=1 --");
        await resident.PressRaw(question.MessageId, "<b>hi</b>");

        // Six presses to reach the question, then the two forged ones.
        await resident.WaitForCallbackAnswer(count: 8);
        // The SQL-looking one has the shape of a submit button from an old step: it is stale.
        Assert.Contains(resident.CallbackAnswers, a => a.Text?.Contains("pesan lama", StringComparison.Ordinal) == true);
        Assert.Contains(resident.CallbackAnswers, a => a.Text == "Tombol itu tidak dikenali.");
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM answer"));
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM session WHERE state = 'Answering' AND question_code = 'U1'"));
    }

    [Fact]
    public async Task ButtonOnAMessageTelegramNoLongerHas_GetsTheCurrentStepAsANewMessage()
    {
        var resident = _emulator.Resident(40_004);
        await SurveyScript.ToFirstElementAsync(resident);
        var data = resident.LastMessage.InlineKeyboard.SelectMany(r => r).First().CallbackData!;

        await resident.PressRaw(messageId: 999_999, data);

        await resident.WaitForText("Pertanyaan 2 dari 9");
        Assert.Equal(1, _bot.Database.Count("SELECT COUNT(*) FROM answer"));
    }

    [Fact]
    public async Task MessagesInAGroup_GetNoReply()
    {
        var member = _emulator.Member(40_005, -100_555);
        var resident = _emulator.Resident(40_006);

        await member.SendText("/start");
        await resident.SendText("/start");
        await resident.WaitForText("Apakah Anda setuju?");

        Assert.Empty(member.Messages);
    }
}

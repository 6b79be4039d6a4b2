using AsnBot.Engine;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Engine;

/// <summary>Input that does not fit the step gets a clear reply; the state and the stored answers stay as they were.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task TypedTextMatchingNoButton_AsksToPressAButton_AndShowsTheQuestionAgain()
    {
        var resident = await _bot.Resident(601).ToFirstElement();

        await resident.Text("lumayan lah");

        // The notice and the step again come as one message.
        Assert.StartsWith("Mohon pilih salah satu tombol", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nPertanyaan 1 dari 9", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM answer"));
    }

    [Fact]
    public async Task Sticker_IsAnsweredPolitely_AndChangesNothing()
    {
        var resident = await _bot.Resident(602).ToFirstElement();
        var step = SessionStep(602);

        await resident.Sticker();

        Assert.StartsWith("Maaf, AsnBot hanya dapat membaca teks dan tombol.", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nPertanyaan 1 dari 9", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(step, SessionStep(602));
    }

    [Fact]
    public async Task StickerForTheSuggestion_AsksForText()
    {
        var resident = await (await _bot.Resident(603).ToFirstElement()).AnswerElements(2);

        await resident.Sticker();

        Assert.StartsWith("Mohon tulis jawaban Anda sebagai teks", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nLangkah terakhir", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestionLimit_CountsWhatTheResidentSees_AnEmojiOrAnAccentedLetterIsOneCharacter()
    {
        var resident = await (await _bot.Resident(605).ToFirstElement()).AnswerElements(2);
        var emoji = string.Concat(Enumerable.Repeat("👍🏽", 1001));
        var accented = string.Concat(Enumerable.Repeat("e\u0301", 1000));

        await resident.Text(emoji);
        Assert.Contains("1001 karakter, maksimal 1000", resident.Last.Text, StringComparison.Ordinal);

        await resident.Text(accented);
        Assert.Equal(accented, _bot.Database.Rows<string>("SELECT answer_text FROM answer WHERE question_code = 'SARAN'").Single());
    }

    [Fact]
    public void TextLength_CountsTextElements_NotUtf16Units()
    {
        Assert.Equal(5, AsnBot.Engine.TextLength.Of("😀😀😀😀😀"));
        Assert.Equal(1, AsnBot.Engine.TextLength.Of("👩‍👩‍👧"));
        Assert.Equal(4, AsnBot.Engine.TextLength.Of("Bu\u0301ku"));
        Assert.Equal(0, AsnBot.Engine.TextLength.Of(string.Empty));
    }

    [Fact]
    public async Task TenThousandCharacterSuggestion_IsRefusedWithItsLength_ThenAShortOneIsKept()
    {
        var resident = await (await _bot.Resident(604).ToFirstElement()).AnswerElements(2);

        await resident.Text(new string('x', 10_000));

        Assert.Contains("10000 karakter, maksimal 1000", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM answer WHERE question_code = 'SARAN'"));
        await resident.Text("Ruang tunggu panas.");
        Assert.Contains("Ringkasan jawaban", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal("Ruang tunggu panas.", _bot.Database.Rows<string>("SELECT answer_text FROM answer WHERE question_code = 'SARAN'").Single());
    }

    [Fact]
    public async Task WhitespaceOnlySuggestion_IsRefused()
    {
        var resident = await (await _bot.Resident(605).ToFirstElement()).AnswerElements(2);

        await resident.Text("   ");

        Assert.Contains(resident.Messages, m => m.Text.StartsWith("Teksnya kosong", StringComparison.Ordinal));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM answer WHERE question_code = 'SARAN'"));
    }

    [Fact]
    public async Task ButtonFromAnOlderMessage_IsStale_AndDoesNotChangeTheAnswer()
    {
        var resident = await _bot.Resident(606).ToFirstElement();
        var firstQuestion = resident.Last;
        var oldData = firstQuestion.Buttons.First(b => b.Label == "1 · Tidak sesuai").Data;
        await resident.Press("4 · Sangat sesuai");
        await resident.Press("4 · Sangat mudah");

        await resident.PressData(firstQuestion.Id, oldData);

        Assert.Contains(_bot.Transcript.Answers, a => a.Text?.Contains("pesan lama", StringComparison.Ordinal) == true);
        Assert.Equal("4", _bot.Database.Rows<string>("SELECT answer_code FROM answer WHERE question_code = 'U1'").Single());
        Assert.StartsWith("Pertanyaan 3 dari 9", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ButtonOnAMessageTheClientNoLongerHas_IsAnsweredWithANewMessage()
    {
        var resident = await _bot.Resident(607).ToFirstElement();
        var data = resident.Last.Buttons.First(b => b.Label == "2 · Kurang sesuai").Data;
        var before = resident.Messages.Count;

        await resident.PressData(messageId: null, data);

        Assert.Equal(before + 1, resident.Messages.Count);
        Assert.StartsWith("Pertanyaan 2 dari 9", resident.Last.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a:999999:1")]
    [InlineData("nonsense")]
    [InlineData("a:1:1:1")]
    [InlineData("u:{step}:NOT_A_UNIT")]
    [InlineData("a:{step}:7")]
    [InlineData("p:{step}:99")]
    [InlineData("zz:{step}:x")]
    [InlineData("")]
    public async Task ForgedCallbackData_IsRefused_AndChangesNothing(string data)
    {
        var resident = await _bot.Resident(608).ToFirstElement();
        var answersBefore = _bot.Database.Count("SELECT COUNT(*) FROM answer");
        var state = _bot.Database.Rows<string>("SELECT state FROM session").Single();

        await resident.PressData(resident.Last.Id, data.Replace("{step}", SessionStep(608).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Single(_bot.Transcript.Answers, a => a.Text is not null && a.ButtonId.StartsWith("608-", StringComparison.Ordinal) && a.Text != "Terima kasih, persetujuan Anda sudah dicatat.");
        Assert.Equal(answersBefore, _bot.Database.Count("SELECT COUNT(*) FROM answer"));
        Assert.Equal(state, _bot.Database.Rows<string>("SELECT state FROM session").Single());
        Assert.Contains("Pertanyaan 1 dari 9", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedCallbackData_IsRefused()
    {
        var resident = await _bot.Resident(609).ToFirstElement();

        await resident.PressData(resident.Last.Id, new string('a', 80));

        Assert.Contains(_bot.Transcript.Answers, a => a.Text == "Tombol itu tidak dikenali.");
    }

    [Fact]
    public async Task UnknownCommand_SaysSo()
    {
        var resident = await _bot.Resident(610).ToFirstElement();

        await resident.Command("sudo");

        Assert.Equal("Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah.", resident.Last.Text);
    }

    [Fact]
    public async Task SkipOnARequiredQuestion_IsRefused()
    {
        var resident = await _bot.Resident(611).ToFirstElement();

        await resident.PressData(resident.Last.Id, $"k:{SessionStep(611)}:");

        Assert.Contains(_bot.Transcript.Answers, a => a.Text == "Pertanyaan ini wajib dijawab.");
        Assert.Contains("\n\nPertanyaan 1 dari 9", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesInAGroup_AreIgnored()
    {
        await _bot.Deliver(new Inbound { ChatId = -100123, UserId = 612, Chat = ChatKind.Group, Kind = InboundKind.Command, Command = "start" });

        Assert.Empty(_bot.Transcript.Messages(-100123));
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task CommandsWithoutASurvey_AnswerPolitely()
    {
        var resident = await _bot.Resident(613).ToFirstElement();
        await resident.Command("batal");
        await resident.Press("Ya, batalkan");

        await resident.Command("batal");
        Assert.StartsWith("Tidak ada survei yang sedang diisi", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nApa yang ingin Anda lakukan?", resident.Last.Text, StringComparison.Ordinal);
        await resident.Text("halo");
        Assert.StartsWith("Apa yang ingin Anda lakukan?", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal(["📝 Isi survei kepuasan", "📣 Laporkan pengaduan", "🔎 Status pengaduan saya"], resident.Last.Buttons.Select(b => b.Label));
        await resident.Command("kembali");
        Assert.StartsWith("Tidak ada langkah sebelumnya", resident.Last.Text, StringComparison.Ordinal);
    }

    private long SessionStep(long chatId) => _bot.Database.Rows<long>("SELECT step FROM session WHERE chat_id = @chatId", new { chatId }).Single();
}

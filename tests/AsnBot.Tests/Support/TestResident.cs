using AsnBot.Engine;

namespace AsnBot.Tests.Support;

/// <summary>Acts as one resident in a private chat: types, runs commands, presses buttons by label.</summary>
public sealed class TestResident(BotHarness harness, long userId, string? languageCode)
{
    private int _presses;

    public long UserId => userId;

    public IReadOnlyList<ShownMessage> Messages => harness.Transcript.Messages(userId);

    public ShownMessage Last => Messages[^1];

    public Task Text(string text) => Send(new Inbound { ChatId = userId, UserId = userId, LanguageCode = languageCode, Kind = InboundKind.Text, Text = text });

    public Task Command(string command, string argument = "") => Send(new Inbound
    {
        ChatId = userId,
        UserId = userId,
        LanguageCode = languageCode,
        Kind = InboundKind.Command,
        Command = command,
        Text = argument,
    });

    public Task Photo(string fileId) => Send(new Inbound { ChatId = userId, UserId = userId, LanguageCode = languageCode, Kind = InboundKind.Photo, PhotoFileId = fileId });

    public Task Location(double latitude, double longitude) => Send(new Inbound
    {
        ChatId = userId,
        UserId = userId,
        LanguageCode = languageCode,
        Kind = InboundKind.Location,
        Latitude = latitude,
        Longitude = longitude,
    });

    /// <summary>
    /// Files a complaint through the whole flow; returns its tracking number. With <paramref name="otherUnit"/>
    /// "Unit lain…" is chosen and that name typed instead of pressing <paramref name="unit"/>.
    /// </summary>
    public async Task<string> FileComplaint(
        string category = "Pungutan liar",
        string unit = "Disdukcapil",
        string privacy = "Anonim",
        int photos = 0,
        bool location = false,
        string? otherUnit = null,
        string description = "Petugas loket meminta uang Rp50.000 agar KTP saya cepat selesai.")
    {
        await Command("lapor");
        await Press(category);
        if (otherUnit is null)
        {
            await Press(unit);
        }
        else
        {
            await Press("Unit lain…");
            await Text(otherUnit);
        }

        await Text(description);
        for (var i = 0; i < photos; i++)
        {
            await Photo($"photo-{userId}-{i}");
        }

        if (location)
        {
            await Location(2.9667, 99.8);
        }

        await Text("Lanjut ›");
        await Press(privacy);
        await Press("Kirim ✓");
        return System.Text.RegularExpressions.Regex.Match(Last.Text, "ADU-[0-9]{4}-[0-9A-Z]{5}").Value;
    }

    public Task Sticker() => Send(new Inbound { ChatId = userId, UserId = userId, LanguageCode = languageCode, Kind = InboundKind.Unsupported });

    /// <summary>Presses the button with this label on the newest message showing it.</summary>
    public Task Press(string label)
    {
        var message = Messages.LastOrDefault(m => m.Buttons.Any(b => b.Label == label))
            ?? throw new InvalidOperationException($"No button '{label}'. Last message: {Last.Text} [{string.Join(" | ", Last.Buttons.Select(b => b.Label))}]");
        return PressData(message.Id, message.Buttons.First(b => b.Label == label).Data);
    }

    public Task PressData(int? messageId, string data) => Send(new Inbound
    {
        ChatId = userId,
        UserId = userId,
        LanguageCode = languageCode,
        Kind = InboundKind.Button,
        ButtonData = data,
        ButtonId = $"{userId}-{++_presses}",
        ButtonMessageId = messageId,
    });

    /// <summary>/start and "Setuju": the resident has consented and the unit list is showing.</summary>
    public async Task<TestResident> Consent()
    {
        await Command("start");
        await Press("Setuju");
        return this;
    }

    /// <summary>Consents through a deep link to RSUD (no services) and skips the profile: the first SKM element is showing.</summary>
    public async Task<TestResident> ToFirstElement()
    {
        await Command("start", "u_RSUD");
        await Press("Setuju");
        for (var i = 0; i < 4; i++)
        {
            await Press("Lewati");
        }

        return this;
    }

    /// <summary>Answers U1–U9 with the same score; the suggestion step is showing afterwards.</summary>
    public async Task<TestResident> AnswerElements(int score)
    {
        foreach (var question in harness.Survey.Questions.Where(q => q.Group == AsnBot.Survey.QuestionGroup.Element))
        {
            var option = question.Option(score.ToString(System.Globalization.CultureInfo.InvariantCulture))!;
            await Press($"{option.Code} · {option.Label.Id}");
        }

        return this;
    }

    /// <summary>Consents, then answers the whole survey with the given element scores.</summary>
    public async Task CompleteSurvey(string unitLabel, int score = 3, string? suggestion = null)
    {
        await Command("start");
        if (Messages.Any(m => m.Buttons.Any(b => b.Label == "Setuju")))
        {
            await Press("Setuju");
        }

        await Press(unitLabel);
        if (Last.Buttons.Any(b => b.Label == "Lewati") && Last.Text.Contains("Jenis layanan", StringComparison.Ordinal))
        {
            await Press("Lewati");
        }

        for (var i = 0; i < 4; i++)
        {
            await Press("Lewati");
        }

        await AnswerElements(score);
        await (suggestion is null ? Press("Lewati") : Text(suggestion));
        await Press("Kirim ✓");
    }

    public async Task Send(Inbound inbound) => await harness.Deliver(inbound);
}

using AsnBot.Tests.Support;

namespace AsnBot.Tests.Privacy;

/// <summary>What the resident asked for before consenting is what opens after it; nothing is stored before.</summary>
public sealed class OnboardingTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Lapor_ThenSetuju_OpensTheComplaint_NotTheSurvey()
    {
        var resident = _bot.Resident(1401);
        await resident.Command("lapor");

        await resident.Press("Setuju");

        Assert.Equal("Pengaduan: apa jenis masalahnya?", resident.Last.Text);
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM response"));
        Assert.Equal("complaint", _bot.Database.Rows<string>("SELECT flow FROM session WHERE chat_id = 1401").Single());
    }

    [Fact]
    public async Task DeepLinkUnit_SurvivesALanguageSwitchBeforeConsent()
    {
        var resident = _bot.Resident(1402);
        await resident.Command("start", "u_RSUD");
        Assert.Equal(0, _bot.Database.Count("SELECT COUNT(*) FROM resident"));

        await resident.Press("English");
        Assert.Contains("Privacy notice", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("I agree");

        Assert.Equal("en", _bot.Database.Rows<string>("SELECT language FROM resident WHERE user_id = 1402").Single());
        Assert.Equal("RSUD", _bot.Database.Rows<string>("SELECT unit_code FROM response WHERE resident_id = 1402").Single());
        Assert.Contains("How old are you?", resident.Last.Text, StringComparison.Ordinal);

        await resident.Command("start");
        Assert.DoesNotContain("Privacy notice", resident.Last.Text, StringComparison.Ordinal);
        Assert.Contains("Welcome back", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaporInEnglish_LanguageChosenWithBahasa_ThenAgree_OpensTheComplaintInEnglish()
    {
        var resident = _bot.Resident(1403);
        await resident.Command("lapor");
        await resident.Press("English");

        await resident.Press("I agree");

        Assert.Equal("Complaint: what kind of problem is it?", resident.Last.Text);
        Assert.Equal("en", _bot.Database.Rows<string>("SELECT language FROM resident WHERE user_id = 1403").Single());
    }

    [Fact]
    public async Task LanguageChange_IsSaidOnce()
    {
        var resident = await _bot.Resident(1404).ToFirstElement();

        await resident.Command("bahasa");
        await resident.Press("English");

        Assert.Single(resident.Messages, m => m.Text.Contains("Language changed to English.", StringComparison.Ordinal));
        Assert.DoesNotContain(_bot.Transcript.Answers, a => a.Text?.Contains("Language changed", StringComparison.Ordinal) == true);
    }
}

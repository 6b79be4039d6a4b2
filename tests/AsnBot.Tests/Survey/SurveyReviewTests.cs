using AsnBot.Reports.Export;
using AsnBot.Tests.Support;

namespace AsnBot.Tests.Survey;

/// <summary>The review screen in plain words, and what "Ubah jawaban" can change.</summary>
public sealed class SurveyReviewTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Review_NamesEachQuestionByItsPlainTopic_NotTheUnsurCode()
    {
        var resident = await ToReviewAtDisdukcapil(1501);

        Assert.Contains("Hasil pelayanan sesuai standar: 3 · Sesuai", resident.Last.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("U5", resident.Last.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Produk Spesifikasi", resident.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeAnswer_TheUnit_KeepsTheAnswers_AndAsksTheNewUnitsServiceOnlyIfItHasAny()
    {
        var resident = await ToReviewAtDisdukcapil(1502);

        await resident.Press("Ubah jawaban");
        await resident.Press("Unit layanan");
        await resident.Press("RSUD Dr. Tengku Mansyur");

        Assert.Contains("Unit layanan: RSUD Dr. Tengku Mansyur", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Kirim ✓");
        var response = _bot.Database.Rows<(string Unit, string? Service)>("SELECT unit_code, service_code FROM response WHERE resident_id = 1502").Single();
        Assert.Equal(("RSUD", null), response);
        Assert.Equal(9, _bot.Database.SubmittedAnswers(1502).Count);
    }

    [Fact]
    public async Task ChangeAnswer_TheKindOfService_ReturnsToTheReview()
    {
        var resident = await ToReviewAtDisdukcapil(1503);

        await resident.Press("Ubah jawaban");
        await resident.Press("Jenis layanan");
        await resident.Press("Kartu Keluarga");

        Assert.Contains("Jenis layanan: Kartu Keluarga", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Kirim ✓");
        Assert.Equal("KK", _bot.Database.Rows<string>("SELECT service_code FROM response WHERE resident_id = 1503").Single());
    }

    [Fact]
    public async Task ChangeAnswer_TheUnit_CanGoBackToTheSummaryUnchanged()
    {
        var resident = await ToReviewAtDisdukcapil(1504);

        await resident.Press("Ubah jawaban");
        await resident.Press("Unit layanan");
        await resident.Press("‹ Kembali ke ringkasan");

        Assert.Contains("Jenis layanan: KTP elektronik", resident.Last.Text, StringComparison.Ordinal);
        Assert.Equal("DISDUK", _bot.Database.Rows<string>("SELECT unit_code FROM response WHERE resident_id = 1504").Single());
    }

    [Fact]
    public async Task ComingBackWhileChoosingWhichAnswerToChange_SaysSo_NotTheSummary()
    {
        var resident = await ToReviewAtDisdukcapil(1505);
        await resident.Press("Ubah jawaban");

        _bot.Clock.Advance(TimeSpan.FromHours(3));
        await resident.Text("halo");

        Assert.Contains("memilih jawaban yang akan diubah", resident.Last.Text, StringComparison.Ordinal);
        await resident.Press("Lanjutkan");
        Assert.Contains("Unit layanan", resident.Last.Buttons.Select(b => b.Label));
    }

    [Fact]
    public async Task Occupation_OffersTheCitysOwn_WithNewCodes_InTheDataDictionaryToo()
    {
        var resident = _bot.Resident(1506);
        await resident.Command("start", "u_RSUD");
        await resident.Press("Setuju");
        await resident.Press("Lewati");
        await resident.Press("Lewati");
        await resident.Press("Lewati");

        Assert.Equal(
            ["PNS", "TNI", "POLRI", "Pegawai swasta", "Wirausaha", "Nelayan", "Petani/pekebun", "Ibu rumah tangga", "Pelajar/Mahasiswa", "Lainnya"],
            resident.Last.Buttons.Select(b => b.Label).Take(10));
        await resident.Press("Nelayan");

        Assert.Equal("NELAYAN", _bot.Database.Rows<string>("SELECT answer_code FROM answer WHERE question_code = 'JOB'").Single());
        var dictionary = DataDictionary.Rows(_bot.Survey).Where(r => r[0] == "JOB").Select(r => (r[2], r[3])).ToList();
        Assert.Equal(
            [("PNS", "PNS"), ("TNI", "TNI"), ("POLRI", "POLRI"), ("SWASTA", "Pegawai swasta"), ("WIRAUSAHA", "Wirausaha"), ("NELAYAN", "Nelayan"),
             ("PETANI", "Petani/pekebun"), ("IRT", "Ibu rumah tangga"), ("PELAJAR", "Pelajar/Mahasiswa"), ("LAINNYA", "Lainnya")],
            dictionary);
    }

    /// <summary>Disdukcapil, KTP elektronik, profile skipped, every element 3, no suggestion: the review is showing.</summary>
    private async Task<TestResident> ToReviewAtDisdukcapil(long userId)
    {
        var resident = await _bot.Resident(userId).Consent();
        await resident.Press("Disdukcapil");
        await resident.Press("KTP elektronik");
        for (var i = 0; i < 4; i++)
        {
            await resident.Press("Lewati");
        }

        await resident.AnswerElements(3);
        await resident.Press("Lewati");
        return resident;
    }
}

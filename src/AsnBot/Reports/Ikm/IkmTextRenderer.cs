using System.Globalization;
using System.Text;

namespace AsnBot.Reports.Ikm;

/// <summary>The report as plain text (Bahasa Indonesia), for a terminal now and a Telegram message later.</summary>
internal static class IkmTextRenderer
{
    public static string Render(IkmReport report)
    {
        var text = new StringBuilder();
        Line(text, $"Laporan Indeks Kepuasan Masyarakat (IKM), periode {report.Round}");
        Line(text, "Cara hitung: NRR unsur = jumlah nilai ÷ jumlah responden yang menjawab unsur itu; bobot tiap unsur 1/9 persis");
        Line(text, "(bukan 0,111); nilai SKM = Σ NRR × 1/9; IKM = nilai SKM × 25; dibulatkan dua desimal hanya untuk tampilan.");
        Line(text, $"Minimum responden untuk peringkat: {report.MinimumRespondents}.");
        foreach (var unit in report.Units)
        {
            Unit(text, unit);
        }

        if (report.City is { } city)
        {
            Unit(text, city);
            Line(text, "IKM kota dihitung dari jawaban semua responden yang digabung, bukan rata-rata IKM unit.");
        }

        Complaints.ComplaintFiguresText.Render(text, report);
        return text.ToString();
    }

    private static void Unit(StringBuilder text, UnitResult unit)
    {
        Line(text, string.Empty);
        Line(text, $"== {unit.Name} ({unit.Code}) ==");
        var flag = unit.BelowMinimumRespondents ? "  [PERHATIAN: di bawah minimum responden]" : string.Empty;
        Line(text, $"Responden: {unit.Respondents}{flag}");
        Line(text, unit.Sample.MinimumSample is { } min
            ? $"Sampel minimum (Krejcie & Morgan, N = {unit.Sample.ServiceUsers}): {min}, {(unit.Sample.Reached == true ? "tercapai" : "belum tercapai")}"
            : "Sampel minimum: tidak diketahui (jumlah pengguna layanan belum diatur)");
        if (unit.Score is { } score)
        {
            Line(text, $"IKM {N(score.Ikm, 2)}  nilai SKM {N(score.SkmValue, 4)}  mutu {score.Mutu.Grade} ({score.Mutu.Kinerja})");
            Line(text, $"(dengan bobot dibulatkan 0,111 seperti banyak laporan terbitan: {N(score.IkmWithPublishedWeight, 2)})");
        }
        else
        {
            Line(text, unit.Respondents == 0 ? "IKM: belum ada responden" : "IKM: tidak dapat dihitung (ada unsur tanpa jawaban)");
        }

        Line(text, "Unsur  NRR     NRR×1/9  dijawab  nama");
        foreach (var e in unit.Elements)
        {
            Line(text, $"{e.Code,-5}  {N(e.Nrr, 4),-6}  {N(e.WeightedNrr, 4),-7}  {e.Answered,7}  {e.Name}");
        }

        if (unit.Lowest.Count > 0)
        {
            Line(text, "Tiga unsur terendah: " + string.Join("; ", unit.Lowest.Select(e => $"{e.Code} {e.Name} ({N(e.Nrr, 2)})")));
        }
    }

    private static string N(decimal? value, int decimals) => value is { } v
        ? Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : "-";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}

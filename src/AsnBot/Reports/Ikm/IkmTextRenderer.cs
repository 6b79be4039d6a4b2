using System.Text;

namespace AsnBot.Reports.Ikm;

/// <summary>The report as plain text (Bahasa Indonesia, decimal comma), for a terminal and a Telegram message.</summary>
internal static class IkmTextRenderer
{
    public static string Render(IkmReport report)
    {
        var text = new StringBuilder();
        var subject = report.City ?? report.Units[0];
        var warning = ReportNumbers.BelowMinimum(subject, report.MinimumRespondents);
        Line(text, $"Laporan Indeks Kepuasan Masyarakat (IKM), periode {report.RoundName}{(warning.Length > 0 ? " — " + warning : string.Empty)}");
        Line(text, "Cara hitung: NRR unsur = jumlah nilai ÷ jumlah responden yang menjawab unsur itu; bobot tiap unsur 1/9 persis");
        Line(text, "(bukan 0,111); nilai SKM = Σ NRR × 1/9; IKM = nilai SKM × 25; dibulatkan dua desimal hanya untuk tampilan.");
        Line(text, $"Minimum responden untuk peringkat: {report.MinimumRespondents}.");
        foreach (var unit in report.Units.Where(u => u.Respondents > 0))
        {
            Unit(text, unit, report.MinimumRespondents);
        }

        var silent = report.Units.Where(u => u.Respondents == 0).Select(ReportNumbers.UnitLabel).ToList();
        if (silent.Count > 0)
        {
            Line(text, string.Empty);
            Line(text, $"Belum ada responden ({silent.Count} unit): {string.Join("; ", silent)}.");
        }

        if (report.City is { } city)
        {
            Unit(text, city, report.MinimumRespondents);
            Line(text, "IKM kota dihitung dari jawaban semua responden yang digabung, bukan rata-rata IKM unit.");
        }

        Complaints.ComplaintFiguresText.Render(text, report);
        return text.ToString();
    }

    private static void Unit(StringBuilder text, UnitResult unit, int minimum)
    {
        Line(text, string.Empty);
        Line(text, $"== {ReportNumbers.UnitLabel(unit)} ==");
        var warning = ReportNumbers.BelowMinimum(unit, minimum);
        Line(text, $"Responden: {unit.Respondents}{(warning.Length > 0 ? "  [" + warning + "]" : string.Empty)}");
        Line(text, unit.Sample.MinimumSample is { } min
            ? $"Sampel minimum (Krejcie & Morgan, N = {unit.Sample.ServiceUsers}): {min}, {(unit.Sample.Reached == true ? "tercapai" : "belum tercapai")}"
            : "Sampel minimum: tidak diketahui (jumlah pengguna layanan belum diatur)");
        if (unit.Score is { } score)
        {
            Line(text, $"IKM {ReportNumbers.Fixed(score.Ikm, 2)}  nilai SKM {ReportNumbers.Fixed(score.SkmValue, 4)}  mutu {score.Mutu.Grade} ({score.Mutu.Kinerja})");
            Line(text, $"(dengan bobot dibulatkan 0,111 seperti banyak laporan terbitan: {ReportNumbers.Fixed(score.IkmWithPublishedWeight, 2)})");
        }
        else
        {
            Line(text, unit.Respondents == 0 ? "IKM: belum ada responden" : "IKM: tidak dapat dihitung (ada unsur tanpa jawaban)");
        }

        Line(text, "Unsur  NRR     NRR×1/9  dijawab  nama");
        foreach (var e in unit.Elements)
        {
            Line(text, $"{e.Code,-5}  {ReportNumbers.Fixed(e.Nrr, 4),-6}  {ReportNumbers.Fixed(e.WeightedNrr, 4),-7}  {e.Answered,7}  {e.Name}");
        }

        if (unit.Lowest.Count > 0)
        {
            Line(text, "Tiga unsur terendah: " + string.Join("; ", unit.Lowest.Select(e => $"{e.Code} {e.Name} ({ReportNumbers.Fixed(e.Nrr, 2)})")));
        }
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}

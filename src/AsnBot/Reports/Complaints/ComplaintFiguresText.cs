using System.Text;
using AsnBot.Reports.Ikm;

namespace AsnBot.Reports.Complaints;

/// <summary>The complaint part of the text report (Bahasa Indonesia): counts and working-day figures, never a single complaint.</summary>
internal static class ComplaintFiguresText
{
    public static void Render(StringBuilder text, IkmReport report)
    {
        if (report.Complaints is not { } section)
        {
            return;
        }

        Line(text, string.Empty);
        Line(text, "== Pengaduan ==");
        Line(text, $"Periode: {section.Period.Describe()}, menurut waktu pengajuan.");
        Line(text, $"Cara hitung: {section.Convention}.");
        foreach (var unit in report.Units.Where(u => section.For(u.Code).Count > 0))
        {
            Figures(text, ReportNumbers.UnitLabel(unit), section.For(unit.Code), section);
        }

        var none = report.Units.Where(u => section.For(u.Code).Count == 0).Select(ReportNumbers.UnitLabel).ToList();
        if (none.Count > 0)
        {
            Line(text, $"Tanpa pengaduan ({none.Count} unit): {string.Join("; ", none)}.");
        }

        if (section.City is { } city)
        {
            Figures(text, "Kota (semua unit)", city, section);
        }
    }

    private static void Figures(StringBuilder text, string title, ComplaintFigures figures, ComplaintSection section)
    {
        var categories = string.Join(", ", section.Categories
            .Where(c => figures.ByCategory.GetValueOrDefault(c.Code) > 0)
            .Select(c => $"{c.Name} {figures.ByCategory[c.Code]}"));
        Line(text, $"{title}: {figures.Count} pengaduan{(categories.Length > 0 ? "; " + categories : string.Empty)}");
        if (figures.Count == 0)
        {
            return;
        }

        var share = figures.FirstResponseInTimePercent is { } percent ? $" ({N(percent)} %)" : string.Empty;
        Line(text, $"  tanggapan pertama tepat waktu (paling lambat {section.FirstResponseWithinWorkingDays} hari kerja): "
            + $"{figures.FirstResponseInTime} dari {figures.FirstResponseDue}{share}; belum jatuh tempo: {figures.FirstResponsePending}");
        Line(text, $"  median hari kerja sampai tanggapan pertama: {N(figures.MedianWorkingDaysToFirstResponse)} ({figures.FirstResponded} pengaduan); "
            + $"sampai selesai: {N(figures.MedianWorkingDaysToResolution)} ({figures.Resolved} pengaduan)");
    }

    private static string N(decimal? value) => ReportNumbers.Short(value);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}

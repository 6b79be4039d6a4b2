using AsnBot.Complaints;
using AsnBot.Texts;

namespace AsnBot.Reports.Complaints;

/// <summary>The "kamus data" sheet of a complaint export: every column, and the codes of category, status and privacy.</summary>
internal static class ComplaintDictionary
{
    private static readonly string[][] Columns =
    [
        ["tracking_no", "Nomor pengaduan (ADU-tahun-5 karakter), tetap", "", ""],
        ["reporter", "Pelapor: pseudonim dengan kunci rahasia (sama dengan kolom respondent di ekspor survei) hanya untuk pengaduan teridentifikasi; kosong untuk anonim, rahasia, dan pelapor yang sudah menghapus datanya", "", ""],
        ["category", "Kode kategori", "", ""],
        ["unit", "Kode unit layanan; LAIN = unit di luar daftar (namanya di unit_other)", "", ""],
        ["unit_other", "Nama unit yang ditulis pelapor bila unit tidak ada di daftar; kosong untuk pengaduan rahasia", "", ""],
        ["status", "Kode status sekarang", "", ""],
        ["privacy", "Kode privasi yang dipilih pelapor", "", ""],
        ["submitted_at", "Waktu pengajuan, ISO 8601 dengan offset zona waktu", "", ""],
        ["first_response_at", "Tanggapan pertama petugas (jawaban, diproses, selesai, ditolak, bukan wewenang; verifikasi saja tidak termasuk)", "", ""],
        ["resolved_at", "Waktu terakhir ditandai selesai (masih terisi bila kemudian dibuka kembali)", "", ""],
        ["first_response_due", "Hari terakhir tanggapan pertama tepat waktu (yyyy-MM-dd, WIB)", "", ""],
        ["working_days_to_first_response", "Hari kerja dari hari setelah pengajuan sampai hari tanggapan pertama (Sabtu, Minggu, libur tidak dihitung; hari yang sama = 0)", "", ""],
        ["first_response_in_time", "1 = tanggapan pertama paling lambat first_response_due; 0 = terlambat atau belum ada dan sudah lewat; kosong = belum jatuh tempo", "", ""],
        ["working_days_to_resolution", "Hari kerja dari pengajuan sampai selesai, hanya untuk status selesai atau ditutup", "", ""],
        ["reopened", "1 = pernah dibuka kembali oleh pelapor", "", ""],
        ["duplicate_of", "Nomor pengaduan lain yang mirip (unit dan kategori sama, waktu berdekatan); hanya penanda", "", ""],
        ["photo_count", "Jumlah foto bukti", "", ""],
        ["has_location", "1 = pelapor mengirim lokasi (koordinat tidak diekspor)", "", ""],
        ["description", "Uraian pelapor; kosong untuk pengaduan rahasia", "", ""],
        ["*_label", "Nama/label bahasa Indonesia untuk kode di kolom sebelumnya (dengan --labels)", "", ""],
        ["events: actor", "resident = pelapor (tidak pernah disebut siapa), system, admin:<id Telegram petugas>", "", ""],
        ["events: note", "Catatan atau jawaban petugas, alasan pelapor membuka kembali; kosong untuk pengaduan rahasia", "", ""],
    ];

    public static IEnumerable<string[]> Rows(ComplaintOptions options, TextCatalog texts)
    {
        foreach (var row in Columns)
        {
            yield return row;
        }

        foreach (var category in options.Categories)
        {
            yield return ["category", "Kategori", category.Code, category.NameId];
        }

        foreach (var status in ComplaintStatus.All)
        {
            yield return ["status", "Status", status, texts.Get(Language.Id, $"status.{status}")];
        }

        foreach (var privacy in new[] { "identified", "anonymous", "confidential" })
        {
            yield return ["privacy", "Privasi", privacy, texts.Get(Language.Id, $"privacy.{privacy}")];
        }
    }
}

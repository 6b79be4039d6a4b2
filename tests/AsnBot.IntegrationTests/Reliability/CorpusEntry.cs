using AsnBot.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>One hostile or odd update, who it reaches, and what the bot owes in answer.</summary>
/// <param name="Name">What the update is, for failure messages.</param>
/// <param name="Target">The chat whose bot messages and the user whose button answers are checked.</param>
/// <param name="Expect">The reply due.</param>
/// <param name="Send">Enqueues the update at the emulator; returns its update_id.</param>
internal sealed record CorpusEntry(string Name, Resident Target, Expect Expect, Func<Task<long>> Send);

/// <summary>
/// The reply an update is due: new messages in the target chat (each identified by a fragment of its text, in
/// any order) and, for button presses, whether the press is answered and with which notice.
/// </summary>
internal sealed record Expect(IReadOnlyList<string> Messages, bool Answered = false, string? Answer = null)
{
    /// <summary>No message, no button answer.</summary>
    public static readonly Expect Nothing = new([]);

    public static Expect Say(params string[] messages) => new(messages);

    public static Expect Press(string? answer, params string[] messages) => new(messages, Answered: true, answer);
}

/// <summary>Fragments of the bot's Indonesian texts that identify each reply.</summary>
internal static class Said
{
    /// <summary>Separates fragments that must all be in one message (a notice and the step it opens).</summary>
    public const string And = " … ";

    public const string Unsupported = "Maaf, AsnBot hanya dapat membaca teks dan tombol.";
    public const string PressButton = "Mohon pilih salah satu tombol";
    public const string UnknownCommand = "Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah.";
    public const string ConsentRequired = "Sebelum mulai, mohon baca pemberitahuan privasi";
    public const string Notice = "Apakah Anda setuju?";
    public const string NoData = "AsnBot tidak menyimpan data apa pun tentang Anda.";
    public const string Menu = "Apa yang ingin Anda lakukan?";
    public const string ButtonInvalid = "Tombol itu tidak dikenali.";
    public const string ButtonStale = "Tombol itu dari pesan lama dan sudah tidak berlaku. Silakan lanjutkan dari pesan terbaru.";
    public const string Apology = "Maaf, terjadi kesalahan";

    public static string Question(int number) => $"Pertanyaan {number} dari 9";

    /// <summary>One message holding every fragment: a notice and the screen it opens.</summary>
    public static string Together(params string[] fragments) => string.Join(And, fragments);

    public static bool In(string text, string fragment) =>
        fragment.Split(And).All(part => text.Contains(part, StringComparison.Ordinal));
}

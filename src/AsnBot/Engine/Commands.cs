namespace AsnBot.Engine;

/// <summary>Resident commands: Indonesian names first, English aliases accepted everywhere.</summary>
public static class Commands
{
    public static readonly IReadOnlyList<(string Indonesian, string English, string DescriptionKey)> Menu =
    [
        ("start", "start", "cmd.start"),
        ("lapor", "report", "cmd.report"),
        ("status", "status", "cmd.status"),
        ("kembali", "back", "cmd.back"),
        ("batal", "cancel", "cmd.cancel"),
        ("bahasa", "language", "cmd.language"),
        ("datasaya", "mydata", "cmd.mydata"),
        ("hapus", "delete", "cmd.delete"),
        ("berhenti", "stop", "cmd.stop"),
        ("langganan", "subscribe", "cmd.subscribe"),
        ("bantuan", "help", "cmd.help"),
    ];

    /// <summary>The menu's English name for a command typed in either language; null when unknown.</summary>
    public static string? Canonical(string? command) =>
        Menu.FirstOrDefault(c => c.Indonesian == command || c.English == command).English;
}

using System.Globalization;
using AsnBot.Data.Complaints;

namespace AsnBot.Conversations.Complaints;

/// <summary>The action buttons under a complaint post in the admin group, and the tags that route replies.</summary>
internal static class AdminButtons
{
    /// <summary>Button code, label (admins work in Indonesian), and the action; "b" (Balas) asks for an answer instead.</summary>
    public static readonly IReadOnlyList<(string Code, string Label, ComplaintAction? Action)> Actions =
    [
        ("v", "Verifikasi", ComplaintAction.Verify),
        ("t", "Tolak", ComplaintAction.Reject),
        ("n", "Bukan wewenang", ComplaintAction.NotOurs),
        ("p", "Proses", ComplaintAction.Process),
        ("s", "Selesai", ComplaintAction.Resolve),
        ("b", "Balas", null),
    ];

    public static Keyboard For(ComplaintRow complaint) =>
        new(Actions.Chunk(3).Select(row => (IReadOnlyList<Button>)row
            .Select(a => new Button(a.Label, ButtonPress.Of(ComplaintButtons.Admin, complaint.Version, $"{Id(complaint.Id)}-{a.Code}")))
            .ToList()).ToList());

    public static string PostTag(long id) => $"post:{Id(id)}";

    public static string ReplyTag(long id) => $"reply:{Id(id)}";

    public static string RejectTag(long id) => $"reject:{Id(id)}";

    /// <summary>Reads "kind:id" back; null for anything else.</summary>
    public static (string Kind, long Id)? ParseTag(string? tag) =>
        tag?.Split(':') is [var kind, var id] && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? (kind, value) : null;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

}

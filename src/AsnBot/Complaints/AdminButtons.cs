using System.Globalization;
using AsnBot.Data.Complaints;
using AsnBot.Engine;

namespace AsnBot.Complaints;

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

    /// <summary>"Lihat bukti": sends the stored photos to the admin's private chat; carries no action on the complaint.</summary>
    public const string Evidence = "e";

    public static Keyboard For(ComplaintRow complaint) =>
        new(Actions.Chunk(3).Select(row => (IReadOnlyList<Button>)row
            .Select(a => new Button(a.Label, Data(complaint, a.Code)))
            .ToList()).ToList());

    /// <summary>The action buttons and, under them, "Lihat bukti" with the number of photos.</summary>
    public static Keyboard WithEvidence(ComplaintRow complaint, string label) =>
        new([.. For(complaint).Rows, [new Button(label, Data(complaint, Evidence))]]);

    /// <summary>A full admin view of the complaint (what erasure edits when it showed the reporter's id).</summary>
    public static string PostTag(long id) => $"post:{Id(id)}";

    /// <summary>A later notice about the complaint (reopened), answered like its post.</summary>
    public static string NoticeTag(long id) => $"notice:{Id(id)}";

    public static string ReplyTag(long id) => $"reply:{Id(id)}";

    public static string RejectTag(long id) => $"reject:{Id(id)}";

    /// <summary>
    /// Reads back the tag of a complaint post, notice or prompt ("post:42", "notice:42", "reply:42", "reject:42");
    /// null for anything else, such as a broadcast's progress message ("broadcast:42"), whose number is no complaint's.
    /// </summary>
    public static (string Kind, long Id)? ParseTag(string? tag) =>
        tag?.Split(':') is [var kind and ("post" or "notice" or "reply" or "reject"), var id]
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? (kind, value)
                : null;

    private static string Data(ComplaintRow complaint, string code) => ButtonPress.Of(ComplaintButtons.Admin, complaint.Version, $"{Id(complaint.Id)}-{code}");

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

}

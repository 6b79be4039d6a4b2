namespace AsnBot.Complaints;

/// <summary>Callback actions of complaint buttons. Resident filing steps carry the session step; the rest carry the complaint version.</summary>
internal static class ComplaintButtons
{
    public const string Category = "Kc";
    public const string Unit = "Ku";
    public const string OtherUnit = "Ko";
    public const string EvidenceDone = "Ke";
    public const string Privacy = "Kp";
    public const string Submit = "Kx";
    public const string Back = "Kb";
    public const string CancelYes = "Ky";
    public const string CancelNo = "Kn";

    /// <summary>"Lanjutkan pengaduan" / "Batalkan pengaduan" on the prompt shown to someone who turned to something else mid-complaint.</summary>
    public const string Resume = "Kr";
    public const string Abandon = "Kq";

    /// <summary>Reporter: "Ya, sudah selesai" (argument: complaint id; step: complaint version).</summary>
    public const string ConfirmResolved = "Rs";

    /// <summary>Reporter: "Belum selesai" — reopen with a reason.</summary>
    public const string Reopen = "Ro";

    /// <summary>Admin action on a complaint post: "A:&lt;version&gt;:&lt;id&gt;-&lt;action&gt;".</summary>
    public const string Admin = "A";

    public static bool IsFilingAction(string action) => action is Category or Unit or OtherUnit or EvidenceDone or Privacy or Submit or Back or CancelYes or CancelNo or Resume or Abandon;
}

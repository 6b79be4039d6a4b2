namespace AsnBot.Reports.Ikm;

/// <summary>Mutu pelayanan and kinerja unit for an IKM (PermenPANRB 14/2017).</summary>
public sealed record Mutu(string Grade, string Kinerja)
{
    public static readonly Mutu A = new("A", "Sangat baik");
    public static readonly Mutu B = new("B", "Baik");
    public static readonly Mutu C = new("C", "Kurang baik");
    public static readonly Mutu D = new("D", "Tidak baik");

    /// <summary>
    /// Bands on the IKM as displayed (two decimals, half away from zero), where the regulation's table
    /// has no gaps: 25.00–64.99 D, 65.00–76.60 C, 76.61–88.30 B, 88.31–100.00 A.
    /// </summary>
    public static Mutu For(decimal ikm) => IkmCalculator.Display(ikm) switch
    {
        >= 88.31m => A,
        >= 76.61m => B,
        >= 65.00m => C,
        _ => D,
    };

    /// <summary>The same bands on the 1–4 scale of an NRR or SKM value, for the chart.</summary>
    public static readonly (Mutu Mutu, double From, double To)[] NrrBands =
    [
        (D, 1.00, 2.60),
        (C, 2.60, 3.0644),
        (B, 3.0644, 3.5324),
        (A, 3.5324, 4.00),
    ];
}

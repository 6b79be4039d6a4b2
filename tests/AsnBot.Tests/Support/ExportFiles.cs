using CsvHelper;

namespace AsnBot.Tests.Support;

/// <summary>Reads exported files back, for round-trip checks against the database.</summary>
public static class ExportFiles
{
    /// <summary>Every CSV row as column name → value, with the same CSV library the export writes with.</summary>
    public static List<Dictionary<string, string?>> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions());
        var rows = new List<Dictionary<string, string?>>();
        while (reader.Read())
        {
            var headers = reader.Headers;
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(i => headers[i], i => (string?)reader.GetString(i)));
        }

        return rows;
    }
}

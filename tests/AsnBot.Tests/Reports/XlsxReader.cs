using System.IO.Compression;
using System.Xml.Linq;

namespace AsnBot.Tests.Reports;

/// <summary>Reads an XLSX back (SpreadCheetah only writes): sheet name → rows of cell text, by cell reference.</summary>
internal static class XlsxReader
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static Dictionary<string, List<string?[]>> Read(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } s
            ? Load(s).Descendants(Main + "si").Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToList()
            : [];
        var targets = Load(zip.GetEntry("xl/_rels/workbook.xml.rels")!).Descendants(PackageRel + "Relationship")
            .ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!);
        var result = new Dictionary<string, List<string?[]>>();
        foreach (var sheet in Load(zip.GetEntry("xl/workbook.xml")!).Descendants(Main + "sheet"))
        {
            var target = targets[(string)sheet.Attribute(Rel + "id")!].TrimStart('/');
            var path = target.StartsWith("xl/", StringComparison.Ordinal) ? target : "xl/" + target;
            result[(string)sheet.Attribute("name")!] = Rows(Load(zip.GetEntry(path)!), shared);
        }

        return result;
    }

    private static List<string?[]> Rows(XDocument sheet, List<string> shared) =>
        [.. sheet.Descendants(Main + "row").Select(row =>
        {
            var cells = new SortedDictionary<int, string?>();
            var next = 0;
            foreach (var c in row.Elements(Main + "c"))
            {
                var index = c.Attribute("r") is { } r ? Column(r.Value) : next;
                next = index + 1;
                cells[index] = (string?)c.Attribute("t") switch
                {
                    "s" => shared[int.Parse(c.Element(Main + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture)],
                    "inlineStr" => string.Concat(c.Descendants(Main + "t").Select(t => t.Value)),
                    _ => c.Element(Main + "v")?.Value,
                };
            }

            var values = new string?[cells.Count == 0 ? 0 : cells.Keys.Max() + 1];
            foreach (var (i, v) in cells)
            {
                values[i] = v;
            }

            return values;
        })];

    private static int Column(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (ch - 'A' + 1);
        }

        return index - 1;
    }

    private static XDocument Load(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }
}

using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace Kaohe.IO.Documents;

/// <summary>
/// Adds what a printed paper form needs to a workbook SpreadCheetah wrote (it has no page-setup API): A4, fit to one
/// page wide, the item table's heading repeated on every page (<c>_xlnm.Print_Titles</c>), centred, and 第 N 页，共 M 页
/// in the footer. The workbook is copied entry by entry; a worksheet is streamed through with the page setup inserted
/// at its start and end, so a long summary sheet is never read whole.
/// </summary>
public static class PrintSetup
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    // Inserted as the worksheet's first child (sheetPr must come first) …
    private const string Head = """<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>""";

    // … and before its end, in the schema's order (printOptions, pageMargins, pageSetup, headerFooter).
    private static string Tail(bool landscape) =>
        """<printOptions horizontalCentered="1"/><pageMargins left="0.5" right="0.5" top="0.6" bottom="0.7" header="0.3" footer="0.3"/>"""
        + $"""<pageSetup paperSize="9" orientation="{(landscape ? "landscape" : "portrait")}" fitToWidth="1" fitToHeight="0"/>"""
        + """<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>""";

    /// <summary>
    /// Builds a workbook with <paramref name="write"/> in a temporary file (deleted when done), then copies it to
    /// <paramref name="output"/> with the print settings <paramref name="write"/> returns.
    /// </summary>
    public static async Task WriteAsync(Stream output, Func<Stream, Task<IReadOnlyList<SheetPrint>>> write)
    {
        var temp = Path.Combine(Path.GetTempPath(), "kaohe-print-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var sheets = await write(file);
        file.Position = 0;
        Apply(file, output, sheets);
    }

    /// <summary>Copies the workbook in <paramref name="input"/> to <paramref name="output"/> with the print settings of <paramref name="sheets"/> (in sheet order).</summary>
    public static void Apply(Stream input, Stream output, IReadOnlyList<SheetPrint> sheets)
    {
        using var source = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
            using var from = entry.Open();
            using var to = copy.Open();
            if (entry.FullName == "xl/workbook.xml") Workbook(from, to, sheets);
            else if (SheetIndex(entry.FullName) is { } index)
            {
                if (index >= sheets.Count) throw new InvalidOperationException($"worksheet {entry.FullName} has no print settings");
                Worksheet(from, to, sheets[index].Landscape);
            }
            else from.CopyTo(to);
        }
    }

    /// <summary>SpreadCheetah names the n-th worksheet xl/worksheets/sheet{n}.xml.</summary>
    private static int? SheetIndex(string name)
    {
        const string prefix = "xl/worksheets/sheet";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".xml", StringComparison.Ordinal)) return null;
        return int.TryParse(name.AsSpan(prefix.Length, name.Length - prefix.Length - 4), out var n) ? n - 1 : null;
    }

    private static void Workbook(Stream from, Stream to, IReadOnlyList<SheetPrint> sheets)
    {
        // workbook.xml lists the sheets only: small even for thousands of them.
        var doc = XDocument.Load(from);
        XNamespace ns = Main;
        var root = doc.Root ?? throw new InvalidOperationException("workbook.xml without a root");
        var sheetList = root.Element(ns + "sheets") ?? throw new InvalidOperationException("workbook.xml without sheets");
        var names = root.Element(ns + "definedNames");
        if (names is null)
        {
            names = new XElement(ns + "definedNames");
            sheetList.AddAfterSelf(names);
        }
        for (var i = 0; i < sheets.Count; i++)
        {
            var quoted = "'" + sheets[i].Name.Replace("'", "''", StringComparison.Ordinal) + "'";
            names.Add(new XElement(ns + "definedName", new XAttribute("name", "_xlnm.Print_Titles"), new XAttribute("localSheetId", i),
                $"{quoted}!${sheets[i].HeadingRow}:${sheets[i].HeadingRow}"));
        }
        doc.Save(to, SaveOptions.DisableFormatting);
    }

    private static void Worksheet(Stream from, Stream to, bool landscape)
    {
        using var reader = new StreamReader(from, Encoding.UTF8);
        using var writer = new StreamWriter(to, new UTF8Encoding(false), 1 << 16);
        var buffer = new char[1 << 16];
        var pending = new StringBuilder();
        var headDone = false;
        const string end = "</worksheet>";
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            pending.Append(buffer, 0, read);
            if (!headDone)
            {
                var text = pending.ToString();
                var start = text.IndexOf("<worksheet", StringComparison.Ordinal);
                var close = start < 0 ? -1 : text.IndexOf('>', start);
                if (close < 0) continue;
                if (text.AsSpan(close + 1).TrimStart().StartsWith("<sheetPr", StringComparison.Ordinal))
                    throw new InvalidOperationException("the worksheet has its own sheetPr: the print settings would be placed wrongly");
                pending.Clear().Append(text, 0, close + 1).Append(Head).Append(text, close + 1, text.Length - close - 1);
                headDone = true;
            }
            // Keep the last characters back: the end tag may be split between two reads.
            if (pending.Length > end.Length)
            {
                var keep = end.Length;
                writer.Write(pending.ToString(0, pending.Length - keep));
                pending.Remove(0, pending.Length - keep);
            }
        }
        var tail = pending.ToString();
        var at = tail.LastIndexOf(end, StringComparison.Ordinal);
        if (!headDone || at < 0) throw new InvalidOperationException("not a worksheet: no <worksheet> element");
        writer.Write(tail.AsSpan(0, at));
        writer.Write(Tail(landscape));
        writer.Write(tail.AsSpan(at));
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace Kaohe.Tests.Offline;

/// <summary>
/// Changes cells of an existing workbook the way Excel or WPS stores them (a number, a typed text, a formula with its
/// cached value), in the sheet's own XML: the offline tests fill a downloaded workbook as a rater would.
/// </summary>
public static class WorkbookEdit
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A cell value: a number, a text, or a formula (<c>=SUM(…)</c> with its cached number).</summary>
    public sealed record Value(decimal? Number, string? Text, string? Formula = null)
    {
        public static implicit operator Value(decimal n) => new(n, null);
        public static implicit operator Value(int n) => new(n, null);
        public static implicit operator Value(string s) => new(null, s);
    }

    /// <summary>Sets cells ("D5" → value) of the sheet named <paramref name="sheet"/>; returns the changed workbook.</summary>
    public static byte[] Set(byte[] workbook, string sheet, IReadOnlyDictionary<string, Value> cells)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var path = SheetPath(zip, sheet);
            var part = zip.GetEntry(path) ?? throw new InvalidOperationException("no sheet " + sheet);
            XDocument doc;
            using (var s = part.Open()) doc = XDocument.Load(s);
            var data = doc.Root!.Element(Main + "sheetData")!;
            foreach (var (reference, value) in cells) SetCell(data, reference, value);
            part.Delete();
            var fresh = zip.CreateEntry(path);
            using var w = fresh.Open();
            doc.Save(w);
        }
        return stream.ToArray();
    }

    /// <summary>The sheets' names in workbook order.</summary>
    public static string[] SheetNames(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        using var s = zip.GetEntry("xl/workbook.xml")!.Open();
        return [.. XDocument.Load(s).Descendants(Main + "sheet").Select(e => (string)e.Attribute("name")!)];
    }

    private static string SheetPath(ZipArchive zip, string sheet)
    {
        XDocument book, rels;
        using (var s = zip.GetEntry("xl/workbook.xml")!.Open()) book = XDocument.Load(s);
        using (var s = zip.GetEntry("xl/_rels/workbook.xml.rels")!.Open()) rels = XDocument.Load(s);
        var id = (string)book.Descendants(Main + "sheet").Single(e => (string)e.Attribute("name")! == sheet).Attribute(Rel + "id")!;
        var target = (string)rels.Root!.Elements().Single(e => (string)e.Attribute("Id")! == id).Attribute("Target")!;
        return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }

    private static void SetCell(XElement data, string reference, Value value)
    {
        var letters = new string([.. reference.TakeWhile(char.IsLetter)]);
        var rowNumber = int.Parse(reference[letters.Length..], CultureInfo.InvariantCulture);
        var row = data.Elements(Main + "row").FirstOrDefault(r => (int)r.Attribute("r")! == rowNumber);
        if (row is null)
        {
            row = new XElement(Main + "row", new XAttribute("r", rowNumber));
            var after = data.Elements(Main + "row").LastOrDefault(r => (int)r.Attribute("r")! < rowNumber);
            if (after is null) data.AddFirst(row);
            else after.AddAfterSelf(row);
        }
        static int Col(string r) => r.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1));
        var cell = row.Elements(Main + "c").FirstOrDefault(c => (string)c.Attribute("r")! == reference);
        if (cell is null)
        {
            cell = new XElement(Main + "c", new XAttribute("r", reference));
            var after = row.Elements(Main + "c").LastOrDefault(c => Col((string)c.Attribute("r")!) < Col(reference));
            if (after is null) row.AddFirst(cell);
            else after.AddAfterSelf(cell);
        }
        var style = cell.Attribute("s");
        cell.RemoveAll();
        cell.SetAttributeValue("r", reference);
        if (style is not null) cell.SetAttributeValue("s", style.Value);
        if (value.Formula is not null) cell.Add(new XElement(Main + "f", value.Formula));
        if (value.Number is { } n) cell.Add(new XElement(Main + "v", n.ToString(CultureInfo.InvariantCulture)));
        else if (value.Text is not null)
        {
            cell.SetAttributeValue("t", "inlineStr");
            cell.Add(new XElement(Main + "is", new XElement(Main + "t", value.Text)));
        }
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Kaohe.IO.Offline;

/// <summary>A cell as stored: its text (a number as written in the file), whether it is a number, whether it holds a formula.</summary>
public readonly record struct SheetCell(string Text, bool IsNumber, bool IsFormula);

/// <summary>A worksheet read whole: its name, whether Excel hides it, and its non-empty cells by (row, column), both 1-based.</summary>
public sealed record ReadSheet(string Name, bool Hidden, IReadOnlyDictionary<(int Row, int Column), SheetCell> Cells);

/// <summary>
/// Reads every worksheet of a small workbook (an offline rating workbook comes back with a few hundred rows), after
/// <see cref="XlsxGuard"/> has checked the package. MiniExcel reads one sheet at a time and cannot tell a formula from a
/// typed value, and the guard scans only the first sheet; so this reader bounds each sheet itself (inflated bytes, rows,
/// columns, cell text) and keeps the formula flag, so the caller can refuse formulas instead of trusting a cached value.
/// </summary>
public static class XlsxSheetsReader
{
    /// <summary>Bytes of an uploaded workbook: an offline workbook of a thousand forms is well under 1 MB.</summary>
    public const long MaxFileBytes = 10L * 1024 * 1024;

    /// <summary>Rows of one sheet (one per appraisee of a rater).</summary>
    public const int MaxRows = 10_000;

    /// <summary>Inflated bytes of one sheet's XML.</summary>
    public const long MaxSheetBytes = 64L * 1024 * 1024;

    /// <summary>Characters of all shared strings together (they are held).</summary>
    public const long MaxSharedChars = 16L * 1024 * 1024;

    /// <summary>Inflated bytes of all parts read together: a small file must not make the server parse gigabytes of XML.</summary>
    public const long MaxInflatedBytes = 128L * 1024 * 1024;

    /// <summary>Non-empty cells of the whole workbook (they are held).</summary>
    public const int MaxCells = 1_000_000;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true, CloseInput = true,
    };

    /// <summary>Every sheet in workbook order, or why the file cannot be read (Chinese, naming <paramref name="file"/>).</summary>
    public static (IReadOnlyList<ReadSheet> Sheets, string? Refusal) Read(Stream stream, string file, CancellationToken cancel = default)
    {
        if (!stream.CanSeek) throw new ArgumentException("the workbook reader needs a seekable stream", nameof(stream));
        if (stream.Length > MaxFileBytes)
            return ([], $"文件“{file}”有 {stream.Length / 1024.0 / 1024:0.#} MB，超过离线评分表的上限 {MaxFileBytes / 1024 / 1024} MB");
        if (XlsxGuard.Check(stream, file, MaxRows, cancel) is { } refusal) return ([], refusal);
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var budget = new Budget(file);
            var shared = SharedStrings(zip, budget, cancel);
            var cells = 0;
            var sheets = new List<ReadSheet>();
            foreach (var (name, part, hidden) in SheetParts(zip, budget))
                sheets.Add(new ReadSheet(name, hidden, Sheet(part, name, budget, shared, ref cells, cancel)));
            return (sheets, null);
        }
        catch (Refusal r)
        {
            return ([], r.Message);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or XmlException or IOException)
        {
            return ([], XlsxGuard.Damaged(file));
        }
    }

    private sealed class Refusal(string message) : Exception(message);

    private static ZipArchiveEntry Entry(ZipArchive zip, string name, string file) =>
        zip.Entries.FirstOrDefault(e => e.FullName.Replace('\\', '/').TrimStart('/').Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new Refusal(XlsxGuard.Damaged(file));

    /// <summary>What is left of <see cref="MaxInflatedBytes"/> for the file being read.</summary>
    private sealed class Budget(string file)
    {
        public string File { get; } = file;
        public long Left { get; set; } = MaxInflatedBytes;
    }

    private static XmlReader Xml(ZipArchiveEntry entry, long max, string what, Budget budget) =>
        XmlReader.Create(new BoundedStream(entry.Open(), max, budget, () => new Refusal($"Excel 文件“{budget.File}”的{what}解压后超过 {max / 1024 / 1024} MB（上限）")), Settings);

    /// <summary>The worksheets in workbook order with the part each is stored in.</summary>
    private static List<(string Name, ZipArchiveEntry Part, bool Hidden)> SheetParts(ZipArchive zip, Budget budget)
    {
        var file = budget.File;
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var rels = Xml(Entry(zip, "xl/_rels/workbook.xml.rels", file), XlsxGuard.MaxOtherPartBytes, "工作簿关系", budget))
            while (rels.Read())
                if (rels.NodeType == XmlNodeType.Element && rels.LocalName == "Relationship" && rels.GetAttribute("Id") is { } id && rels.GetAttribute("Target") is { } target)
                    targets.TryAdd(id, target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target);
        var sheets = new List<(string, ZipArchiveEntry, bool)>();
        using var book = Xml(Entry(zip, "xl/workbook.xml", file), XlsxGuard.MaxOtherPartBytes, "工作簿", budget);
        while (book.Read())
        {
            if (book.NodeType != XmlNodeType.Element || book.LocalName != "sheet") continue;
            var rid = book.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
                      ?? book.GetAttribute("id", "http://purl.oclc.org/ooxml/officeDocument/relationships");
            var name = book.GetAttribute("name");
            if (rid is null || name is null || !targets.TryGetValue(rid, out var path)) throw new Refusal(XlsxGuard.Damaged(file));
            sheets.Add((name, Entry(zip, path, file), book.GetAttribute("state") is "hidden" or "veryHidden"));
        }
        return sheets;
    }

    private static List<string> SharedStrings(ZipArchive zip, Budget budget, CancellationToken cancel)
    {
        var file = budget.File;
        var list = new List<string>();
        var part = zip.Entries.FirstOrDefault(e => e.FullName.Replace('\\', '/').TrimStart('/').Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase));
        if (part is null) return list;
        using var reader = Xml(part, XlsxGuard.MaxSharedStringsBytes, "文字内容（共享字符串）", budget);
        var text = new StringBuilder();
        long total = 0;
        var inString = false;
        var phonetic = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.LocalName == "si":
                    text.Clear();
                    inString = !reader.IsEmptyElement;
                    if (!inString) list.Add("");
                    break;
                case XmlNodeType.Element when reader.LocalName == "rPh" && !reader.IsEmptyElement:
                    phonetic++;
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "rPh":
                    phonetic--;
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "si":
                    list.Add(text.ToString());
                    inString = false;
                    if ((list.Count & 1023) == 0) cancel.ThrowIfCancellationRequested();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inString && phonetic == 0:
                    text.Append(reader.Value);
                    total += reader.Value.Length;
                    if (total > MaxSharedChars) throw new Refusal($"Excel 文件“{file}”的文字内容超过 {MaxSharedChars / 1024 / 1024}M 个字符，不是一份离线评分表");
                    break;
            }
        }
        return list;
    }

    private static Dictionary<(int, int), SheetCell> Sheet(ZipArchiveEntry part, string name, Budget budget, List<string> shared, ref int count, CancellationToken cancel)
    {
        var file = budget.File;
        var cells = new Dictionary<(int, int), SheetCell>();
        using var reader = Xml(part, MaxSheetBytes, $"工作表“{name}”", budget);
        int row = 0, column = 0;
        string? type = null;
        var formula = false;
        var value = new StringBuilder();
        var inValue = false;
        var inCell = false;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    switch (reader.LocalName)
                    {
                        case "row":
                            row = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                            column = 0;
                            if (row > MaxRows) throw new Refusal($"工作表“{name}”的第 {row:N0} 行超出了支持的行数（最多 {MaxRows:N0} 行）");
                            cancel.ThrowIfCancellationRequested();
                            break;
                        case "c":
                            var reference = reader.GetAttribute("r");
                            column = reference is null ? column + 1 : ColumnOf(reference, column + 1);
                            if (column > InputLimits.MaxColumns)
                                throw new Refusal($"工作表“{name}”第 {row:N0} 行超出了支持的列数（最多 {InputLimits.MaxColumns} 列）");
                            type = reader.GetAttribute("t");
                            formula = false;
                            value.Clear();
                            inCell = !reader.IsEmptyElement;
                            break;
                        case "f":
                            formula = true;
                            break;
                        case "v" or "t" when inCell:
                            inValue = !reader.IsEmptyElement;
                            break;
                    }
                    break;
                case XmlNodeType.EndElement when reader.LocalName is "v" or "t":
                    inValue = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inValue:
                    value.Append(reader.Value);
                    if (value.Length > InputLimits.MaxCellChars)
                        throw new Refusal($"工作表“{name}”的单元格 {InputLimits.ColumnName(column - 1)}{row} 超过 {InputLimits.MaxCellChars:N0} 个字符（单元格的上限）");
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "c":
                    inCell = false;
                    if (Cell(type, value.ToString(), formula, shared) is { } cell)
                    {
                        if (++count > MaxCells) throw new Refusal($"Excel 文件“{file}”的单元格超过 {MaxCells:N0} 个，不是一份离线评分表");
                        cells[(row, column)] = cell;
                    }
                    break;
            }
        }
        return cells;
    }

    private static SheetCell? Cell(string? type, string raw, bool formula, List<string> shared)
    {
        switch (type)
        {
            case "s":
                if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i < 0 || i >= shared.Count) return null;
                return shared[i].Length == 0 && !formula ? null : new SheetCell(shared[i], false, formula);
            case "b":
                return new SheetCell(raw == "1" ? "是" : "否", false, formula);
            case "n" or null when raw.Length > 0:
                return new SheetCell(raw, true, formula);
            default:
                return raw.Length == 0 && !formula ? null : new SheetCell(raw, false, formula);
        }
    }

    /// <summary>The 1-based column of a reference like "D7"; <paramref name="fallback"/> when it has no letters.</summary>
    private static int ColumnOf(string reference, int fallback)
    {
        var letters = 0;
        while (letters < reference.Length && char.IsAsciiLetter(reference[letters])) letters++;
        if (letters == 0) return fallback;
        var c = InputLimits.ColumnIndex(reference.AsSpan(0, letters));
        return c < 0 ? fallback : c == int.MaxValue ? c : c + 1;
    }

    /// <summary>
    /// An inflating stream that refuses past <c>max</c> bytes of its part or past the file's budget (the sizes a zip
    /// declares can lie).
    /// </summary>
    private sealed class BoundedStream(Stream inner, long max, Budget budget, Func<Exception> tooLarge) : ReadOnlyStream(inner)
    {
        private long _count;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Inner.Read(buffer);
            if ((_count += n) > max) throw tooLarge();
            if ((budget.Left -= n) < 0)
                throw new Refusal($"Excel 文件“{budget.File}”解压后超过 {MaxInflatedBytes / 1024 / 1024} MB（上限），不是一份离线评分表");
            return n;
        }
    }
}

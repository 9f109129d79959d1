using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using MiniExcelLibs.OpenXml;

namespace Kaohe.IO;

/// <summary>
/// Looks at an XLSX package before MiniExcel reads it, so that no file costs the server more than a bounded amount of
/// memory and time. MiniExcel loads every shared string into memory, fills each row up to the widest column the
/// sheet names and fills the gaps between row numbers with empty rows; a 307 KB zip bomb with one 300 MB shared
/// string, or one cell in column XFD, would otherwise cost gigabytes or minutes. One streaming pass, with bounded
/// memory, over the parts MiniExcel will read (the same parts it picks):
/// <list type="bullet">
/// <item>the zip directory: at most <see cref="MaxEntries"/> entries in <see cref="MaxDirectoryBytes"/>, unique names;</item>
/// <item>declared sizes: the shared strings at most <see cref="MaxSharedStringsBytes"/>, the first sheet at most
///   <see cref="MaxSheetBytes"/>, the other parts read at most <see cref="MaxOtherPartBytes"/>, all entries together at
///   most <see cref="MaxTotalBytes"/>, and no part of a megabyte or more compressed more than <see cref="MaxRatio"/>
///   times;</item>
/// <item>the same limits again on the bytes actually inflated (declared sizes can lie), and no run of more than
///   <see cref="MaxMarkupRun"/> bytes without a <c>&lt;</c> (an attribute or a name the XML reader would hold whole);</item>
/// <item>the first sheet's XML (no DTD): no column beyond <see cref="InputLimits.MaxColumns"/> in a cell or in the
///   sheet's dimension, no row beyond the caller's limit, no cell text beyond <see cref="InputLimits.MaxCellChars"/>;
///   and no shared string beyond that length either.</item>
/// </list>
/// </summary>
internal static class XlsxGuard
{
    /// <summary>Entries of the zip (a workbook from Excel has a dozen or two; pictures add a few).</summary>
    public const int MaxEntries = 1_000;

    /// <summary>Bytes of the zip's central directory (read whole by the zip reader): room for thousands of names.</summary>
    public const long MaxDirectoryBytes = 1024 * 1024;

    /// <summary>
    /// Bytes of the first worksheet's XML. It is streamed (memory does not grow with it), so this bounds time: about
    /// 5 million cells as Excel writes them, far more than the 50,000 subjects of quick scoring.
    /// </summary>
    public const long MaxSheetBytes = 256L * 1024 * 1024;

    /// <summary>Bytes of the shared strings, which MiniExcel holds (in memory, or in a temporary file above 5 MB).</summary>
    public const long MaxSharedStringsBytes = 100L * 1024 * 1024;

    /// <summary>Bytes of each other part that is read: the workbook, its relationships, the styles.</summary>
    public const long MaxOtherPartBytes = 16L * 1024 * 1024;

    /// <summary>Declared bytes of all entries together (pictures and other parts are never inflated).</summary>
    public const long MaxTotalBytes = 400L * 1024 * 1024;

    /// <summary>
    /// Compression ratio allowed for a part of a megabyte or more. Spreadsheet XML compresses 5–20 times; deflate's
    /// maximum, reached only by long runs of one byte (a zip bomb), is about 1,000.
    /// </summary>
    public const int MaxRatio = 200;

    private const long RatioFloor = 1024 * 1024;

    /// <summary>Bytes between two <c>&lt;</c>: a cell's text (≤ 32,767 characters, escaped) needs at most a few hundred KB.</summary>
    public const int MaxMarkupRun = 1024 * 1024;

    /// <summary>How MiniExcel must be configured to read only what was checked here.</summary>
    /// <remarks>
    /// MiniExcel would otherwise read a text cell <c>@@@fileid@@@,path</c> as the bytes of the zip entry at that path,
    /// an entry this guard never looked at.
    /// </remarks>
    public static OpenXmlConfiguration ReaderConfiguration => new() { EnableConvertByteArray = false };

    private const string SharedStringsPart = "xl/sharedStrings.xml";
    private const string StylesPart = "xl/styles.xml";
    private const string WorkbookPart = "xl/workbook.xml";
    private const string WorkbookRelsPart = "xl/_rels/workbook.xml.rels";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>
    /// Checks the package in <paramref name="stream"/> (seekable; left at the position it had). Null when it may be
    /// read; else why not, in Chinese, naming the file as <paramref name="file"/> and the place.
    /// </summary>
    /// <param name="maxRows">The last row number the caller accepts (MiniExcel yields every row up to the last one).</param>
    public static string? Check(Stream stream, string file, int maxRows, CancellationToken cancel = default)
    {
        if (!stream.CanSeek) throw new ArgumentException("the XLSX guard needs a seekable stream", nameof(stream));
        var start = stream.Position;
        try
        {
            new Inspection(stream, file, maxRows, cancel).Run();
            return null;
        }
        catch (Refusal r)
        {
            return r.Message;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return Damaged(file);
        }
        catch (XmlException)
        {
            // Its line and column are the XML's, not the sheet's: they would only mislead.
            return $"无法读取 Excel 文件“{file}”：其中的 XML 内容不完整或已损坏";
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>Whether an exception thrown by MiniExcel while reading means a bad file (not a bug of ours).</summary>
    public static bool IsReadError(Exception e) =>
        e is IOException or InvalidDataException or XmlException or FormatException or InvalidOperationException
            or NotSupportedException or ArgumentException or OverflowException or KeyNotFoundException;

    /// <summary>The message for a file that is not a readable workbook.</summary>
    public static string Damaged(string file) => $"无法读取 Excel 文件“{file}”：文件已损坏，或不是 .xlsx 工作簿";

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("#,0.#", CultureInfo.InvariantCulture) + " MB";

    /// <summary>A refusal, thrown from deep inside the scan (a stream or the XML loop) and returned by <see cref="Check"/>.</summary>
    private sealed class Refusal(string message) : Exception(message);

    private sealed class Inspection(Stream stream, string file, int maxRows, CancellationToken cancel)
    {
        private int? _longSharedString;

        public void Run()
        {
            CheckDirectory();
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var entries = zip.Entries;
            if (entries.Count > MaxEntries) throw Refuse($"包含 {entries.Count:N0} 个部件（最多 {MaxEntries:N0} 个），文件可能已损坏或被恶意构造");
            // MiniExcel looks parts up by name ignoring case and slashes; two entries of one name make it fail.
            var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            long total = 0;
            foreach (var e in entries)
            {
                if (!byName.TryAdd(e.FullName.Replace('\\', '/'), e)) throw Refuse($"包含两个同名的{Describe(e.FullName)}，文件已损坏");
                if (e.Length > MaxTotalBytes || (total += e.Length) > MaxTotalBytes)
                    throw Refuse($"解压后超过 {Mb(MaxTotalBytes)}（上限）：请删除多余的内容，或另存为“CSV UTF-8”");
                if (e.Length >= RatioFloor && e.Length / Math.Max(1, e.CompressedLength) > MaxRatio)
                    throw Refuse($"的{Describe(e.FullName)}压缩比异常（约 {e.Length / Math.Max(1, e.CompressedLength):N0} 倍），文件可能被恶意构造（压缩炸弹），已拒绝");
            }

            var sheet = FirstSheet(entries, out var sheetName);
            Limit(sheet, MaxSheetBytes, sheetName);
            var shared = byName.GetValueOrDefault(SharedStringsPart);
            if (shared is not null) Limit(shared, MaxSharedStringsBytes, "文字内容（共享字符串）");
            if (byName.GetValueOrDefault(StylesPart) is { } styles)
            {
                Limit(styles, MaxOtherPartBytes, "样式");
                using var drain = Open(styles, MaxOtherPartBytes, "样式");
                drain.CopyTo(Stream.Null);
                CheckRatio(styles, drain.Count, "样式");
            }
            if (shared is not null) ScanSharedStrings(shared);
            ScanSheet(sheet, sheetName);
            if (_longSharedString is { } index)
                throw Refuse($"中有一段文字超过 {InputLimits.MaxCellChars:N0} 个字符（单元格的上限；第 {index + 1:N0} 个共享字符串，没有单元格使用它）");
        }

        private Refusal Refuse(string what) => new($"Excel 文件“{file}”{what}");

        /// <summary>A part as a user would call it (the names inside the package mean nothing to them).</summary>
        private static string Describe(string entry)
        {
            var name = entry.Replace('\\', '/').TrimStart('/');
            if (name.Equals(SharedStringsPart, StringComparison.OrdinalIgnoreCase)) return "文字内容（共享字符串）";
            if (name.Equals(StylesPart, StringComparison.OrdinalIgnoreCase)) return "样式";
            if (name.Equals(WorkbookPart, StringComparison.OrdinalIgnoreCase)) return "工作簿";
            if (name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase)) return "工作表";
            if (name.StartsWith("xl/media/", StringComparison.OrdinalIgnoreCase)) return "图片";
            return $"部件“{(name.Length > 60 ? name[..60] + "…" : name)}”";
        }

        /// <summary>
        /// Reads the zip's end record (the zip reader would read the whole central directory it points to, one
        /// object per entry, before anyone could count the entries).
        /// </summary>
        private void CheckDirectory()
        {
            var length = stream.Length - stream.Position;
            if (length < 22) throw new Refusal(Damaged(file));
            var tailLength = (int)Math.Min(length, 22 + ushort.MaxValue);
            var tail = new byte[tailLength];
            stream.Position = stream.Length - tailLength;
            stream.ReadExactly(tail);
            var at = -1;
            for (var i = tailLength - 22; i >= 0; i--)
                if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == 0x06054b50) { at = i; break; }
            if (at < 0) throw new Refusal(Damaged(file));
            ulong count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            ulong size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at + 12));
            if ((count == ushort.MaxValue || size == uint.MaxValue) && at >= 20
                && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - 20)) == 0x07064b50)
            {
                // Zip64: the locator points at the real end record.
                var offset = BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(at - 20 + 8));
                if (offset > (ulong)Math.Max(0, stream.Length - 56)) throw new Refusal(Damaged(file));
                var record = new byte[56];
                stream.Position = (long)offset;
                stream.ReadExactly(record);
                if (BinaryPrimitives.ReadUInt32LittleEndian(record) != 0x06064b50) throw new Refusal(Damaged(file));
                count = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32));
                size = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40));
            }
            if (count > MaxEntries) throw Refuse($"包含 {count:N0} 个部件（最多 {MaxEntries:N0} 个），文件可能已损坏或被恶意构造");
            if (size > MaxDirectoryBytes) throw Refuse($"的目录有 {Mb((long)Math.Min(size, long.MaxValue))}（最多 {Mb(MaxDirectoryBytes)}），文件可能已损坏或被恶意构造");
            stream.Position = stream.Length - length;
        }

        /// <summary>The sheet MiniExcel reads when no sheet is named: the only one, else the first of the workbook.</summary>
        private ZipArchiveEntry FirstSheet(IReadOnlyList<ZipArchiveEntry> entries, out string name)
        {
            name = "第一个工作表";
            var sheets = entries.Where(w => w.FullName.StartsWith("xl/worksheets/sheet", StringComparison.OrdinalIgnoreCase)
                || w.FullName.StartsWith("/xl/worksheets/sheet", StringComparison.OrdinalIgnoreCase)).ToList();
            if (sheets.Count == 0) throw Refuse("中没有工作表，文件已损坏或不是 .xlsx 工作簿");
            if (sheets.Count == 1) return sheets[0];
            var workbook = entries.Where(e => e.FullName == WorkbookPart).ToList();
            var rels = entries.Where(e => e.FullName == WorkbookRelsPart).ToList();
            if (workbook.Count != 1 || rels.Count != 1) throw new Refusal(Damaged(file));
            var (rid, sheetName) = FirstSheetId(workbook[0]);
            var target = Target(rels[0], rid);
            var matches = sheets.Where(w => w.FullName == $"xl/{target}" || w.FullName == $"/xl/{target}" || w.FullName.TrimStart('/') == target.TrimStart('/')).ToList();
            if (matches.Count != 1) throw new Refusal(Damaged(file));
            if (!string.IsNullOrEmpty(sheetName)) name = $"第一个工作表“{sheetName}”";
            return matches[0];
        }

        private (string Rid, string? Name) FirstSheetId(ZipArchiveEntry workbook)
        {
            Limit(workbook, MaxOtherPartBytes, "工作簿");
            using var reader = Xml(workbook, MaxOtherPartBytes, "工作簿");
            (string, string?)? first = null;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "sheet") continue;
                // MiniExcel parses every sheet's id.
                if (!uint.TryParse(reader.GetAttribute("sheetId"), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    throw new Refusal(Damaged(file));
                first ??= (RelationshipId(reader) ?? throw new Refusal(Damaged(file)), reader.GetAttribute("name"));
            }
            return first ?? throw new Refusal(Damaged(file));
        }

        private static string? RelationshipId(XmlReader reader) =>
            reader.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
            ?? reader.GetAttribute("id", "http://purl.oclc.org/ooxml/officeDocument/relationships");

        private string Target(ZipArchiveEntry rels, string rid)
        {
            Limit(rels, MaxOtherPartBytes, "工作簿关系");
            using var reader = Xml(rels, MaxOtherPartBytes, "工作簿关系");
            string? target = null;
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("Id") == rid)
                    target ??= reader.GetAttribute("Target");
            return target ?? throw new Refusal(Damaged(file));
        }

        private void Limit(ZipArchiveEntry entry, long max, string what)
        {
            if (entry.Length > max) throw Refuse($"的{what}解压后有 {Mb(entry.Length)}，超出了上限 {Mb(max)}：请删除多余的内容，或另存为“CSV UTF-8”");
        }

        private void CheckRatio(ZipArchiveEntry entry, long inflated, string what)
        {
            if (inflated >= RatioFloor && inflated / Math.Max(1, entry.CompressedLength) > MaxRatio)
                throw Refuse($"的{what}压缩比异常（约 {inflated / Math.Max(1, entry.CompressedLength):N0} 倍），文件可能被恶意构造（压缩炸弹），已拒绝");
        }

        private PartStream Open(ZipArchiveEntry entry, long max, string what) =>
            new(entry.Open(), max, cancel, () => Refuse($"的{what}解压后超过 {Mb(max)}（上限；文件中记录的大小与实际不符）"),
                () => Refuse($"的{what}中有超过 {Mb(MaxMarkupRun)} 的一段内容不含任何标记，文件可能已损坏或被恶意构造"));

        private XmlReader Xml(ZipArchiveEntry entry, long max, string what) => XmlReader.Create(Open(entry, max, what), Settings);

        /// <summary>Every shared string's length (the text of its runs), without holding any of them.</summary>
        private void ScanSharedStrings(ZipArchiveEntry entry)
        {
            const string what = "文字内容（共享字符串）";
            var part = Open(entry, MaxSharedStringsBytes, what);
            using var reader = XmlReader.Create(part, Settings);
            var buffer = new char[4096];
            var index = -1;
            long length = 0;
            var depth = -1;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.LocalName == "si":
                        index++;
                        length = 0;
                        depth = reader.Depth;
                        if ((index & 4095) == 0) cancel.ThrowIfCancellationRequested();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace when depth >= 0:
                        length += TextLength(reader, buffer, InputLimits.MaxCellChars - length);
                        if (length > InputLimits.MaxCellChars && _longSharedString is null)
                        {
                            // The cell that shows it is named by the sheet scan; the rest of the strings need no look.
                            _longSharedString = index;
                        }
                        break;
                }
                if (_longSharedString is not null) break;
            }
            // The rest of the part is still inflated and counted: MiniExcel would read it.
            if (_longSharedString is not null) part.CopyTo(Stream.Null);
            CheckRatio(entry, part.Count, what);
        }

        /// <summary>The characters of the current text node, counted in chunks and not beyond <paramref name="budget"/> + 1.</summary>
        private static long TextLength(XmlReader reader, char[] buffer, long budget)
        {
            long n = 0;
            int read;
            while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
            {
                n += read;
                if (n > budget) return n;
            }
            return n;
        }

        private void ScanSheet(ZipArchiveEntry entry, string sheetName)
        {
            var part = Open(entry, MaxSheetBytes, sheetName);
            using var reader = XmlReader.Create(part, Settings);
            var buffer = new char[4096];
            var row = 0;
            var column = -1;
            var cellsInRow = 0;
            string? cell = null;
            var inCell = false;
            long cellText = 0;
            var sharedCell = false;
            var valueDepth = -1;
            var nodes = 0;
            while (reader.Read())
            {
                if ((++nodes & 8191) == 0) cancel.ThrowIfCancellationRequested();
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        switch (reader.LocalName)
                        {
                            case "dimension":
                                CheckDimension(reader.GetAttribute("ref"), sheetName);
                                break;
                            case "row":
                                row = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                                if (row > maxRows)
                                    throw Refuse($"{sheetName}的第 {row:N0} 行超出了支持的行数（最多 {maxRows:N0} 行）");
                                column = -1;
                                cellsInRow = 0;
                                break;
                            case "c":
                                var reference = reader.GetAttribute("r");
                                column = reference is null ? column + 1 : ColumnOf(reference, column + 1);
                                // Cells without a reference are placed one after another (so column ≤ the limit here).
                                cell = reference ?? InputLimits.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);
                                if (column >= InputLimits.MaxColumns || ++cellsInRow > InputLimits.MaxColumns)
                                    throw Refuse($"{sheetName}第 {row:N0} 行的单元格 {cell} 超出了支持的列数（最多 {InputLimits.MaxColumns} 列）");
                                cellText = 0;
                                inCell = !reader.IsEmptyElement;
                                sharedCell = reader.GetAttribute("t") == "s";
                                break;
                            case "v":
                                valueDepth = reader.IsEmptyElement ? -1 : reader.Depth;
                                break;
                        }
                        break;
                    case XmlNodeType.EndElement when reader.LocalName == "v":
                        valueDepth = -1;
                        break;
                    case XmlNodeType.EndElement when reader.LocalName == "c":
                        inCell = false;
                        sharedCell = false;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                        if (sharedCell && valueDepth >= 0 && _longSharedString is { } index)
                        {
                            var read = reader.ReadValueChunk(buffer, 0, 32);
                            if (int.TryParse(buffer.AsSpan(0, read), NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var used) && used == index)
                                throw Refuse($"{sheetName}第 {row:N0} 行的单元格 {cell} 超过 {InputLimits.MaxCellChars:N0} 个字符（单元格的上限）");
                            break;
                        }
                        // A cell's text may come in several runs; text outside cells (headers, footers) counts per node.
                        if (!inCell) cellText = 0;
                        cellText += TextLength(reader, buffer, InputLimits.MaxCellChars - cellText);
                        if (cellText > InputLimits.MaxCellChars)
                            throw Refuse(!inCell
                                ? $"{sheetName}中有一段文字超过 {InputLimits.MaxCellChars:N0} 个字符（单元格的上限）"
                                : $"{sheetName}第 {row:N0} 行的单元格 {cell} 超过 {InputLimits.MaxCellChars:N0} 个字符（单元格的上限）");
                        break;
                }
            }
            CheckRatio(entry, part.Count, sheetName);
        }

        private void CheckDimension(string? reference, string sheetName)
        {
            if (string.IsNullOrEmpty(reference)) return;
            var last = reference[(reference.LastIndexOf(':') + 1)..];
            if (ColumnOf(last, 0) >= InputLimits.MaxColumns)
                throw Refuse($"{sheetName}的范围“{(reference.Length > 40 ? reference[..40] + "…" : reference)}”超出了支持的列数（最多 {InputLimits.MaxColumns} 列）：请删除多余的列后再保存");
        }

        /// <summary>The 0-based column of a reference like "XFD7"; <paramref name="fallback"/> when it has no letters.</summary>
        private static int ColumnOf(string reference, int fallback)
        {
            var letters = 0;
            while (letters < reference.Length && char.IsAsciiLetter(reference[letters])) letters++;
            if (letters == 0) return fallback;
            var c = InputLimits.ColumnIndex(reference.AsSpan(0, letters));
            return c < 0 ? fallback : c;
        }
    }

    /// <summary>
    /// An inflating stream that counts what it gives out: past <c>max</c> bytes it refuses (declared sizes are not
    /// trusted), and it refuses a run of more than <see cref="MaxMarkupRun"/> bytes without a <c>&lt;</c>.
    /// </summary>
    private sealed class PartStream(Stream inner, long max, CancellationToken cancel, Func<Refusal> tooLarge, Func<Refusal> tooLong) : ReadOnlyStream(inner)
    {
        private long _run;

        /// <summary>Bytes inflated so far.</summary>
        public long Count { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            cancel.ThrowIfCancellationRequested();
            var n = Inner.Read(buffer);
            Count += n;
            if (Count > max) throw tooLarge();
            var rest = (ReadOnlySpan<byte>)buffer[..n];
            int i;
            while ((i = rest.IndexOf((byte)'<')) >= 0)
            {
                if (_run + i > MaxMarkupRun) throw tooLong();
                _run = 0;
                rest = rest[(i + 1)..];
            }
            _run += rest.Length;
            if (_run > MaxMarkupRun) throw tooLong();
            return n;
        }
    }
}

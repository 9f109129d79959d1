using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Kaohe.Data.Tests.Import;

/// <summary>
/// Files a hostile client might send, built in memory: minimal XLSX packages (a zip of the few XML parts MiniExcel
/// reads) with a zip bomb, a lying size, a far column or row, over-long text; and CSV text in other encodings. Shared
/// by the import, CLI and web tests.
/// </summary>
public static class HostileFiles
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A one-sheet workbook whose sheet holds <paramref name="sheetData"/> (the rows) and, optionally, shared strings.</summary>
    public static byte[] Xlsx(string sheetData, string? sharedStrings = null, string? dimension = null, Action<ZipArchive>? more = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Skeleton(zip, sharedStrings is not null);
            Write(zip, "xl/worksheets/sheet1.xml",
                $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}">{(dimension is null ? "" : $"<dimension ref=\"{dimension}\"/>")}<sheetData>{sheetData}</sheetData></worksheet>""");
            if (sharedStrings is not null)
                Write(zip, "xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">{sharedStrings}</sst>""");
            more?.Invoke(zip);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The zip bomb of the probe: one shared string of <paramref name="chars"/> letters (300 MB compress to about
    /// 300 KB), shown in cell A1 under a header row that names a subject column.
    /// </summary>
    public static byte[] SharedStringBomb(long chars = 300L * 1024 * 1024)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Skeleton(zip, sharedStrings: true);
            Write(zip, "xl/worksheets/sheet1.xml",
                $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>对象</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>""");
            using var s = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open();
            s.Write(Encoding.UTF8.GetBytes($"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}"><si><t>"""));
            var chunk = new byte[1 << 16];
            chunk.AsSpan().Fill((byte)'A');
            for (var left = chars; left > 0; left -= chunk.Length) s.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            s.Write("</t></si></sst>"u8);
        }
        return buffer.ToArray();
    }

    /// <summary>The package with the uncompressed size recorded for <paramref name="entry"/> replaced by <paramref name="declared"/>.</summary>
    public static byte[] WithDeclaredSize(byte[] zip, string entry, uint declared)
    {
        var bytes = (byte[])zip.Clone();
        var eocd = bytes.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(eocd + 10));
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(eocd + 16));
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 28));
            var extra = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 30));
            var comment = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 32));
            var name = Encoding.UTF8.GetString(bytes, at + 46, nameLength);
            if (name == entry)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), declared);
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 42));
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(local + 22), declared);
            }
            at += 46 + nameLength + extra + comment;
        }
        return bytes;
    }

    /// <summary>An inline-string cell.</summary>
    public static string Cell(string reference, string text) =>
        $"""<c r="{reference}" t="inlineStr"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>""";

    /// <summary>A row of inline-string cells from column A.</summary>
    public static string Row(int row, params string[] texts) =>
        $"<row r=\"{row}\">" + string.Concat(texts.Select((t, i) => Cell(((char)('A' + i)).ToString() + row, t))) + "</row>";

    /// <summary>Text in a code page (GB18030, big5, shift_jis, windows-1252 …).</summary>
    public static byte[] Encode(string text, string codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage).GetBytes(text);
    }

    /// <summary>Sample texts as someone would type them in each encoding's language.</summary>
    public static class Texts
    {
        public const string Simplified = "单位编码,单位名称,类型,上级编码\nHQ,总公司,公司,\nXSB,销售部,部门,HQ\nHZ,杭州办事处,办事处,XSB\n";
        public const string Traditional = "單位編碼,單位名稱,類型,上級編碼\nHQ,總公司,公司,\nXSB,銷售部,部門,HQ\nHZ,杭州辦事處,辦事處,XSB\n";
        public const string Japanese = "顧客番号,顧客名,担当者,日付\nC001,株式会社さくら,山田太郎,2026-10-05\nC002,ひまわり商事,鈴木花子,2026-10-06\n";
        public const string Western = "code,name,city\nC001,Müller Gärtnerei,München\nC002,Café Crème,Besançon\nC003,Señora Núñez,Málaga\n";
    }

    private static void Skeleton(ZipArchive zip, bool sharedStrings)
    {
        Write(zip, "[Content_Types].xml",
            """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        Write(zip, "_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Write(zip, "xl/workbook.xml",
            $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Write(zip, "xl/_rels/workbook.xml.rels",
            """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"""
            + (sharedStrings ? """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""" : "")
            + "</Relationships>");
    }

    /// <summary>Writes one entry.</summary>
    public static void Write(ZipArchive zip, string name, string text)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }
}

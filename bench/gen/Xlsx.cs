using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Kaohe.Bench.Gen;

/// <summary>
/// The same TPL-01 workbook as <see cref="Workbook"/> in Office Open XML (.xlsx): shared strings, percentage
/// cells with format 0.0 %, formula cells with <c>&lt;f&gt;</c> and no <c>&lt;v&gt;</c> (no cached result),
/// and <c>fullCalcOnLoad="1"</c>. By default each formula column is one shared formula filled down
/// (what Excel writes after a fill-down); <c>shared: false</c> writes every formula in full.
/// </summary>
internal static class Xlsx
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    public static void Write(string path, int n, ulong seed, bool shared)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(fs, ZipArchiveMode.Create);

        Part(zip, "[Content_Types].xml", Header +
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
            "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
            "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
            "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" +
            "</Types>");
        Part(zip, "_rels/.rels", Header +
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
            "</Relationships>");
        Part(zip, "xl/workbook.xml", Header +
            $"<workbook xmlns=\"{Main}\" xmlns:r=\"{RelNs}\"><sheets>" +
            $"<sheet name=\"{Output.Xml(Workbook.DataSheet)}\" sheetId=\"1\" r:id=\"rId1\"/>" +
            $"<sheet name=\"{Output.Xml(Workbook.GradeSheet)}\" sheetId=\"2\" r:id=\"rId2\"/>" +
            "</sheets><calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/></workbook>");
        Part(zip, "xl/_rels/workbook.xml.rels", Header +
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
            "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>" +
            "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" +
            "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" +
            "</Relationships>");
        Part(zip, "xl/styles.xml", Header +
            $"<styleSheet xmlns=\"{Main}\">" +
            "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></numFmts>" +
            "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>" +
            "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>" +
            "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
            "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
            "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" +
            "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>" +
            "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>" +
            "</styleSheet>");

        // Shared strings: header cells, then the 4 grade words, then one per subject.
        var header = Tpl01.InputHeader().Concat(Tpl01.ScoreHeader()).ToArray();
        var gradeBase = header.Length;
        var subjectBase = gradeBase + Tpl01.GradeWords.Length;
        using (var w = Open(zip, "xl/sharedStrings.xml"))
        {
            var count = subjectBase + n;
            w.Write(Header + $"<sst xmlns=\"{Main}\" count=\"{count}\" uniqueCount=\"{count}\">");
            foreach (var s in header.Concat(Tpl01.GradeWords)) w.Write($"<si><t>{Output.Xml(s)}</t></si>");
            for (var i = 0; i < n; i++) w.Write($"<si><t>{Tpl01.SubjectName(i)}</t></si>");
            w.Write("</sst>");
        }

        var q = Tpl01.Qualitative.Length;
        var firstQuant = 1 + q;
        var firstScore = header.Length - Tpl01.ScoreCount - 1;
        var lastRow = n + 1;
        var grades = $"'{Workbook.GradeSheet}'!$A$1:$B$4";

        // Formula text for data row r (A1 syntax, comma separators, as in the file format).
        string[] Formulas(int r)
        {
            string C(int col) => Output.ColumnName(col) + r.ToString(CultureInfo.InvariantCulture);
            var f = new List<string>();
            for (var j = 0; j < q; j++) f.Add($"VLOOKUP({C(1 + j)},{grades},2,0)");
            var churnD = $"ROUND(({C(firstQuant + 1)}-{C(firstQuant)})*100,6)";
            f.Add($"IF({churnD}>=0,MIN(20,15+FLOOR({churnD},1)),MAX(0,15-FLOOR(-{churnD},1)))");
            for (var k = 1; k < Tpl01.Quantitative.Length; k++)
            {
                var c = firstQuant + 2 * k;
                var d = $"ROUND(({C(c)}-{C(c + 1)})*100,6)";
                f.Add($"MAX(0,MIN(20,15+SIGN({d})*FLOOR(ABS({d}),1)))");
            }
            f.Add($"SUM({C(firstScore)}:{C(firstScore + Tpl01.ScoreCount - 1)})");
            return [.. f];
        }

        using (var w = Open(zip, "xl/worksheets/sheet1.xml"))
        {
            w.Write(Header + $"<worksheet xmlns=\"{Main}\"><dimension ref=\"A1:{Output.ColumnName(header.Length - 1)}{lastRow}\"/><sheetData>");
            w.Write("<row r=\"1\">");
            for (var c = 0; c < header.Length; c++) w.Write($"<c r=\"{Output.ColumnName(c)}1\" t=\"s\"><v>{c}</v></c>");
            w.Write("</row>\n");
            var cols = Enumerable.Range(0, header.Length).Select(Output.ColumnName).ToArray();
            var sb = new StringBuilder(4096);
            for (var i = 0; i < n; i++)
            {
                var row = i + 2;
                var rs = row.ToString(CultureInfo.InvariantCulture);
                var r = Tpl01.Generate(seed, i);
                sb.Clear().Append("<row r=\"").Append(rs).Append("\">");
                sb.Append("<c r=\"A").Append(rs).Append("\" t=\"s\"><v>").Append(subjectBase + i).Append("</v></c>");
                for (var g = 0; g < q; g++)
                    sb.Append("<c r=\"").Append(cols[1 + g]).Append(rs).Append("\" t=\"s\"><v>").Append(gradeBase + r.Grades[g]).Append("</v></c>");
                for (var k = 0; k < Tpl01.Quantitative.Length; k++)
                {
                    var (v, b) = r.Quant(k);
                    sb.Append("<c r=\"").Append(cols[firstQuant + 2 * k]).Append(rs).Append("\" s=\"1\"><v>").Append(Tpl01.FractionText(v)).Append("</v></c>");
                    sb.Append("<c r=\"").Append(cols[firstQuant + 2 * k + 1]).Append(rs).Append("\" s=\"1\"><v>").Append(Tpl01.FractionText(b)).Append("</v></c>");
                }
                string[]? full = shared && i > 0 ? null : Formulas(row);
                for (var s = 0; s <= Tpl01.ScoreCount; s++)
                {
                    sb.Append("<c r=\"").Append(cols[firstScore + s]).Append(rs).Append("\">");
                    if (!shared) sb.Append("<f>").Append(Output.Xml(full![s])).Append("</f>");
                    else if (i == 0)
                        sb.Append("<f t=\"shared\" ref=\"").Append(cols[firstScore + s]).Append(rs).Append(':').Append(cols[firstScore + s]).Append(lastRow)
                          .Append("\" si=\"").Append(s).Append("\">").Append(Output.Xml(full![s])).Append("</f>");
                    else sb.Append("<f t=\"shared\" si=\"").Append(s).Append("\"/>");
                    sb.Append("</c>");
                }
                sb.Append("</row>\n");
                w.Write(sb);
            }
            w.Write("</sheetData></worksheet>");
        }

        using (var w = Open(zip, "xl/worksheets/sheet2.xml"))
        {
            w.Write(Header + $"<worksheet xmlns=\"{Main}\"><sheetData>");
            for (var g = 0; g < Tpl01.GradeWords.Length; g++)
                w.Write($"<row r=\"{g + 1}\"><c r=\"A{g + 1}\" t=\"s\"><v>{gradeBase + g}</v></c><c r=\"B{g + 1}\"><v>{Tpl01.GradePoints[g]}</v></c></row>");
            w.Write("</sheetData></worksheet>");
        }
    }

    private static StreamWriter Open(ZipArchive zip, string name) =>
        new(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false), 1 << 20);

    private static void Part(ZipArchive zip, string name, string text)
    {
        using var w = Open(zip, name);
        w.Write(text);
    }
}

using System.IO.Compression;
using System.Text;

namespace Kaohe.Bench.Gen;

/// <summary>
/// Writes the TPL-01 workbook LibreOffice is benchmarked on: sheet "TPL-01" with the same raw inputs as the
/// CSV (grade words as text, percentages as percentage cells) followed by formula columns for the 11
/// indicator scores and the total; sheet "等级" holds the grade → points table the VLOOKUPs use.
/// Formula cells carry NO cached value (no office:value / office:value-type), so LibreOffice has to
/// calculate every one of them on load before it can export anything (checked by `verify`).
/// Output is flat ODF (.fods, plain XML), zipped ODF (.ods) or Office Open XML (.xlsx, see <see cref="Xlsx"/>),
/// chosen by the file extension.
/// </summary>
internal static class Workbook
{
    private const string Ns =
        " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" +
        " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"" +
        " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" +
        " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" +
        " xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\"" +
        " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"" +
        " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"" +
        " xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\"";

    private const string MimeType = "application/vnd.oasis.opendocument.spreadsheet";

    public const string DataSheet = "TPL-01";
    public const string GradeSheet = "等级";

    public static void Write(string path, int n, ulong seed, bool sharedFormulas = true)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        switch (ext)
        {
            case ".xlsx":
                Xlsx.Write(path, n, seed, sharedFormulas);
                break;
            case ".fods":
                using (var w = Output.OpenText(path))
                {
                    w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
                    w.Write($"<office:document{Ns} office:version=\"1.3\" office:mimetype=\"{MimeType}\">\n");
                    w.Write("<office:meta><meta:generator>Kaohe.Bench.Gen</meta:generator></office:meta>\n");
                    WriteBody(w, n, seed);
                    w.Write("</office:document>\n");
                }
                break;
            case ".ods":
                WriteOds(path, n, seed);
                break;
            default:
                throw new ArgumentException($"workbook format must be .fods, .ods or .xlsx, not '{ext}'");
        }
    }

    private static void WriteOds(string path, int n, ulong seed)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(fs, ZipArchiveMode.Create);
        var utf8 = new UTF8Encoding(false);
        // ODF: "mimetype" first and stored uncompressed.
        using (var s = zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open())
            s.Write(Encoding.ASCII.GetBytes(MimeType));
        using (var w = new StreamWriter(zip.CreateEntry("content.xml", CompressionLevel.Fastest).Open(), utf8, 1 << 20))
        {
            w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.Write($"<office:document-content{Ns} office:version=\"1.3\">\n");
            WriteBody(w, n, seed);
            w.Write("</office:document-content>\n");
        }
        using (var w = new StreamWriter(zip.CreateEntry("META-INF/manifest.xml", CompressionLevel.Fastest).Open(), utf8))
        {
            w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.Write("<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\n");
            w.Write($" <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"{MimeType}\"/>\n");
            w.Write(" <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n");
            w.Write("</manifest:manifest>\n");
        }
    }

    private static void WriteBody(TextWriter w, int n, ulong seed)
    {
        var inputHeader = Tpl01.InputHeader();   // 15 columns: A 对象, B–I grades, J–O value/baseline pairs
        var scoreHeader = Tpl01.ScoreHeader();   // 12 columns: P–Z scores, AA 总分
        var q = Tpl01.Qualitative.Length;        // 8
        var firstQuant = 1 + q;                  // J
        var firstScore = inputHeader.Length;     // P
        var lastScore = firstScore + Tpl01.ScoreCount - 1; // Z

        w.Write("<office:automatic-styles>\n");
        w.Write(" <number:percentage-style style:name=\"N1\"><number:number number:decimal-places=\"1\" number:min-integer-digits=\"1\"/><number:text>%</number:text></number:percentage-style>\n");
        w.Write(" <style:style style:name=\"pct\" style:family=\"table-cell\" style:parent-style-name=\"Default\" style:data-style-name=\"N1\"/>\n");
        w.Write("</office:automatic-styles>\n");
        w.Write("<office:body><office:spreadsheet>\n");

        w.Write($"<table:table table:name=\"{Output.Xml(DataSheet)}\">\n");
        w.Write($"<table:table-column table:number-columns-repeated=\"{firstQuant}\"/>\n");
        w.Write($"<table:table-column table:default-cell-style-name=\"pct\" table:number-columns-repeated=\"{2 * Tpl01.Quantitative.Length}\"/>\n");
        w.Write($"<table:table-column table:number-columns-repeated=\"{scoreHeader.Length}\"/>\n");

        w.Write("<table:table-row>");
        foreach (var h in inputHeader.Concat(scoreHeader)) WriteText(w, h);
        w.Write("</table:table-row>\n");

        // Formulas are per-row text (ODF has no shared formulas); LibreOffice groups identical relative
        // formulas down a column itself on import.
        var qualCells = new string[q];
        var grades = $"[$'{GradeSheet}'.$A$1:.$B$4]";
        var sb = new StringBuilder(4096);
        for (var i = 0; i < n; i++)
        {
            var r = Tpl01.Generate(seed, i);
            var row = (i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string Ref(int col) => "[." + Output.ColumnName(col) + row + "]";

            sb.Clear().Append("<table:table-row>");
            AppendText(sb, r.Subject);
            foreach (var g in r.Grades) AppendText(sb, Tpl01.GradeWords[g]);
            for (var k = 0; k < Tpl01.Quantitative.Length; k++)
            {
                var (v, b) = r.Quant(k);
                AppendPercent(sb, v);
                AppendPercent(sb, b);
            }

            // 8 qualitative: grade word → points.
            for (var j = 0; j < q; j++)
                qualCells[j] = $"of:=VLOOKUP({Ref(1 + j)};{grades};2;0)";
            foreach (var f in qualCells) AppendFormula(sb, f);

            // Differences in percentage points, rounded to 6 places so that binary floating point
            // (0.035 − 0.02 = 0.01499999…) cannot push FLOOR down across an integer; inputs have 1 decimal.
            // 流失率 (lower is better): d = H − c.
            var churnD = $"ROUND(({Ref(firstQuant + 1)}-{Ref(firstQuant)})*100;6)";
            AppendFormula(sb, $"of:=IF({churnD}>=0;MIN(20;15+FLOOR({churnD};1));MAX(0;15-FLOOR(-{churnD};1)))");
            // 增长率, 满意率 (higher is better): d = v − B; clamp(15 + sign(d)·⌊|d|⌋, 0, 20).
            for (var k = 1; k < Tpl01.Quantitative.Length; k++)
            {
                var c = firstQuant + 2 * k;
                var d = $"ROUND(({Ref(c)}-{Ref(c + 1)})*100;6)";
                AppendFormula(sb, $"of:=MAX(0;MIN(20;15+SIGN({d})*FLOOR(ABS({d});1)))");
            }
            AppendFormula(sb, $"of:=SUM([.{Output.ColumnName(firstScore)}{row}:.{Output.ColumnName(lastScore)}{row}])");
            sb.Append("</table:table-row>\n");
            w.Write(sb);
        }
        w.Write("</table:table>\n");

        w.Write($"<table:table table:name=\"{Output.Xml(GradeSheet)}\">\n<table:table-column table:number-columns-repeated=\"2\"/>\n");
        for (var g = 0; g < Tpl01.GradeWords.Length; g++)
        {
            w.Write("<table:table-row>");
            WriteText(w, Tpl01.GradeWords[g]);
            w.Write($"<table:table-cell office:value-type=\"float\" office:value=\"{Tpl01.GradePoints[g]}\"/>");
            w.Write("</table:table-row>\n");
        }
        w.Write("</table:table>\n");
        w.Write("</office:spreadsheet></office:body>\n");
    }

    private static void WriteText(TextWriter w, string text) =>
        w.Write($"<table:table-cell office:value-type=\"string\"><text:p>{Output.Xml(text)}</text:p></table:table-cell>");

    private static void AppendText(StringBuilder sb, string text) =>
        sb.Append("<table:table-cell office:value-type=\"string\"><text:p>").Append(Output.Xml(text)).Append("</text:p></table:table-cell>");

    private static void AppendPercent(StringBuilder sb, int tenths) =>
        sb.Append("<table:table-cell office:value-type=\"percentage\" office:value=\"").Append(Tpl01.FractionText(tenths)).Append("\"/>");

    private static void AppendFormula(StringBuilder sb, string formula) =>
        sb.Append("<table:table-cell table:formula=\"").Append(Output.Xml(formula)).Append("\"/>");
}

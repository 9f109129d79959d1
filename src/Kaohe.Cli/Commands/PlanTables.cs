using System.Globalization;
using System.Text;
using Kaohe.IO;
using MiniExcelLibs;

namespace Kaohe.Cli.Commands;

/// <summary>What <c>kaohe plan</c>'s outputs share: numbers as a clerk writes them, and a header plus rows written as CSV or XLSX.</summary>
internal static class PlanTables
{
    /// <summary>A decimal without trailing zeros (400000.0 → 400000), as a clerk writes it.</summary>
    public static decimal N(decimal d) => d / 1.0000000000000000000000000000m;

    /// <summary>Explanation lines joined into one cell: "…；…。".</summary>
    public static string Explain(IReadOnlyList<string> lines) => string.Join("；", lines) + (lines.Count > 0 ? "。" : "");

    private static string Cell(object? v) => v switch
    {
        null => "",
        decimal d => N(d).ToString(CultureInfo.InvariantCulture),
        _ => CellText.Safe(Convert.ToString(v, CultureInfo.InvariantCulture)),
    };

    /// <summary>Writes the rows as CSV (UTF-8, with a BOM when <paramref name="forFile"/>), text cells neutralised against formulas.</summary>
    public static void WriteCsv(Stream stream, string[] header, IEnumerable<object?[]> rows, bool forFile)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(forFile), leaveOpen: true);
        static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        w.Write(string.Join(",", header) + "\r\n");
        foreach (var row in rows) w.Write(string.Join(",", row.Select(c => Quote(Cell(c)))) + "\r\n");
    }

    /// <summary>Writes the rows as one XLSX sheet; numbers stay numbers, text cells are neutralised against formulas.</summary>
    public static void WriteXlsx(Stream stream, string sheetName, string[] header, IEnumerable<object?[]> rows)
    {
        var sheet = rows.Select(row =>
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < header.Length; i++) d[header[i]] = row[i] switch { decimal m => N(m), null => null, var other => Cell(other) };
            return d;
        }).ToList();
        if (sheet.Count == 0) sheet.Add(header.ToDictionary(h => h, _ => (object?)null));
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { [sheetName] = sheet }, excelType: ExcelType.XLSX);
    }
}

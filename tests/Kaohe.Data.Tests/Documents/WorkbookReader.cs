using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Kaohe.Data.Tests.Documents;

/// <summary>A written workbook read back with the Open XML SDK: each sheet's cells (as text), merges, formulas and print settings.</summary>
public sealed class WorkbookReader
{
    public sealed record Sheet(string Name, Dictionary<string, string> Cells, HashSet<string> StringCells, List<string> Merges, int Formulas,
        PageSetup? Page, bool FitToPage, string? OddFooter);

    public WorkbookReader(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var book = doc.WorkbookPart!;
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        PrintTitles = book.Workbook.DefinedNames?.Elements<DefinedName>().Where(d => d.Name == "_xlnm.Print_Titles")
            .ToDictionary(d => (int)d.LocalSheetId!.Value, d => d.Text) ?? [];
        foreach (var s in book.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>())
        {
            var ws = ((WorksheetPart)book.GetPartById(s.Id!)).Worksheet;
            var cells = new Dictionary<string, string>();
            var strings = new HashSet<string>();
            var formulas = 0;
            var rowNo = 0;
            foreach (var row in ws.Descendants<Row>())
            {
                rowNo = row.RowIndex?.Value is { } r ? (int)r : rowNo + 1;
                var col = 0;
                foreach (var c in row.Elements<Cell>())
                {
                    var reference = c.CellReference?.Value ?? $"{Column(++col)}{rowNo}";
                    if (c.CellReference?.Value is { } given) col = ColumnIndex(given);
                    if (c.CellFormula is not null) formulas++;
                    string text;
                    if (c.DataType?.Value == CellValues.InlineString) { text = c.InlineString?.InnerText ?? ""; strings.Add(reference); }
                    else if (c.DataType?.Value == CellValues.SharedString) { text = shared[int.Parse(c.CellValue!.Text)]; strings.Add(reference); }
                    else if (c.DataType?.Value == CellValues.String) { text = c.CellValue?.Text ?? ""; strings.Add(reference); }
                    else text = c.CellValue?.Text ?? "";
                    cells[reference] = text;
                }
            }
            var merges = ws.Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToList();
            var fit = ws.GetFirstChild<SheetProperties>()?.PageSetupProperties?.FitToPage?.Value == true;
            Sheets.Add(new Sheet(s.Name!, cells, strings, merges, formulas, ws.GetFirstChild<PageSetup>(), fit,
                ws.GetFirstChild<HeaderFooter>()?.OddFooter?.Text));
        }
    }

    public List<Sheet> Sheets { get; } = [];

    /// <summary>Sheet index → the rows repeated on every printed page ('Name'!$6:$6).</summary>
    public Dictionary<int, string> PrintTitles { get; }

    public Sheet this[string name] => Sheets.Single(s => s.Name == name);

    /// <summary>The reference of the first cell whose text is <paramref name="text"/>.</summary>
    public static string Find(Sheet sheet, string text) =>
        sheet.Cells.FirstOrDefault(c => c.Value == text).Key ?? throw new Xunit.Sdk.XunitException($"“{text}” not on sheet {sheet.Name}");

    public static int RowOf(string reference) => int.Parse(reference.TrimStart((char[])[.. Enumerable.Range('A', 26).Select(i => (char)i)]));

    private static string Column(int n) => n <= 26 ? ((char)('A' + n - 1)).ToString() : Column((n - 1) / 26) + (char)('A' + (n - 1) % 26);

    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (ch - 'A' + 1);
        return n;
    }
}

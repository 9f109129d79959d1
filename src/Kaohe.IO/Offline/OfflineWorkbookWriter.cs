using System.Drawing;
using System.Globalization;
using SpreadCheetah;
using XCell = SpreadCheetah.Cell;
using SpreadCheetah.Styling;
using SpreadCheetah.Validations;
using SpreadCheetah.Worksheets;
using Kaohe.IO.Documents;

namespace Kaohe.IO.Offline;

/// <summary>
/// Writes an offline rating workbook (streamed by SpreadCheetah): a visible 说明 sheet first, then one grid sheet per
/// <see cref="GridSheet"/> laid out as <see cref="OfflineLayout"/> says — hidden key row and id column, a title, Chinese
/// headers with the 评分标准 as a note, a row saying what may be entered, drop-down lists for grade words and number
/// ranges checked by Excel/WPS where the item has them. Every text is neutralised against formulas
/// (<see cref="CellText.Safe"/>); numbers are written as numbers.
/// </summary>
public static class OfflineWorkbookWriter
{
    /// <summary>Rows a drop-down list or range check covers below the header (the appraisees plus room for none more).</summary>
    private const int ValidatedRowsFloor = 1;

    /// <summary>
    /// Writes the workbook to <paramref name="output"/>, with print settings (A4, fit to width, the headers repeated on
    /// every page, page numbers: <see cref="PrintSetup"/>) so that a rater who prints it gets the grid as it looks. It is
    /// built in a temporary file first, because the print settings are added by copying it.
    /// </summary>
    /// <param name="instructions">The lines of the 说明 sheet (title first).</param>
    public static Task WriteAsync(Stream output, IReadOnlyList<string> instructions, IReadOnlyList<GridSheet> sheets, CancellationToken cancel = default) =>
        PrintSetup.WriteAsync(output, async file =>
        {
            await WriteBookAsync(file, instructions, sheets, cancel);
            return [new SheetPrint("说明", 1, false), .. sheets.Select(s => new SheetPrint(s.Name, OfflineLayout.HeaderRow, s.Columns.Count > 6))];
        });

    private static async Task WriteBookAsync(Stream output, IReadOnlyList<string> instructions, IReadOnlyList<GridSheet> sheets, CancellationToken cancel)
    {
        await using var book = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { WriteCellReferenceAttributes = true }, cancel);
        var title = book.AddStyle(new Style { Font = { Bold = true, Size = 14 } });
        var header = book.AddStyle(new Style
        {
            Font = { Bold = true },
            Fill = { Color = Color.FromArgb(0xDD, 0xEB, 0xF7) },
            Alignment = { Horizontal = HorizontalAlignment.Center, Vertical = VerticalAlignment.Center, WrapText = true },
            Border = { Bottom = { BorderStyle = BorderStyle.Thin }, Top = { BorderStyle = BorderStyle.Thin }, Left = { BorderStyle = BorderStyle.Thin }, Right = { BorderStyle = BorderStyle.Thin } },
        });
        var hint = book.AddStyle(new Style
        {
            Font = { Italic = true, Color = Color.FromArgb(0x59, 0x59, 0x59), Size = 9 },
            Alignment = { WrapText = true, Vertical = VerticalAlignment.Top },
        });
        var fixedCell = book.AddStyle(new Style { Fill = { Color = Color.FromArgb(0xF2, 0xF2, 0xF2) } });
        var input = book.AddStyle(new Style
        {
            Fill = { Color = Color.FromArgb(0xFF, 0xF9, 0xE5) },
            Border = { Bottom = { BorderStyle = BorderStyle.Hair }, Right = { BorderStyle = BorderStyle.Hair } },
        });
        var wrapped = book.AddStyle(new Style
        {
            Fill = { Color = Color.FromArgb(0xFF, 0xF9, 0xE5) },
            Alignment = { WrapText = true, Vertical = VerticalAlignment.Top },
        });

        var about = new WorksheetOptions();
        about.Column(1).Width = 100;
        await book.StartWorksheetAsync("说明", about, cancel);
        for (var i = 0; i < instructions.Count; i++)
            await book.AddRowAsync([new XCell(CellText.Safe(instructions[i]), i == 0 ? title : null)], cancel);

        foreach (var sheet in sheets)
        {
            var options = new WorksheetOptions { FrozenRows = OfflineLayout.HintRow, FrozenColumns = OfflineLayout.FixedColumns };
            options.Column(1).Hidden = true;
            options.Column(2).Width = 12;
            options.Column(3).Width = 12;
            for (var c = 0; c < sheet.Columns.Count; c++)
                options.Column(OfflineLayout.FixedColumns + c + 1).Width = sheet.Columns[c].Wide ? 40 : 16;
            await book.StartWorksheetAsync(sheet.Name, options, cancel);
            var width = OfflineLayout.FixedColumns + sheet.Columns.Count;

            var keys = new XCell[width];
            keys[0] = new XCell(OfflineLayout.MarkCell(sheet.Tag));
            for (var c = 0; c < sheet.Columns.Count; c++) keys[OfflineLayout.FixedColumns + c] = new XCell(sheet.Columns[c].Key);
            await book.AddRowAsync(keys, new RowOptions { Hidden = true }, cancel);

            await book.AddRowAsync([new XCell(), new XCell(CellText.Safe(sheet.Title), title)], new RowOptions { Height = 24 }, cancel);
            book.MergeCells($"B{OfflineLayout.TitleRow}:{Letter(width - 1)}{OfflineLayout.TitleRow}");

            var heads = new XCell[width];
            for (var c = 0; c < OfflineLayout.FixedColumns; c++) heads[c] = new XCell(OfflineLayout.FixedHeaders[c], header);
            for (var c = 0; c < sheet.Columns.Count; c++) heads[OfflineLayout.FixedColumns + c] = new XCell(CellText.Safe(sheet.Columns[c].Header), header);
            await book.AddRowAsync(heads, new RowOptions { Height = 30 }, cancel);

            var hints = new XCell[width];
            hints[0] = new XCell();
            hints[1] = new XCell("填写要求", hint);
            hints[2] = new XCell("", hint);
            for (var c = 0; c < sheet.Columns.Count; c++) hints[OfflineLayout.FixedColumns + c] = new XCell(CellText.Safe(sheet.Columns[c].Allowed), hint);
            await book.AddRowAsync(hints, new RowOptions { Height = 45 }, cancel);

            foreach (var row in sheet.Rows)
            {
                var cells = new XCell[width];
                cells[0] = new XCell(row.Id, fixedCell);
                cells[1] = new XCell(CellText.Safe(row.Code), fixedCell);
                cells[2] = new XCell(CellText.Safe(row.Name), fixedCell);
                for (var c = 0; c < sheet.Columns.Count; c++)
                {
                    var style = sheet.Columns[c].Wide ? wrapped : input;
                    cells[OfflineLayout.FixedColumns + c] = c < row.Values.Count && row.Values[c] is { } v
                        ? v is decimal d ? new XCell(d, style) : new XCell(CellText.Safe(Convert.ToString(v, CultureInfo.InvariantCulture)), style)
                        : new XCell((string?)null, style);
                }
                await book.AddRowAsync(cells, cancel);
            }

            var last = OfflineLayout.FirstDataRow + Math.Max(sheet.Rows.Count, ValidatedRowsFloor) - 1;
            for (var c = 0; c < sheet.Columns.Count; c++)
            {
                var column = sheet.Columns[c];
                var letter = Letter(OfflineLayout.FixedColumns + c);
                if (column.Standard is { Length: > 0 } standard) book.AddNote($"{letter}{OfflineLayout.HeaderRow}", "评分标准：" + standard);
                if (Validation(column) is { } validation)
                    book.AddDataValidation($"{letter}{OfflineLayout.FirstDataRow}:{letter}{last}", validation);
            }
        }
        await book.FinishAsync(cancel);
    }

    /// <summary>
    /// A drop-down of the grade words (when they fit Excel's 255 characters and contain no comma), or a number range;
    /// Excel only warns, so a word with a chosen score (良:8.5) can still be typed and the server decides.
    /// </summary>
    private static DataValidation? Validation(GridColumn column)
    {
        DataValidation? v = null;
        if (column.Choices.Count > 0)
        {
            if (!DataValidation.TryCreateListValues(column.Choices, true, out v)) return null;
        }
        else if (column.Min is { } min && column.Max is { } max)
        {
            v = DataValidation.DecimalBetween((double)min, (double)max);
        }
        if (v is null) return null;
        v.ErrorType = ValidationErrorType.Warning;
        v.ErrorTitle = "超出范围";
        v.ErrorMessage = "可填写：" + column.Allowed;
        return v;
    }

    /// <summary>0 → "A".</summary>
    public static string Letter(int column) => InputLimits.ColumnName(column);
}

namespace Kaohe.IO.Offline;

/// <summary>A value entered in a grid: the cell's column letter, its text (a number as a plain decimal) and whether it is a number.</summary>
public sealed record UploadCell(string Column, string Text, bool IsNumber);

/// <summary>One appraisee's row as uploaded: its row number, hidden id, and the entered values by column key (empty cells absent).</summary>
public sealed record UploadRow(int Row, string Id, IReadOnlyDictionary<string, UploadCell> Values);

/// <summary>A grid sheet as uploaded: its name, its hidden tag, and its rows.</summary>
public sealed record UploadGrid(string Sheet, string Tag, IReadOnlyList<UploadRow> Rows);

/// <summary>A problem at one cell of an uploaded workbook (sheet, row, Excel column letter, the value, why), in Chinese.</summary>
public sealed record CellProblem(string Sheet, int Row, string Column, string? Value, string Reason)
{
    /// <summary>A problem of the whole file (no cell).</summary>
    public static CellProblem File(string reason) => new("", 0, "", null, reason);

    public override string ToString() => Sheet.Length == 0
        ? Reason
        : $"工作表“{Sheet}”第 {Row} 行 {Column} 列" + (Value is null ? "" : $"（“{Value}”）") + "：" + Reason;
}

/// <summary>
/// Finds the grid sheets of an offline rating workbook (by the mark in their hidden cell A1) and reads their rows by the
/// hidden keys, which move with the columns if the rater inserts or moves one. Refuses what cannot be meant: formulas
/// (a formula's cached value may be stale, and it can point at hidden cells), values in columns without a key, rows
/// without an id, an id twice. Other sheets (the 说明 sheet, sheets the rater added) are ignored.
/// </summary>
public static class OfflineWorkbookReader
{
    /// <summary>The grids of <paramref name="sheets"/>; every problem goes to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<UploadGrid> Read(IReadOnlyList<ReadSheet> sheets, List<CellProblem> problems)
    {
        var grids = new List<UploadGrid>();
        var ids = new Dictionary<string, (string Sheet, int Row)>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            if (!sheet.Cells.TryGetValue((OfflineLayout.KeyRow, 1), out var mark) || !mark.Text.StartsWith(OfflineLayout.Mark + "|", StringComparison.Ordinal))
                continue;
            var keys = new Dictionary<int, string>();
            foreach (var ((row, column), cell) in sheet.Cells)
                if (row == OfflineLayout.KeyRow && column > OfflineLayout.FixedColumns && cell.Text.Length > 0) keys[column] = cell.Text;
            var rows = new List<UploadRow>();
            foreach (var group in sheet.Cells.Where(c => c.Key.Row >= OfflineLayout.FirstDataRow).GroupBy(c => c.Key.Row).OrderBy(g => g.Key))
            {
                var row = group.Key;
                CellProblem At(int column, string? value, string reason) => new(sheet.Name, row, InputLimits.ColumnName(column - 1), value, reason);
                var id = sheet.Cells.TryGetValue((row, 1), out var idCell) ? idCell.Text.Trim() : "";
                var values = new Dictionary<string, UploadCell>(StringComparer.Ordinal);
                foreach (var ((_, column), cell) in group.OrderBy(c => c.Key.Column))
                {
                    if (column <= OfflineLayout.FixedColumns) continue;
                    var text = CellText.Restore(cell.Text);
                    if (cell.IsFormula)
                    {
                        problems.Add(At(column, text, "单元格中是公式：请直接填写数值或文字（复制后“选择性粘贴 → 数值”）"));
                        continue;
                    }
                    if (string.IsNullOrWhiteSpace(text)) continue;
                    if (!keys.TryGetValue(column, out var key))
                    {
                        problems.Add(At(column, text, "这一列不是评分项（可能是插入的列）：请把内容填在对应的评分项下，或删除这一列"));
                        continue;
                    }
                    values[key] = new UploadCell(InputLimits.ColumnName(column - 1), text, cell.IsNumber);
                }
                if (id.Length == 0)
                {
                    if (values.Count > 0) problems.Add(At(1, null, "这一行没有识别码（可能是手工添加或复制的行）：只能填写下载时已列出的人员"));
                    continue;
                }
                if (ids.TryGetValue(id, out var first))
                {
                    problems.Add(At(1, id, $"与工作表“{first.Sheet}”第 {first.Row} 行是同一张评分表（行被复制了）：请删除其中一行"));
                    continue;
                }
                ids[id] = (sheet.Name, row);
                rows.Add(new UploadRow(row, id, values));
            }
            grids.Add(new UploadGrid(sheet.Name, mark.Text[(OfflineLayout.Mark.Length + 1)..], rows));
        }
        if (grids.Count == 0)
            problems.Add(CellProblem.File("这不是从考核系统下载的离线评分表（找不到其中的识别信息）：请先下载离线评分表，在其中填写后再上传"));
        return grids;
    }
}

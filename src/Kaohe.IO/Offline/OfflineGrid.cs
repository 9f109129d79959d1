namespace Kaohe.IO.Offline;

/// <summary>
/// One sheet of an offline rating workbook: the forms of one rater that have the same items, as a grid of
/// appraisees (rows) × items (columns). <see cref="Tag"/> and each column's <see cref="GridColumn.Key"/> and each row's
/// <see cref="GridRow.Id"/> are written in a hidden row and a hidden column, so the workbook can be read back without
/// trusting anything the rater can see and change.
/// </summary>
/// <param name="Name">The sheet's name (already unique and valid: at most 31 characters, none of <c>[]:*?/\</c>).</param>
/// <param name="Title">The visible title line (cycle, role, rater).</param>
/// <param name="Tag">What the sheet is, for the reader (cycle, rater, role); never shown.</param>
public sealed record GridSheet(string Name, string Title, string Tag, IReadOnlyList<GridColumn> Columns, IReadOnlyList<GridRow> Rows);

/// <summary>An item to fill in.</summary>
/// <param name="Key">The item's key (the indicator's name, or <see cref="OfflineLayout.CommentKey"/>).</param>
/// <param name="Header">The visible header.</param>
/// <param name="Allowed">What may be entered, in words (优/良/中/差; 0～30 分), shown under the header.</param>
/// <param name="Standard">The scoring standard (评分标准), as a note on the header.</param>
/// <param name="Choices">Words offered as a drop-down list (a grade rule), or empty.</param>
/// <param name="Min">The smallest number accepted, when the item takes a number in a range.</param>
/// <param name="Max">The largest number accepted.</param>
/// <param name="Wide">A text column (the comment): wider and wrapped.</param>
public sealed record GridColumn(string Key, string Header, string Allowed, string? Standard, IReadOnlyList<string> Choices,
    decimal? Min = null, decimal? Max = null, bool Wide = false);

/// <summary>An appraisee's row: the hidden id (form and version), 工号, name and the values entered so far.</summary>
/// <param name="Values">One per column: a decimal (written as a number), a text, or null.</param>
public sealed record GridRow(string Id, string Code, string Name, IReadOnlyList<object?> Values);

/// <summary>Where things are on a grid sheet (shared by the writer and the reader).</summary>
public static class OfflineLayout
{
    /// <summary>The mark in the hidden cell A1 of every grid sheet; a workbook without one is not ours.</summary>
    public const string Mark = "KAOHE-OFFLINE-1";

    /// <summary>The hidden row of keys (row 1): A1 holds <see cref="Mark"/> and the tag, D1… the column keys.</summary>
    public const int KeyRow = 1;

    /// <summary>The visible title row.</summary>
    public const int TitleRow = 2;

    /// <summary>The visible header row (工号, 姓名, item names).</summary>
    public const int HeaderRow = 3;

    /// <summary>The row saying what may be entered.</summary>
    public const int HintRow = 4;

    /// <summary>The first appraisee.</summary>
    public const int FirstDataRow = 5;

    /// <summary>Columns before the items: the hidden id (A), 工号 (B), 姓名 (C).</summary>
    public const int FixedColumns = 3;

    /// <summary>The key of the comment (评语) column.</summary>
    public const string CommentKey = "#评语";

    /// <summary>The headers of the fixed columns.</summary>
    public static readonly string[] FixedHeaders = ["识别码（请勿修改）", "工号", "姓名"];

    /// <summary>The text of hidden cell A1: the mark and the sheet's tag.</summary>
    public static string MarkCell(string tag) => Mark + "|" + tag;
}

using System.Globalization;

namespace Kaohe.IO.Documents;

/// <summary>
/// A rating form or a result as the company's paper form prints it (issue 13): the title, the header block, the item
/// table with its sections (考核项目), the totals, remarks such as the raters' 评语 and the signature lines. Built once
/// from the cycle's data (Kaohe.Data's <c>PaperDocuments</c>) and rendered twice: as a workbook sheet
/// (<see cref="PaperWorkbook"/>) and as print HTML for the PDF (<see cref="PaperHtml"/>). Every figure is taken from the
/// stored form or result; nothing here computes a score.
/// </summary>
/// <param name="Title">The form's title (the scheme's name, as on paper).</param>
/// <param name="Kind">评分表 or 考核结果, printed under the title.</param>
/// <param name="Name">A short name for the sheet tab and the file (工号 姓名).</param>
/// <param name="Header">The header block, in reading order (考核对象, 考核期间, 岗位, 单位, 考核人 …).</param>
/// <param name="ScoreHeading">The 得分 column's heading: 得分 on a result, 得分 / 评定 on a form.</param>
/// <param name="Sections">The item table, one entry per 考核项目 in the scheme's order.</param>
/// <param name="Totals">总分, 等级, 绩效奖金 … below the table (a blank form has the 合计 of the points only).</param>
/// <param name="Remarks">Free texts below the totals (评语 of each rater, the appeal and its resolution).</param>
/// <param name="Signatures">The signature lines, each followed by a date line (考核人签字, 被考核人签字).</param>
public sealed record PaperForm(
    string Title, string Kind, string Name, IReadOnlyList<PaperField> Header, string ScoreHeading,
    IReadOnlyList<PaperSection> Sections, IReadOnlyList<PaperTotal> Totals, IReadOnlyList<PaperField> Remarks,
    IReadOnlyList<string> Signatures);

/// <summary>A label and its value (考核期间：2026-10).</summary>
public sealed record PaperField(string Label, string Value);

/// <summary>A 考核项目 with its items and, on a result, its subtotal and how it counts.</summary>
public sealed record PaperSection(string Name, IReadOnlyList<PaperItem> Items, PaperFigure? Subtotal = null, string? SubtotalNote = null);

/// <summary>One item of the table.</summary>
/// <param name="Points">分值 as the form prints it (10, 20（30%）), or empty.</param>
/// <param name="Standard">评分标准 in words.</param>
/// <param name="Score">得分: the stored score of a result, the value entered on a form; null when blank.</param>
/// <param name="Remark">备注: the explanation of a result's score, or where a form's data item comes from.</param>
public sealed record PaperItem(int No, string Name, string Points, string Standard, PaperFigure? Score, string Remark);

/// <summary>A line below the table: its label, its figure and how it came about.</summary>
public sealed record PaperTotal(string Label, PaperFigure Value, string Remark);

/// <summary>
/// A figure as printed: a number (written to the workbook as a number, shown with at most <see cref="Decimals"/>
/// decimals as the pages do) or a text (a grade word, a value typed on a form).
/// </summary>
public readonly record struct PaperFigure(decimal? Number, string? Word, int Decimals = 2)
{
    public static PaperFigure Of(decimal? number, int decimals = 2) => new(number, null, decimals);

    public static PaperFigure Of(string? word) => new(null, word);

    /// <summary>Money in 元, always with two decimals.</summary>
    public static PaperFigure Money(decimal? amount) => new(amount, null, -2);

    /// <summary>The text shown on paper: the number rounded half-up for display, or the word; empty when neither.</summary>
    public string Text => Number is { } n
        ? Decimals < 0
            ? Math.Round(n, -Decimals, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture)
            : Math.Round(n, Decimals, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture)
        : Word ?? "";
}

/// <summary>The first sheet of a cycle's workbook: one line per appraisee with the stored figures.</summary>
/// <param name="Title">The cycle's name with 考核结果汇总.</param>
/// <param name="Header">The cycle's scheme, period, status and when the file was made.</param>
/// <param name="Columns">The column headings.</param>
/// <param name="Rows">The lines, read as they are written (a large cycle is never held at once).</param>
public sealed record PaperSummary(string Title, IReadOnlyList<PaperField> Header, IReadOnlyList<string> Columns, IEnumerable<IReadOnlyList<PaperFigure>> Rows);

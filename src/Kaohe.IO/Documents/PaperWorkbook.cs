using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;
using XCell = SpreadCheetah.Cell;

namespace Kaohe.IO.Documents;

/// <summary>
/// Writes <see cref="PaperForm"/>s as worksheets in the paper-form layout (title, header block, item table with the
/// 考核项目 cells merged over their items, subtotals, totals, remarks and signature lines) and a cycle's
/// <see cref="PaperSummary"/> as a plain first sheet. SpreadCheetah streams each row to the file as it is added, so a
/// cycle's workbook grows on disk, not in memory; it writes every text as a string cell, never as a formula. Print
/// settings (A4, fit to width, the table's heading repeated on each page, page numbers) are added afterwards by
/// <see cref="PrintSetup"/>, which SpreadCheetah has no API for.
/// </summary>
public sealed class PaperWorkbook : IAsyncDisposable
{
    /// <summary>The columns: 序号, 考核项目, 考核内容, 分值, 评分标准, 得分, 备注 (widths in characters of the default font).</summary>
    private static readonly double[] Widths = [5, 11, 18, 11, 38, 10, 34];

    private const double LineHeight = 15;

    private readonly Spreadsheet _book;
    private readonly PaperStyles _style;
    private readonly HashSet<string> _sheetNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SheetPrint> _print = [];

    private PaperWorkbook(Spreadsheet book)
    {
        _book = book;
        _style = new PaperStyles(book);
    }

    /// <summary>The print settings of each sheet written so far, in order, for <see cref="PrintSetup"/>.</summary>
    public IReadOnlyList<SheetPrint> Sheets => _print;

    /// <summary>Starts a workbook written to <paramref name="output"/> (a file: the zip is written as it goes).</summary>
    public static async Task<PaperWorkbook> CreateAsync(Stream output, CancellationToken cancel = default)
    {
        var options = new SpreadCheetahOptions { DefaultFont = new DefaultFont { Name = "SimSun", Size = 11 }, DefaultDateTimeFormat = null };
        return new PaperWorkbook(await Spreadsheet.CreateNewAsync(output, options, cancel));
    }

    /// <summary>
    /// Writes a whole workbook — an optional summary sheet, then one sheet per form as <paramref name="forms"/> yields
    /// them — with its print settings. The workbook is built in a temporary file (the print settings are added by
    /// copying it), so <paramref name="output"/> only needs to be writable.
    /// </summary>
    public static Task WriteAsync(Stream output, PaperSummary? summary, IEnumerable<PaperForm> forms, CancellationToken cancel = default) =>
        PrintSetup.WriteAsync(output, async file =>
        {
            await using var book = await CreateAsync(file, cancel);
            if (summary is not null) await book.AddSummaryAsync(summary, cancel);
            foreach (var form in forms)
            {
                cancel.ThrowIfCancellationRequested();
                await book.AddFormAsync(form, cancel);
            }
            if (book.Sheets.Count == 0) throw new InvalidOperationException("a workbook without a sheet");
            await book.FinishAsync(cancel);
            return book.Sheets;
        });

    /// <summary>Adds the summary sheet: a title, the header lines and one row per appraisee (streamed).</summary>
    public async Task AddSummaryAsync(PaperSummary summary, CancellationToken cancel = default)
    {
        var name = SheetName("汇总");
        var options = new WorksheetOptions { FrozenRows = summary.Header.Count + 2 };
        for (var c = 0; c < summary.Columns.Count; c++)
            options.Column(c + 1).Width = Math.Clamp(TextWidth(summary.Columns[c]) + 4, 8, 24);
        await _book.StartWorksheetAsync(name, options, cancel);
        var last = Math.Max(summary.Columns.Count, 2);
        await Row([Text(summary.Title, _style.Title)], 28, cancel);
        _book.MergeCells($"A1:{Col(last)}1");
        foreach (var field in summary.Header)
        {
            var row = _book.NextRowNumber;
            await Row([Text(field.Label, _style.Plain), Text(field.Value, _style.Plain)], LineHeight, cancel);
            _book.MergeCells($"B{row}:{Col(last)}{row}");
        }
        var headingRow = _book.NextRowNumber;
        await Row([.. summary.Columns.Select(c => Text(c, _style.Heading))], 22, cancel);
        foreach (var line in summary.Rows)
        {
            cancel.ThrowIfCancellationRequested();
            await Row([.. line.Select(Figure)], LineHeight, cancel);
        }
        _print.Add(new SheetPrint(name, headingRow, Landscape: summary.Columns.Count > 8));
    }

    /// <summary>Adds one form or result as a sheet in the paper layout.</summary>
    public async Task AddFormAsync(PaperForm form, CancellationToken cancel = default)
    {
        var name = SheetName(form.Name);
        var options = new WorksheetOptions { ShowGridlines = false };
        for (var c = 0; c < Widths.Length; c++) options.Column(c + 1).Width = Widths[c];
        await _book.StartWorksheetAsync(name, options, cancel);

        await Row([Text(form.Title, _style.Title)], 30, cancel);
        _book.MergeCells("A1:G1");
        await Row([Text(form.Kind, _style.Subtitle)], 20, cancel);
        _book.MergeCells("A2:G2");

        // The header block: two fields a line, the first with a wide value (考核对象), the second beside it.
        for (var i = 0; i < form.Header.Count; i += 2)
        {
            var left = form.Header[i];
            var right = i + 1 < form.Header.Count ? form.Header[i + 1] : null;
            var row = _book.NextRowNumber;
            var height = Height((left.Label, Widths[0] + Widths[1]), (left.Value, Widths[2] + Widths[3] + Widths[4]), (right?.Label ?? "", Widths[5]), (right?.Value ?? "", Widths[6]));
            await Row([Text(left.Label, _style.Label), Blank(_style.Label), Text(left.Value, _style.Cell), Blank(_style.Cell), Blank(_style.Cell),
                Text(right?.Label ?? "", _style.Label), Text(right?.Value ?? "", _style.Cell)], height, cancel);
            _book.MergeCells($"A{row}:B{row}");
            _book.MergeCells($"C{row}:E{row}");
        }

        var headingRow = _book.NextRowNumber;
        await Row([Text("序号", _style.Heading), Text("考核项目", _style.Heading), Text("考核内容", _style.Heading), Text("分值", _style.Heading),
            Text("评分标准", _style.Heading), Text(form.ScoreHeading, _style.Heading), Text("备注", _style.Heading)], 22, cancel);

        foreach (var section in form.Sections)
        {
            var first = _book.NextRowNumber;
            for (var i = 0; i < section.Items.Count; i++)
            {
                var item = section.Items[i];
                var height = Height((item.Name, Widths[2]), (item.Standard, Widths[4]), (item.Remark, Widths[6]), (item.Score?.Text ?? "", Widths[5]));
                await Row([Text(item.No.ToString(System.Globalization.CultureInfo.InvariantCulture), _style.Center),
                    i == 0 ? Text(section.Name, _style.Section) : Blank(_style.Section),
                    Text(item.Name, _style.Cell), Text(item.Points, _style.Center), Text(item.Standard, _style.Cell),
                    item.Score is { } s ? Figure(s) : Blank(_style.Center), Text(item.Remark, _style.Cell)], height, cancel);
            }
            if (section.Subtotal is { } subtotal)
            {
                await Row([Blank(_style.Center), Blank(_style.Section), Text("小计", _style.Label), Blank(_style.Center), Blank(_style.Cell),
                    Figure(subtotal, bold: true), Text(section.SubtotalNote ?? "", _style.Cell)], Height((section.SubtotalNote ?? "", Widths[6])), cancel);
            }
            var last = _book.NextRowNumber - 1;
            if (last > first) _book.MergeCells($"B{first}:B{last}");
        }

        foreach (var total in form.Totals)
        {
            var row = _book.NextRowNumber;
            await Row([Text(total.Label, _style.Label), Blank(_style.Label), Blank(_style.Label), Blank(_style.Label), Blank(_style.Label),
                Figure(total.Value, bold: true), Text(total.Remark, _style.Cell)], Height((total.Remark, Widths[6])), cancel);
            _book.MergeCells($"A{row}:E{row}");
        }

        foreach (var remark in form.Remarks)
        {
            var row = _book.NextRowNumber;
            // An empty remark (a blank form's 评语) leaves room to write by hand.
            var room = remark.Value.Length == 0 ? 3 * LineHeight + 4 : 0;
            await Row([Text(remark.Label, _style.Label), Blank(_style.Label), Text(remark.Value, _style.Cell), Blank(_style.Cell), Blank(_style.Cell),
                Blank(_style.Cell), Blank(_style.Cell)], Math.Max(room, Height((remark.Label, Widths[0] + Widths[1]), (remark.Value, Widths[2] + Widths[3] + Widths[4] + Widths[5] + Widths[6]))), cancel);
            _book.MergeCells($"A{row}:B{row}");
            _book.MergeCells($"C{row}:G{row}");
        }

        // The signature lines, each with its date, below a blank line as on paper.
        await Row([Blank(_style.Plain)], 12, cancel);
        foreach (var signature in form.Signatures)
        {
            var row = _book.NextRowNumber;
            await Row([Text(signature + "：", _style.Plain), Blank(_style.Plain), Blank(_style.Signature), Blank(_style.Signature), Text("日期：", _style.Right),
                Blank(_style.Signature), Blank(_style.Signature)], 30, cancel);
            _book.MergeCells($"A{row}:B{row}");
            _book.MergeCells($"C{row}:D{row}");
            _book.MergeCells($"F{row}:G{row}");
        }
        _print.Add(new SheetPrint(name, headingRow, Landscape: false));
    }

    /// <summary>Writes the workbook's closing parts; nothing can be added afterwards.</summary>
    public ValueTask FinishAsync(CancellationToken cancel = default) => _book.FinishAsync(cancel);

    public ValueTask DisposeAsync() => _book.DisposeAsync();

    private ValueTask Row(XCell[] cells, double height, CancellationToken cancel) =>
        _book.AddRowAsync(cells, new RowOptions { Height = Math.Min(height, 409) }, cancel);

    // A string cell is always a string: a name such as “=SUM(A1)” is shown as typed, never evaluated.
    private static XCell Text(string text, StyleId style) => new(text, style);

    private static XCell Blank(StyleId style) => new(string.Empty, style);

    private XCell Figure(PaperFigure figure) => Figure(figure, bold: false);

    private XCell Figure(PaperFigure figure, bool bold)
    {
        if (figure.Number is not { } n) return new XCell(figure.Word ?? "", bold ? _style.CenterBold : _style.Center);
        // The number as the pages show it (rounded half-up for display), kept a number so that a clerk can sum it.
        return figure.Decimals < 0
            ? new XCell(Math.Round(n, -figure.Decimals, MidpointRounding.AwayFromZero), bold ? _style.MoneyBold : _style.Money)
            : new XCell(Math.Round(n, figure.Decimals, MidpointRounding.AwayFromZero), bold ? _style.NumberBold : _style.Number);
    }

    /// <summary>A tab name Excel accepts (31 characters, none of : \ / ? * [ ]), unique within the workbook.</summary>
    private string SheetName(string wanted)
    {
        var clean = new string([.. wanted.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' || char.IsControl(c) ? '_' : c)]).Trim().Trim('\'');
        if (clean.Length == 0) clean = "表";
        if (clean.Length > 31) clean = clean[..31];
        var name = clean;
        for (var n = 2; !_sheetNames.Add(name); n++)
        {
            var suffix = $"({n})";
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return name;
    }

    /// <summary>
    /// A row's height for its wrapped texts: Excel never fits a row to a merged cell's text, so the lines are estimated
    /// (a Chinese character takes two widths of a digit).
    /// </summary>
    private static double Height(params (string Text, double Width)[] cells)
    {
        var lines = 1;
        foreach (var (text, width) in cells)
        {
            var n = 0;
            foreach (var line in text.Split('\n'))
                n += Math.Max(1, (int)Math.Ceiling(TextWidth(line) / Math.Max(1, width - 2)));
            lines = Math.Max(lines, n);
        }
        return lines * LineHeight + 4;
    }

    private static double TextWidth(string text)
    {
        double w = 0;
        foreach (var c in text) w += c >= 0x2E80 ? 2.2 : 1.15;
        return w;
    }

    private static string Col(int column) => column <= 26 ? ((char)('A' + column - 1)).ToString() : Col((column - 1) / 26) + (char)('A' + (column - 1) % 26);
}

/// <summary>What <see cref="PrintSetup"/> needs of a sheet: its name and the table heading row repeated on every page.</summary>
public sealed record SheetPrint(string Name, int HeadingRow, bool Landscape);

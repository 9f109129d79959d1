using System.Globalization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using MiniExcelLibs;

namespace Kaohe.IO;

/// <summary>
/// Reads the first sheet of an XLSX input (streamed by MiniExcel, after <see cref="XlsxGuard"/> has bounded what that
/// costs). The same columns as CSV; a numeric cell is a number (<see cref="RawScalar.IsNumber"/>), so a
/// percent-formatted 85% (stored as 0.85) reads as a fraction, and text cells are read as typed.
/// </summary>
internal sealed class XlsxSubjectSource : SubjectSource
{
    private readonly Stream _stream;
    private readonly string _label;
    private readonly Scheme _scheme;
    private readonly int _maxRows;

    public XlsxSubjectSource(Stream stream, string label, Scheme scheme, Problems problems, int maxRows = InputLimits.ExcelMaxRows) : base(problems)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            stream.Dispose();
            copy.Position = 0;
            stream = copy;
        }
        _stream = stream;
        _label = label;
        _scheme = scheme;
        _maxRows = maxRows;
    }

    /// <inheritdoc />
    public override void Dispose() => _stream.Dispose();

    /// <inheritdoc />
    public override IEnumerable<SubjectInput> ReadSubjects(CancellationToken cancel = default)
    {
        if (XlsxGuard.Check(_stream, _label, _maxRows, cancel) is { } refusal)
        {
            Problems.Add(refusal);
            yield break;
        }
        IEnumerator<object?> rows;
        try
        {
            rows = MiniExcel.Query(_stream, useHeaderRow: false, excelType: ExcelType.XLSX, configuration: XlsxGuard.ReaderConfiguration).GetEnumerator();
        }
        catch (Exception e) when (XlsxGuard.IsReadError(e))
        {
            Problems.Add(XlsxGuard.Damaged(_label));
            yield break;
        }
        using (rows)
        {
            TableLayout? layout = null;
            var rowNumber = 0;
            var failed = false;
            var cells = new List<Cell?>();
            Cell? At(int c) => c < cells.Count ? cells[c] : null;
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                if (!TryMove(rows, rowNumber, out var more))
                {
                    failed = true;
                    break;
                }
                if (!more) break;
                rowNumber++;
                if (rows.Current is not IDictionary<string, object?> dict) continue;
                cells.Clear();
                foreach (var (key, value) in dict)
                {
                    var c = ColumnIndex(key);
                    // The guard refused wider sheets; a key beyond it is not a column of ours.
                    if (c is < 0 or >= InputLimits.MaxColumns) continue;
                    while (cells.Count <= c) cells.Add(null);
                    cells[c] = ToCell(value);
                }
                if (layout is null)
                {
                    if (cells.All(x => x is null || string.IsNullOrWhiteSpace(x.Value.Text))) continue;
                    var header = cells.Select(x => x?.Text).ToList();
                    layout = TableLayout.Build(header, _scheme, Problems, c => $"{ColumnName(c)} 列");
                    if (layout is null) yield break;
                    continue;
                }
                var subject = layout.Read(At, cells.Count, rowNumber, Problems);
                if (subject is not null) yield return subject;
            }
            if (layout is null && !failed)
                Problems.Add($"Excel 文件“{_label}”的第一个工作表是空的：第 1 行应为表头（对象, 指标名…）");
        }
    }

    private bool TryMove(IEnumerator<object?> rows, int rowNumber, out bool more)
    {
        try
        {
            more = rows.MoveNext();
            return true;
        }
        catch (Exception e) when (XlsxGuard.IsReadError(e))
        {
            Problems.Add($"第 {rowNumber + 1} 行附近：{XlsxGuard.Damaged(_label)}");
            more = false;
            return false;
        }
    }

    /// <summary>A spreadsheet value as a cell: numbers are numbers, dates are written out, everything else is text.</summary>
    internal static Cell? ToCell(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return new Cell(s, false);
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d)) return new Cell(d.ToString(CultureInfo.InvariantCulture), false);
                try
                {
                    return new Cell(((decimal)d).ToString(CultureInfo.InvariantCulture), true);
                }
                catch (OverflowException)
                {
                    return new Cell(d.ToString("R", CultureInfo.InvariantCulture), false);
                }
            case decimal m:
                return new Cell(m.ToString(CultureInfo.InvariantCulture), true);
            case int or long or short or float:
                return new Cell(Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), true);
            case bool b:
                return new Cell(b ? "是" : "否", false);
            case DateTime dt:
                return new Cell(dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), false);
            default:
                return new Cell(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", false);
        }
    }

    /// <summary>"A" → 0, "AB" → 27; −1 when the key is not a column letter.</summary>
    internal static int ColumnIndex(string key)
    {
        foreach (var ch in key)
            if (ch is < 'A' or > 'Z') return -1;
        return InputLimits.ColumnIndex(key);
    }

    /// <summary>0 → "A", 27 → "AB".</summary>
    internal static string ColumnName(int index) => InputLimits.ColumnName(index);
}

namespace Kaohe.IO;

/// <summary>
/// What one input table (CSV or XLSX, scored or imported) may cost: beyond these a file is refused with the place,
/// before it can make the server hold or loop over more than it should. See also <see cref="XlsxGuard"/> for the
/// limits of the XLSX package itself.
/// </summary>
internal static class InputLimits
{
    /// <summary>
    /// Columns of a table (IV, the old Excel's last column). Readers fill every row up to the widest column, so one
    /// cell in column XFD would make each of 50,000 rows 16,384 cells wide; no appraisal or import table needs more.
    /// </summary>
    public const int MaxColumns = 256;

    /// <summary>Characters of one cell: Excel's own limit, so no real workbook has more.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Rows of a worksheet: Excel's own limit (the default row limit for an XLSX file).</summary>
    public const int ExcelMaxRows = 1_048_576;

    /// <summary>
    /// Bytes of one CSV record. A record is buffered whole, so without a limit an unclosed quote at the start of a
    /// 200 MB file would be read into memory as one field.
    /// </summary>
    public const int MaxCsvRecordBytes = 1024 * 1024;

    /// <summary>Problems listed for one file; the rest are counted (“还有 N 个问题未列出”).</summary>
    public const int MaxProblems = 1000;

    /// <summary>"A" → 0, "AB" → 27, XFD → 16383; <see cref="int.MaxValue"/> for more than three letters (beyond any sheet).</summary>
    public static int ColumnIndex(ReadOnlySpan<char> letters)
    {
        if (letters.Length is 0 or > 3) return letters.Length == 0 ? -1 : int.MaxValue;
        var n = 0;
        foreach (var ch in letters)
        {
            var c = char.ToUpperInvariant(ch);
            if (c is < 'A' or > 'Z') return -1;
            n = n * 26 + (c - 'A' + 1);
        }
        return n - 1;
    }

    /// <summary>0 → "A", 27 → "AB".</summary>
    public static string ColumnName(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }
}

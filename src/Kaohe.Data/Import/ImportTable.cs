using System.Globalization;
using System.Text;
using CsvHelper;
using Kaohe.IO;
using MiniExcelLibs;

namespace Kaohe.Data.Import;

/// <summary>One row of an import file: its row number as the user sees it (header = row 1) and its cells.</summary>
public sealed record TableRow(int Row, IReadOnlyList<string?> Cells);

/// <summary>
/// Reads the rows of a CSV (UTF-8, UTF-16 with a BOM, or GB18030; other encodings refused) or XLSX file (first sheet),
/// streamed, within the bounds of <see cref="InputLimits"/> and <see cref="XlsxGuard"/>. Messages name the file as the
/// user named it.
/// </summary>
public static class ImportTable
{
    /// <summary>The file extensions that can be imported.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".csv", ".txt", ".xlsx"];

    /// <summary>Refuses a file name whose extension cannot be imported (before anything is read or stored).</summary>
    public static void CheckName(string displayName)
    {
        var ext = UploadName.Extension(displayName);
        if (Extensions.Contains(ext)) return;
        throw new ImportFileException(ext.Length == 0
            ? $"文件“{displayName}”没有扩展名：请用 .csv（UTF-8）或 .xlsx 文件"
            : $"不支持的文件类型“{ext}”（文件“{displayName}”）：请用 .csv（UTF-8）或 .xlsx 文件");
    }

    /// <summary>
    /// The rows, header first; an unreadable file throws <see cref="ImportFileException"/>. <paramref name="displayName"/>
    /// is the name messages use (default <paramref name="path"/>): the web stores uploads under a temporary path.
    /// </summary>
    public static IEnumerable<TableRow> Read(string path, Action<long>? bytesRead = null, string? displayName = null, CancellationToken cancel = default)
    {
        var name = displayName ?? path;
        CheckName(Path.GetFileName(name) is { Length: > 0 } n ? n : name);
        return UploadName.Extension(name) switch
        {
            ".xlsx" => ReadXlsx(path, name, cancel),
            _ => ReadCsv(path, name, bytesRead),
        };
    }

    private static FileStream Open(string path, string name)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The exception's text names the path on the server.
            throw new ImportFileException($"无法打开文件“{name}”");
        }
    }

    private static IEnumerable<TableRow> ReadCsv(string path, string name, Action<long>? bytesRead)
    {
        using var file = Open(path, name);
        var guess = DetectEncoding(file, name);
        var malformed = new List<string>();
        var options = CsvText.Options(guess.ReaderEncoding) with
        {
            OnMalformedRecord = m => malformed.Add($"第 {m.LineNumber:N0} 行：CSV 格式错误（{CsvText.Reason(m.Reason)}）"),
        };
        // The reader reads invalid UTF-8 as U+FFFD; checked here, a GBK part after a UTF-8 start is refused.
        using Stream input = guess.Kind == TextEncodingKind.Utf8 ? new Utf8CheckingStream(file) : file;
        using var reader = CsvReader.Create(input, options, leaveOpen: true);
        var n = 0;
        while (true)
        {
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (CsvFormatException e)
            {
                throw new ImportFileException(CsvText.FormatError(e, e.LineNumber > 0 ? e.LineNumber : reader.LineNumber + 1));
            }
            catch (DecoderFallbackException)
            {
                throw new ImportFileException(TextEncodingDetector.LaterMessage(name, reader.LineNumber + 1, "导入"));
            }
            if (malformed.Count > 0) throw new ImportFileException(string.Join("；", malformed));
            if (!more) yield break;
            if (reader.FieldCount > InputLimits.MaxColumns) throw new ImportFileException(CsvText.TooWide(reader.LineNumber, reader.FieldCount));
            var cells = new string?[reader.FieldCount];
            for (var c = 0; c < cells.Length; c++) cells[c] = reader.GetString(c);
            if ((++n & 1023) == 0) bytesRead?.Invoke(file.Position);
            yield return new TableRow((int)reader.LineNumber, cells);
        }
    }

    private static TextEncodingGuess DetectEncoding(FileStream file, string name)
    {
        var head = new byte[TextEncodingDetector.SampleSize];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        var guess = TextEncodingDetector.Detect(head.AsSpan(0, read), read < head.Length);
        if (guess.Kind == TextEncodingKind.Refused) throw new ImportFileException(TextEncodingDetector.Message(name, guess, "导入"));
        return guess;
    }

    private static IEnumerable<TableRow> ReadXlsx(string path, string name, CancellationToken cancel)
    {
        using var file = Open(path, name);
        if (XlsxGuard.Check(file, name, InputLimits.ExcelMaxRows, cancel) is { } refusal) throw new ImportFileException(refusal);
        IEnumerable<object?> rows;
        try
        {
            rows = MiniExcel.Query(file, useHeaderRow: false, excelType: ExcelType.XLSX, configuration: XlsxGuard.ReaderConfiguration);
        }
        catch (Exception e) when (XlsxGuard.IsReadError(e))
        {
            throw new ImportFileException(XlsxGuard.Damaged(name));
        }
        var n = 0;
        using var it = rows.GetEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = it.MoveNext();
            }
            catch (Exception e) when (XlsxGuard.IsReadError(e))
            {
                throw new ImportFileException($"第 {n + 1:N0} 行附近：{XlsxGuard.Damaged(name)}");
            }
            if (!more) yield break;
            n++;
            if (it.Current is not IDictionary<string, object?> dict) continue;
            var cells = new List<string?>();
            foreach (var (key, value) in dict)
            {
                var c = InputLimits.ColumnIndex(key);
                // The guard refused wider sheets; a key beyond it is not a column.
                if (c is < 0 or >= InputLimits.MaxColumns) continue;
                while (cells.Count <= c) cells.Add(null);
                cells[c] = Text(value);
            }
            yield return new TableRow(n, cells);
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        // A double beyond decimal's range is not a value any column accepts; its text lets the column say so.
        double x when Math.Abs(x) < 7.9e28 => ((decimal)x).ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        decimal x => x.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>A file that cannot be read at all (wrong type, broken CSV quoting, not an XLSX).</summary>
public sealed class ImportFileException(string message) : Exception(message);

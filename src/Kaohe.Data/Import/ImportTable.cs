using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Kaohe.Data.Import;

/// <summary>One row of an import file: its row number as the user sees it (header = row 1) and its cells.</summary>
public sealed record TableRow(int Row, IReadOnlyList<string?> Cells);

/// <summary>Reads the rows of a CSV (UTF-8 or GB18030) or XLSX file (first sheet), streamed.</summary>
public static class ImportTable
{
    /// <summary>The rows, header first; an unreadable file throws <see cref="ImportFileException"/>.</summary>
    public static IEnumerable<TableRow> Read(string path, Action<long>? bytesRead = null)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".csv" or ".txt" => ReadCsv(path, bytesRead),
            ".xlsx" => ReadXlsx(path),
            _ => throw new ImportFileException($"不支持的文件类型“{ext}”：请用 .csv（UTF-8）或 .xlsx"),
        };
    }

    private static IEnumerable<TableRow> ReadCsv(string path, Action<long>? bytesRead)
    {
        Stream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFileException($"无法打开文件“{path}”：{e.Message}");
        }
        using (stream)
        {
            var malformed = new List<string>();
            var options = new CsvReaderOptions
            {
                Separator = ',',
                HasHeader = false,
                Mode = CsvMode.Rfc4180,
                AllowLineBreaksInQuotes = true,
                TrackLineNumbers = true,
                MalformedData = CsvMalformedDataHandling.Skip,
                OnMalformedRecord = m => malformed.Add($"第 {m.LineNumber} 行：CSV 格式错误（{m.Reason}）"),
                Encoding = Utf8OrGb18030(path),
            };
            using var reader = CsvReader.Create(stream, options, leaveOpen: true);
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
                    throw new ImportFileException($"第 {e.LineNumber} 行：CSV 格式错误：{e.Message.Split('\n')[0].Trim()}");
                }
                if (malformed.Count > 0) throw new ImportFileException(string.Join("；", malformed));
                if (!more) yield break;
                var cells = new string?[reader.FieldCount];
                for (var c = 0; c < cells.Length; c++) cells[c] = reader.GetString(c);
                if ((++n & 1023) == 0) bytesRead?.Invoke(stream.Position);
                yield return new TableRow((int)reader.LineNumber, cells);
            }
        }
    }

    private static Encoding? Utf8OrGb18030(string path)
    {
        var head = new byte[64 * 1024];
        int read;
        using (var f = File.OpenRead(path)) read = f.Read(head, 0, head.Length);
        if (read >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return null;
        try
        {
            // flush: false — a sample cut in the middle of the last character is not an error.
            new UTF8Encoding(false, true).GetDecoder().GetCharCount(head, 0, read, flush: false);
            return null;
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030");
        }
    }

    private static IEnumerable<TableRow> ReadXlsx(string path)
    {
        IEnumerable<object?> rows;
        try
        {
            rows = MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new ImportFileException($"无法读取 Excel 文件“{path}”：{e.Message}");
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
            catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException)
            {
                throw new ImportFileException($"无法读取 Excel 文件“{path}”：{e.Message}");
            }
            if (!more) yield break;
            n++;
            if (it.Current is not IDictionary<string, object?> dict) continue;
            var cells = new List<string?>();
            foreach (var (key, value) in dict)
            {
                var c = ColumnIndex(key);
                while (cells.Count <= c) cells.Add(null);
                cells[c] = Text(value);
            }
            yield return new TableRow(n, cells);
        }
    }

    private static int ColumnIndex(string letters)
    {
        var c = 0;
        foreach (var ch in letters) c = c * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        return c - 1;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double x => ((decimal)x).ToString(CultureInfo.InvariantCulture),
        decimal x => x.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>A file that cannot be read at all (wrong type, broken CSV quoting, not an XLSX).</summary>
public sealed class ImportFileException(string message) : Exception(message);

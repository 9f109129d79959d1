using System.Diagnostics;
using CsvHelper;

namespace Kaohe.IO;

/// <summary>The CSV reader's failures in Chinese, shared by <c>kaohe score</c> and the imports.</summary>
internal static class CsvText
{
    /// <summary>Reader options both readers share: RFC 4180, header read as a row, line numbers, bounded records.</summary>
    public static CsvReaderOptions Options(System.Text.Encoding? encoding) => new()
    {
        Separator = ',',
        HasHeader = false,
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        MaxRecordSize = InputLimits.MaxCsvRecordBytes,
        Encoding = encoding,
    };

    /// <summary>Why a record was malformed.</summary>
    public static string Reason(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "字段中间有引号；含引号的值应整体加引号，并把引号写成两个",
        CsvMalformedReason.TextAfterClosingQuote => "引号结束后还有字符",
        CsvMalformedReason.UnterminatedQuote => "引号没有闭合，直到文件末尾",
        CsvMalformedReason.LineBreakInQuotes => "引号内换行",
        CsvMalformedReason.FieldCountMismatch => "列数与表头不一致",
        CsvMalformedReason.TrailingEscape => "末尾有多余的转义字符",
        _ => throw new UnreachableException(),
    };

    /// <summary>A <see cref="CsvFormatException"/> the reader threw, at <paramref name="line"/>, in Chinese.</summary>
    public static string FormatError(CsvFormatException e, long line) =>
        e.Message.Contains("MaxRecordSize", StringComparison.Ordinal)
            ? $"第 {line:N0} 行：一行超过 {InputLimits.MaxCsvRecordBytes / 1024 / 1024} MB（多半是引号没有闭合），文件未读完"
            : $"第 {line:N0} 行：CSV 格式错误，无法继续读取（请检查引号是否成对）";

    /// <summary>A row with more fields than any table may have.</summary>
    public static string TooWide(long line, int fields) =>
        $"第 {line:N0} 行有 {fields:N0} 列，超出了支持的列数（最多 {InputLimits.MaxColumns} 列）";
}

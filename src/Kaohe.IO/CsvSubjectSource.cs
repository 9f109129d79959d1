using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;

namespace Kaohe.IO;

/// <summary>
/// Reads a CSV input: UTF-8 (a BOM is tolerated; a file that is not UTF-8 from its first bytes is read as
/// GB18030, the encoding Excel uses for "CSV" on Chinese Windows), comma-separated, header row first.
/// Rows are numbered by line as a spreadsheet shows them: the header is row 1.
/// </summary>
internal sealed class CsvSubjectSource : SubjectSource
{
    private const int SampleSize = 64 * 1024;
    private readonly PeekStream _stream;
    private readonly string _label;
    private readonly Scheme _scheme;

    public CsvSubjectSource(Stream stream, string label, Scheme scheme, Problems problems) : base(problems)
    {
        _stream = stream as PeekStream ?? new PeekStream(stream);
        _label = label;
        _scheme = scheme;
    }

    /// <inheritdoc />
    public override void Dispose() => _stream.Dispose();

    /// <inheritdoc />
    public override IEnumerable<SubjectInput> ReadSubjects()
    {
        var malformed = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            TrimWhitespace = false,
            TrackLineNumbers = true,
            // The same words and rates come back in every row: each distinct cell text is one string.
            PoolStrings = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = m =>
            {
                malformed.Add(m.LineNumber);
                Problems.Add($"第 {m.LineNumber} 行：CSV 格式错误（{Reason(m.Reason)}），该行未读取：{Shorten(m.RawRecord)}");
            },
            Encoding = ChooseEncoding(_stream.Peek(SampleSize), _stream.Peek(SampleSize).Length < SampleSize),
        };
        using var reader = CsvReader.Create(_stream, options, leaveOpen: true);

        if (!TryRead(reader, out var any)) yield break;
        if (!any)
        {
            Problems.Add($"输入文件“{_label}”是空的：第 1 行应为表头（对象, 指标名…）");
            yield break;
        }
        var header = new string?[reader.FieldCount];
        for (var c = 0; c < header.Length; c++) header[c] = reader.GetString(c);
        if (header.Length == 1 && header[0] is { } only && (only.Contains('\t') || only.Contains(';')))
            Problems.Add($"第 1 行：表头只有一列“{Shorten(only)}”；CSV 应以英文逗号分隔");
        var layout = TableLayout.Build(header, _scheme, Problems, c => $"第 {c + 1} 列");
        if (layout is null) yield break;
        layout.ShareScalars = true;

        Cell? At(int c) => c < reader.FieldCount ? new Cell(reader.GetString(c) ?? "", false) : null;
        while (true)
        {
            if (!TryRead(reader, out var more) || !more) yield break;
            var subject = layout.Read(At, reader.FieldCount, (int)reader.LineNumber, Problems);
            if (subject is not null) yield return subject;
        }
    }

    private bool TryRead(CsvReader reader, out bool read)
    {
        try
        {
            read = reader.Read();
            return true;
        }
        catch (CsvFormatException e)
        {
            Problems.Add($"第 {(e.LineNumber > 0 ? e.LineNumber : reader.LineNumber + 1)} 行：CSV 格式错误：{e.Message.Split('\n')[0].Trim()}");
        }
        catch (DecoderFallbackException)
        {
            Problems.Add($"第 {reader.LineNumber + 1} 行附近：文件编码无法识别：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”");
        }
        read = false;
        return false;
    }

    private static string Reason(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "字段中间有引号；含引号的值应整体加引号，并把引号写成两个",
        CsvMalformedReason.TextAfterClosingQuote => "引号结束后还有字符",
        CsvMalformedReason.UnterminatedQuote => "引号没有闭合，直到文件末尾",
        CsvMalformedReason.LineBreakInQuotes => "引号内换行",
        CsvMalformedReason.FieldCountMismatch => "列数与表头不一致",
        CsvMalformedReason.TrailingEscape => "末尾有多余的转义字符",
        _ => throw new UnreachableException(),
    };

    private static Encoding? ChooseEncoding(ReadOnlySpan<byte> head, bool whole)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return null;
        // A sample cut in the middle of a character is NeedMoreData, not invalid.
        var chars = new char[head.Length];
        if (Utf8.ToUtf16(head, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: whole) != OperationStatus.InvalidData)
            return null;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private static string Shorten(string s)
    {
        s = s.TrimEnd('\r', '\n');
        return s.Length <= 60 ? s : s[..60] + "…";
    }
}

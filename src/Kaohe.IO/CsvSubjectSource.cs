using System.Text;
using CsvHelper;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;

namespace Kaohe.IO;

/// <summary>
/// Reads a CSV input: UTF-8 (with or without a BOM), UTF-16 with a BOM, or GB18030 (what Excel writes for "CSV" on
/// Chinese Windows) as <see cref="TextEncodingDetector"/> decides; other encodings are refused with the reason.
/// Comma-separated, header row first. Rows are numbered by line as a spreadsheet shows them: the header is row 1.
/// </summary>
internal sealed class CsvSubjectSource : SubjectSource
{
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
    public override IEnumerable<SubjectInput> ReadSubjects(CancellationToken cancel = default)
    {
        var guess = DetectEncoding();
        if (guess.Kind == TextEncodingKind.Refused)
        {
            Problems.Add(TextEncodingDetector.Message(_label, guess, "计分"));
            yield break;
        }
        var options = CsvText.Options(guess.ReaderEncoding) with
        {
            TrimWhitespace = false,
            // The same words and rates come back in every row: each distinct cell text is one string.
            PoolStrings = true,
            OnMalformedRecord = m => Problems.Add($"第 {m.LineNumber} 行：CSV 格式错误（{CsvText.Reason(m.Reason)}），该行未读取：{Shorten(m.RawRecord)}"),
        };
        // The reader reads invalid UTF-8 as U+FFFD; checked here, a GBK part after a UTF-8 start is refused.
        Stream input = guess.Kind == TextEncodingKind.Utf8 ? new Utf8CheckingStream(_stream) : _stream;
        using var reader = CsvReader.Create(input, options, leaveOpen: true);

        if (!TryRead(reader, out var any)) yield break;
        if (!any)
        {
            Problems.Add($"输入文件“{_label}”是空的：第 1 行应为表头（对象, 指标名…）");
            yield break;
        }
        if (reader.FieldCount > InputLimits.MaxColumns)
        {
            Problems.Add(CsvText.TooWide(reader.LineNumber, reader.FieldCount));
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
            cancel.ThrowIfCancellationRequested();
            if (!TryRead(reader, out var more) || !more) yield break;
            if (reader.FieldCount > InputLimits.MaxColumns)
            {
                Problems.Add(CsvText.TooWide(reader.LineNumber, reader.FieldCount));
                yield break;
            }
            var subject = layout.Read(At, reader.FieldCount, (int)reader.LineNumber, Problems);
            if (subject is not null) yield return subject;
        }
    }

    private TextEncodingGuess DetectEncoding()
    {
        var head = _stream.Peek(TextEncodingDetector.SampleSize);
        return TextEncodingDetector.Detect(head, head.Length < TextEncodingDetector.SampleSize);
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
            Problems.Add(CsvText.FormatError(e, e.LineNumber > 0 ? e.LineNumber : reader.LineNumber + 1));
        }
        catch (DecoderFallbackException)
        {
            Problems.Add(TextEncodingDetector.LaterMessage(_label, reader.LineNumber + 1, "计分"));
        }
        read = false;
        return false;
    }

    private static string Shorten(string s)
    {
        s = s.TrimEnd('\r', '\n');
        return s.Length <= 60 ? s : s[..60] + "…";
    }
}

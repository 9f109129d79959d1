using Kaohe.Core.Inputs;
using Kaohe.Core.Model;

namespace Kaohe.IO;

/// <summary>The kinds of input file <c>kaohe score</c> reads.</summary>
internal enum InputFormat { Json, Csv, Xlsx }

/// <summary>
/// A lazily read sequence of subjects from an input file. Problems with the file (malformed JSON, a bad
/// column, a row without a subject) are recorded in <see cref="Problems"/>; a subject is yielded whenever
/// there is something to score, so that the scoring errors of every row are reported too.
/// </summary>
internal abstract class SubjectSource : IDisposable
{
    protected SubjectSource(Problems problems) => Problems = problems;

    /// <summary>Where problems go.</summary>
    protected Problems Problems { get; }

    /// <summary>The period of the run, if the input names one (JSON <c>period</c>); may become known while reading.</summary>
    public string? Period { get; protected set; }

    /// <summary>The subjects, read as they are enumerated (enumerate once); stops with <see cref="OperationCanceledException"/> when <paramref name="cancel"/> fires.</summary>
    public abstract IEnumerable<SubjectInput> ReadSubjects(CancellationToken cancel = default);

    /// <inheritdoc />
    public virtual void Dispose() { }

    /// <summary>
    /// Reads <paramref name="stream"/> (taking ownership of it) as the format its name <paramref name="label"/>
    /// says, or, when the name says nothing, as what its first bytes look like.
    /// </summary>
    /// <param name="maxRows">The last worksheet row an XLSX input may use (<see cref="XlsxGuard"/>).</param>
    public static SubjectSource Open(Stream stream, string label, Scheme scheme, Problems problems, int maxRows = InputLimits.ExcelMaxRows)
    {
        try
        {
            var format = FormatOf(label);
            if (format is null)
            {
                var peek = new PeekStream(stream);
                stream = peek;
                format = Sniff(peek.Peek(512));
            }
            return format switch
            {
                InputFormat.Json => new JsonSubjectSource(stream, problems, scheme),
                InputFormat.Csv => new CsvSubjectSource(stream, label, scheme, problems),
                _ => new XlsxSubjectSource(stream, label, scheme, problems, maxRows),
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The format named by a file extension, or null to look at the content.</summary>
    public static InputFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => InputFormat.Json,
        ".csv" or ".txt" => InputFormat.Csv,
        ".xlsx" or ".xlsm" => InputFormat.Xlsx,
        ".xls" => throw new InputException($"不支持旧版 Excel 文件“{path}”（.xls）：请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）"),
        _ => null,
    };

    private static InputFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4) return InputFormat.Xlsx;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        foreach (var b in head)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b is (byte)'{' or (byte)'[' ? InputFormat.Json : InputFormat.Csv;
        }
        return InputFormat.Csv;
    }
}

/// <summary>An input that cannot be read at all (wrong kind of file, wrong top-level shape), with a message for the user.</summary>
internal sealed class InputException(string message) : Exception(message);

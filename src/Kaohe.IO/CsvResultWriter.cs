using System.Buffers;
using System.Globalization;
using System.Text;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;

namespace Kaohe.IO;

/// <summary>CSV output, one row per subject (<see cref="ResultTable"/>), UTF-8 with a BOM for files so Excel reads the Chinese.</summary>
internal sealed class CsvResultWriter : ResultWriter
{
    [ThreadStatic] private static StringBuilder? t_line;

    private readonly Stream _stream;
    private readonly ResultTable _table;
    private readonly bool _bom;
    private readonly ArrayBufferWriter<byte> _own = new();

    public CsvResultWriter(Stream stream, Scheme scheme, bool bom, bool codes = false) : base(scheme)
    {
        _stream = stream;
        _table = new ResultTable(scheme, codes);
        _bom = bom;
    }

    public override bool RendersAhead => true;

    public override void Render(SubjectInput input, SubjectResult result, IBufferWriter<byte> output) => RenderRow(_table.Row(input, result), output);

    protected override void Begin(string? period)
    {
        if (_bom) _stream.Write([0xEF, 0xBB, 0xBF]);
        WriteOwn(_table.Header);
    }

    protected override void WriteResult(SubjectInput input, SubjectResult result) => WriteOwn(_table.Row(input, result));

    protected override void WriteRenderedResult(ReadOnlySpan<byte> rendered) => _stream.Write(rendered);

    protected override void End(string? period) => _stream.Flush();

    private void WriteOwn(IReadOnlyList<object?> cells)
    {
        _own.ResetWrittenCount();
        RenderRow(cells, _own);
        _stream.Write(_own.WrittenSpan);
    }

    private static void RenderRow(IReadOnlyList<object?> cells, IBufferWriter<byte> output)
    {
        var line = t_line ??= new StringBuilder(1024);
        line.Clear();
        Span<char> number = stackalloc char[Numbers.MaxLength];
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) line.Append(',');
            switch (cells[i])
            {
                case null:
                    break;
                case decimal d:
                    line.Append(number[..Numbers.Chars(d, number)]);
                    break;
                case string s:
                    AppendText(line, CellText.Safe(s));
                    break;
                default:
                    AppendText(line, CellText.Safe(Convert.ToString(cells[i], CultureInfo.InvariantCulture)));
                    break;
            }
        }
        line.Append("\r\n");
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length));
        var n = 0;
        foreach (var chunk in line.GetChunks()) n += Encoding.UTF8.GetBytes(chunk.Span, span[n..]);
        output.Advance(n);
    }

    private static void AppendText(StringBuilder line, string s)
    {
        if (s.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(s);
            return;
        }
        line.Append('"').Append(s.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    public override void Dispose() { }
}

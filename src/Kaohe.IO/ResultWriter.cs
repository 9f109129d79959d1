using System.Buffers;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;

namespace Kaohe.IO;

/// <summary>The output formats of <c>kaohe score</c>.</summary>
internal enum OutputFormat { Json, Csv, Xlsx, Table }

/// <summary>
/// Writes the results of a run one subject at a time to a stream. A writer that
/// <see cref="RendersAhead"/> turns results into bytes on the scoring threads (<see cref="Render"/>), so
/// the writing thread only copies them out in order.
/// </summary>
internal abstract class ResultWriter : IDisposable
{
    private bool _begun;

    protected ResultWriter(Scheme scheme) => Scheme = scheme;

    /// <summary>The scheme of the run.</summary>
    protected Scheme Scheme { get; }

    /// <summary>How many subjects were written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Whether results may be rendered on other threads with <see cref="Render"/>.</summary>
    public virtual bool RendersAhead => false;

    /// <summary>
    /// Renders one result, with the input it was scored from, as this writer would write it. Thread-safe; only when
    /// <see cref="RendersAhead"/>.
    /// </summary>
    public virtual void Render(SubjectInput input, SubjectResult result, IBufferWriter<byte> output) => throw new NotSupportedException();

    /// <summary>Writes one subject's result; <paramref name="input"/> is what it was scored from (the tables write it too, to be read back).</summary>
    public void Write(SubjectInput input, SubjectResult result, string? period)
    {
        EnsureBegun(period);
        WriteResult(input, result);
        Count++;
    }

    /// <summary>Writes one subject's result rendered earlier by <see cref="Render"/>.</summary>
    public void WriteRendered(ReadOnlySpan<byte> rendered, string? period)
    {
        EnsureBegun(period);
        WriteRenderedResult(rendered);
        Count++;
    }

    /// <summary>Completes the output.</summary>
    public void Complete(string? period)
    {
        EnsureBegun(period);
        End(period);
    }

    private void EnsureBegun(string? period)
    {
        if (_begun) return;
        _begun = true;
        Begin(period);
    }

    /// <summary>Starts the output; <paramref name="period"/> is what the input said so far.</summary>
    protected abstract void Begin(string? period);

    /// <summary>Writes one subject.</summary>
    protected abstract void WriteResult(SubjectInput input, SubjectResult result);

    /// <summary>Writes one subject rendered ahead.</summary>
    protected virtual void WriteRenderedResult(ReadOnlySpan<byte> rendered) => throw new NotSupportedException();

    /// <summary>Ends the output; <paramref name="period"/> is the input's period if it came late.</summary>
    protected abstract void End(string? period);

    /// <inheritdoc />
    public abstract void Dispose();
}

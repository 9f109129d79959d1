using Kaohe.Core.Scoring;

namespace Kaohe.IO;

/// <summary>
/// The problems of one run, one line each. Lines go to stderr as they are found (so memory does not grow
/// with the number of bad rows), are held back while a batch of subjects is scored on other threads (so
/// they still come out in row order), or, without a writer, are kept for the caller.
/// </summary>
internal sealed class Problems(TextWriter? writer)
{
    private readonly List<string> _kept = [];
    private List<string>? _held;

    /// <summary>The number of problems so far (held ones included).</summary>
    public int Count { get; private set; }

    /// <summary>Problems kept when there is no writer.</summary>
    public IReadOnlyList<string> Kept => _kept;

    /// <summary>Records one problem.</summary>
    public void Add(string line)
    {
        Count++;
        if (_held is not null) _held.Add(line);
        else Emit(line);
    }

    /// <summary>Records a scoring error (location, subject, indicator, value, message).</summary>
    public void Add(ScoringError error) => Add(error.ToString());

    /// <summary>Records one problem and writes it now, even while problems are held back.</summary>
    public void Report(string line)
    {
        Count++;
        Emit(line);
    }

    /// <summary>From now on, new problems go to <paramref name="held"/> until <see cref="Release"/>.</summary>
    public void Hold(List<string> held) => _held = held;

    /// <summary>Stops holding problems back.</summary>
    public void Release() => _held = null;

    /// <summary>Writes a line that was held back (already counted).</summary>
    public void Emit(string line)
    {
        if (writer is null) _kept.Add(line);
        else writer.WriteLine(line);
    }
}

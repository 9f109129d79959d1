using Kaohe.Core.Scoring;

namespace Kaohe.IO;

/// <summary>
/// The problems of one run, one line each. Lines go to stderr as they are found (so memory does not grow
/// with the number of bad rows), are held back while a batch of subjects is scored on other threads (so
/// they still come out in row order), or, without a writer, are kept for the caller. At most
/// <see cref="Max"/> lines are written or kept; the rest are only counted (<see cref="UnlistedLine"/>), so a file of
/// a million bad rows answers with a thousand lines, not a hundred megabytes.
/// </summary>
internal sealed class Problems(TextWriter? writer, int max = InputLimits.MaxProblems)
{
    private readonly List<string> _kept = [];
    private List<string>? _held;
    private int _listed;

    /// <summary>The most lines written or kept.</summary>
    public int Max => max;

    /// <summary>The number of problems so far (held ones and unlisted ones included).</summary>
    public int Count { get; private set; }

    /// <summary>Problems counted but not written or kept, because <see cref="Max"/> were already.</summary>
    public int Unlisted { get; private set; }

    /// <summary>Problems kept when there is no writer.</summary>
    public IReadOnlyList<string> Kept => _kept;

    /// <summary>The line that says how many problems were not listed, or null when all were.</summary>
    public string? UnlistedLine => Unlisted == 0 ? null : UnlistedText(Unlisted, _listed);

    /// <summary>“还有 N 个问题未列出（只列出了前 M 个）”.</summary>
    public static string UnlistedText(int unlisted, int listed) => $"还有 {unlisted:N0} 个问题未列出（只列出了前 {listed:N0} 个）";

    /// <summary>Records one problem.</summary>
    public void Add(string line)
    {
        Count++;
        // Held lines are capped when they are emitted; holding more than a batch's worth is pointless.
        if (_held is not null)
        {
            if (_held.Count <= max) _held.Add(line);
            else Unlisted++;
        }
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

    /// <summary>Writes a line that was held back (already counted), unless <see cref="Max"/> lines were written.</summary>
    public void Emit(string line)
    {
        if (_listed >= max)
        {
            Unlisted++;
            return;
        }
        _listed++;
        if (writer is null) _kept.Add(line);
        else writer.WriteLine(line);
    }
}

using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;

namespace Kaohe.Schemes.Editing;

/// <summary>The outcome of a trial score: every result, or the problems (each naming sample, item and value).</summary>
public sealed record TrialOutcome(IReadOnlyList<SubjectResult> Results, IReadOnlyList<ScoringError> Errors, string? Refusal = null)
{
    public bool IsSuccess => Refusal is null && Errors.Count == 0;
}

/// <summary>
/// 试算: a few sample subjects scored with a scheme that may not be saved yet, by the engine itself (peer averages and
/// ranking over the samples included), so what HR sees before saving is what a cycle will compute.
/// </summary>
public static class SchemeTrial
{
    /// <summary>The most samples of one trial: it is for trying a form, not for scoring a company (快速计分 does that).</summary>
    public const int MaxSubjects = 20;

    public static TrialOutcome Run(Scheme scheme, IReadOnlyList<SubjectInput> subjects, CancellationToken cancel = default)
    {
        if (subjects.Count == 0) return new TrialOutcome([], [], "请至少填写一个样例");
        if (subjects.Count > MaxSubjects) return new TrialOutcome([], [], $"试算最多 {MaxSubjects} 个样例（更多请用快速计分）");
        var outcome = ScoringEngine.ScoreAll(scheme, subjects, cancel);
        return new TrialOutcome(outcome.Results, outcome.Errors);
    }
}

/// <summary>One sample of the trial sheet: a name and what was typed into its boxes (by <see cref="TrialField.Key"/>).</summary>
public sealed class TrialSample
{
    public string? Name { get; set; }
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The bonus base, when the scheme takes it from each appraisee.</summary>
    public string? PayoutBase { get; set; }
}

/// <summary>The editor's trial sheet: a few samples kept while the scheme is edited, and the last outcome.</summary>
public sealed class TrialSheet
{
    public List<TrialSample> Samples { get; } = [new() { Name = "样例一" }, new() { Name = "样例二" }];

    /// <summary>The last outcome and the scheme it was computed with (results go stale when the scheme changes).</summary>
    public TrialOutcome? Outcome { get; private set; }
    public Scheme? ScoredWith { get; private set; }

    /// <summary>Scores every sample with <paramref name="scheme"/>; unnamed samples are named by their position.</summary>
    public TrialOutcome Run(Scheme scheme, CancellationToken cancel = default)
    {
        var subjects = Samples.Select((s, i) => TrialInputs.Build(scheme, string.IsNullOrWhiteSpace(s.Name) ? $"样例{i + 1}" : s.Name.Trim(), s.Values, s.PayoutBase)).ToList();
        Outcome = SchemeTrial.Run(scheme, subjects, cancel);
        ScoredWith = scheme;
        return Outcome;
    }

    /// <summary>Fills every sample with values that score (the first a good month, the others ordinary ones).</summary>
    public void FillSamples(Scheme scheme)
    {
        for (var i = 0; i < Samples.Count; i++)
        {
            Samples[i].Values = TrialInputs.SampleValues(scheme, i == 0 ? 0 : 1);
            if (TrialInputs.NeedsPayoutBase(scheme)) Samples[i].PayoutBase ??= "3000";
        }
    }

    /// <summary>Forgets the last outcome (after a change of the scheme).</summary>
    public void Clear()
    {
        Outcome = null;
        ScoredWith = null;
    }
}

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

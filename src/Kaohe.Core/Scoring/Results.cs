using System.Collections.Immutable;
using Kaohe.Core.Model;

namespace Kaohe.Core.Scoring;

/// <summary>A problem with one input: which subject, which indicator, what value, and why.</summary>
public sealed record ScoringError(string Subject, string? Indicator, string? Value, string Message, string? Location = null)
{
    /// <summary>One line naming subject, indicator and value, as the CLI prints it.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Location is not null) parts.Add(Location);
        parts.Add($"对象“{Subject}”");
        if (Indicator is not null) parts.Add($"指标“{Indicator}”");
        if (Value is not null) parts.Add($"值“{Value}”");
        return string.Join("，", parts) + "：" + Message;
    }
}

/// <summary>How an indicator's score came about.</summary>
public enum IndicatorStatus
{
    /// <summary>Scored from its input.</summary>
    Scored,
    /// <summary>Excluded (no data or not applicable with the exclude policy); the section is renormalised.</summary>
    Excluded,
    /// <summary>Not applicable; scored by the peer average of the run (PC-08).</summary>
    PeerAverage,
    /// <summary>A veto item that was triggered.</summary>
    VetoTriggered,
    /// <summary>Could not be scored: see the errors.</summary>
    Failed,
}

/// <summary>One rater's score of an indicator.</summary>
public sealed record RaterScore(string Role, decimal Weight, decimal? Score, string Explanation);

/// <summary>The score of one indicator with its explanation (评分依据).</summary>
/// <param name="Score">Exact score (null when excluded or failed).</param>
/// <param name="Max">The item's points, if the form gives them.</param>
public sealed record IndicatorResult(
    string Name,
    string Section,
    IndicatorCategory Category,
    decimal? Score,
    decimal? Max,
    string Explanation,
    IndicatorStatus Status,
    ScoreUnit Unit,
    ImmutableArray<RaterScore> Raters);

/// <summary>The score of a section and its contribution to the total.</summary>
public sealed record SectionResult(string Name, decimal Score, decimal? Weight, decimal Contribution, string Explanation);

/// <summary>The whole result of one subject.</summary>
/// <param name="Total">Exact total.</param>
/// <param name="Money">The sum of money items (元) beside the points, if any.</param>
/// <param name="Payout">The bonus paid, rounded to 0.01 元, if the scheme has a payout rule and a base.</param>
/// <param name="Rank">Rank in the run (1 = best), if the scheme ranks.</param>
/// <param name="RankAmount">Ranking reward (+) or penalty (−), if any.</param>
/// <param name="Code">The subject's code (工号) when its input had one.</param>
public sealed record SubjectResult(
    string Subject,
    decimal Total,
    string TotalExplanation,
    string? Grade,
    string? GradeExplanation,
    decimal? Payout,
    string? PayoutExplanation,
    decimal? Money,
    int? Rank,
    decimal? RankAmount,
    string? RankExplanation,
    bool Vetoed,
    ImmutableArray<SectionResult> Sections,
    ImmutableArray<IndicatorResult> Indicators,
    string? Code = null)
{
    /// <summary>What identifies the subject in a run: its code (工号) when it has one, else its name.</summary>
    public string Key => Code ?? Subject;

    /// <summary>The subject as a reader sees it: the name, with the code beside it when there is one.</summary>
    public string Display => Code is null ? Subject : $"{Subject}（{Code}）";
}

/// <summary>The outcome of scoring a run: every result, or every error.</summary>
public sealed record ScoringOutcome(ImmutableArray<SubjectResult> Results, ImmutableArray<ScoringError> Errors)
{
    /// <summary>Whether the run had no input errors.</summary>
    public bool IsSuccess => Errors.IsEmpty;
}

using System.Collections.Immutable;

namespace Kaohe.Core.Scoring;

/// <summary>The result of a consecutive-period rule, with its reason.</summary>
public sealed record PeriodRuleOutcome(bool Applies, string Explanation);

/// <summary>What GR-02 prescribes after a sequence of results.</summary>
public enum PoorResultAction
{
    /// <summary>Nothing.</summary>
    None,
    /// <summary>警告或罚款 (second consecutive poor result).</summary>
    WarningOrFine,
    /// <summary>调整工作岗位或解除劳动合同 review (third poor result).</summary>
    ReassignmentReview,
}

/// <summary>
/// GR-01 and GR-02: rules over a sequence of period results. Pure functions over the grades of
/// consecutive periods, in period order.
/// </summary>
public static class ConsecutivePeriods
{
    /// <summary>The grade order assumed by GR-01, best first.</summary>
    public static readonly ImmutableArray<string> DefaultGradeOrder = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D"];

    /// <summary>
    /// GR-01: the annual grade is capped at <paramref name="threshold"/> if two adjacent assessed quarters,
    /// or <paramref name="cumulative"/> quarters of the year, are at or below it.
    /// </summary>
    /// <param name="quarters">The quarter grades in order; null = not assessed (PC-09).</param>
    /// <param name="skipNotAssessed">True (default): a not-assessed quarter neither counts nor breaks adjacency; false: it breaks the chain.</param>
    public static PeriodRuleOutcome AnnualCap(IReadOnlyList<string?> quarters, string threshold = "B-", IReadOnlyList<string>? order = null, bool skipNotAssessed = true, int cumulative = 3)
    {
        order ??= DefaultGradeOrder;
        var limit = IndexOf(order, threshold);
        bool AtOrBelow(string g) => IndexOf(order, g) >= limit;
        var poor = 0;
        string? previous = null;
        var adjacent = false;
        var labels = new List<string>();
        for (var i = 0; i < quarters.Count; i++)
        {
            var g = quarters[i];
            labels.Add($"Q{i + 1} {g ?? "不考核"}");
            if (g is null)
            {
                if (!skipNotAssessed) previous = null;
                continue;
            }
            var isPoor = AtOrBelow(g);
            if (isPoor) poor++;
            if (isPoor && previous is not null && AtOrBelow(previous)) adjacent = true;
            previous = g;
        }
        var seq = string.Join("，", labels);
        if (adjacent) return new(true, $"{seq}：连续两个季度在 {threshold} 及以下，年度绩效不得高于 {threshold}");
        if (poor >= cumulative) return new(true, $"{seq}：全年累计 {poor} 个季度在 {threshold} 及以下，年度绩效不得高于 {threshold}");
        return new(false, $"{seq}：{threshold} 及以下共 {poor} 个季度且不相邻，不限制年度等级");
    }

    /// <summary>Applies the GR-01 cap to an annual grade.</summary>
    public static string CapGrade(string annualGrade, string cap, IReadOnlyList<string>? order = null)
    {
        order ??= DefaultGradeOrder;
        return IndexOf(order, annualGrade) < IndexOf(order, cap) ? cap : annualGrade;
    }

    /// <summary>
    /// GR-02: after each result, the action due. "第三次" is the third consecutive poor result by default,
    /// or the third cumulative one when <paramref name="cumulativeThird"/>.
    /// </summary>
    public static PoorResultAction PoorResults(IReadOnlyList<bool> poor, bool cumulativeThird = false)
    {
        if (poor.Count == 0 || !poor[^1]) return PoorResultAction.None;
        var streak = 0;
        for (var i = poor.Count - 1; i >= 0 && poor[i]; i--) streak++;
        var total = poor.Count(p => p);
        if (cumulativeThird ? total >= 3 : streak >= 3)
            return PoorResultAction.ReassignmentReview;
        return streak >= 2 ? PoorResultAction.WarningOrFine : PoorResultAction.None;
    }

    /// <summary>A grade as compared: the minus sign '−' (U+2212) written as '-', surrounding spaces removed.</summary>
    public static string Normalize(string grade) => grade.Replace('−', '-').Trim();

    /// <summary>The position of a grade in <paramref name="order"/> (0 = best); a grade not in the order is a bug of the caller.</summary>
    internal static int IndexOf(IReadOnlyList<string> order, string grade)
    {
        var normalized = Normalize(grade);
        for (var i = 0; i < order.Count; i++)
            if (Normalize(order[i]) == normalized) return i;
        throw new ArgumentException($"等级“{grade}”不在等级顺序中（可选：{string.Join("、", order)}）", nameof(grade));
    }
}

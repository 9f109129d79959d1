using Kaohe.Core.Model;

namespace Kaohe.Core.Scoring;

/// <summary>
/// One period slot of a person's history. A history is given oldest first with every period present in order: the
/// caller fills gaps with <see cref="Grade"/> null (not assessed, or no published result).
/// </summary>
/// <param name="Period">The period as people name it (2026-11, 2026-Q2); shown in explanations.</param>
/// <param name="Year">The calendar year of the period.</param>
/// <param name="Grade">The published grade; null = not assessed / no published result.</param>
public sealed record HistorySlot(string Period, int Year, string? Grade);

/// <summary>What a consequence rule prescribes.</summary>
public enum ConsequenceKind
{
    /// <summary>警告或罚款 (GR-02, the second consecutive poor result).</summary>
    WarningOrFine,
    /// <summary>考虑调整工作岗位或解除劳动合同 (GR-02, the third poor result).</summary>
    ReassignmentReview,
    /// <summary>年度绩效不得高于 the cap (GR-01).</summary>
    AnnualGradeCap,
}

/// <summary>A consequence that is due, in Chinese.</summary>
/// <param name="Title">Short: 警告或罚款 / 考虑调整工作岗位或解除劳动合同 / 年度绩效不得高于 B-.</param>
/// <param name="Explanation">The sequence of results and why the consequence is due.</param>
/// <param name="CapGrade">For <see cref="ConsequenceKind.AnnualGradeCap"/>, the highest annual grade allowed; else null.</param>
public sealed record ConsequenceOutcome(ConsequenceKind Kind, string Title, string Explanation, string? CapGrade);

/// <summary>
/// GR-01 and GR-02 over a person's published history: pure functions of the slots given, in period order. Grades are
/// compared by their place in the grade order (best first), with '−' read as '-'.
/// </summary>
public static class HistoryRules
{
    /// <summary>Title of <see cref="ConsequenceKind.WarningOrFine"/>.</summary>
    public const string WarningTitle = "警告或罚款";

    /// <summary>Title of <see cref="ConsequenceKind.ReassignmentReview"/>.</summary>
    public const string ReviewTitle = "考虑调整工作岗位或解除劳动合同";

    /// <summary>Title of <see cref="ConsequenceKind.AnnualGradeCap"/> for a cap grade (年度绩效不得高于 B-).</summary>
    public static string CapTitle(string capGrade) => "年度绩效不得高于" + Spaced(capGrade).TrimEnd();

    /// <summary>
    /// The grade order, best first: the scheme's grade bands in order when it has them, else
    /// <see cref="ConsecutivePeriods.DefaultGradeOrder"/> (A+ … D).
    /// </summary>
    public static IReadOnlyList<string> GradeOrder(Scheme scheme) =>
        scheme.Grades is { Bands.IsEmpty: false } g
            ? [.. g.Bands.Select(b => ConsecutivePeriods.Normalize(b.Grade))]
            : ConsecutivePeriods.DefaultGradeOrder;

    /// <summary>
    /// GR-02 evaluated right after the last slot (the period just published): null when nothing is due, including when
    /// the last slot has no result. <see cref="ConsequenceKind.ReassignmentReview"/> wins over a warning.
    /// </summary>
    /// <exception cref="ArgumentException">A grade of the history or the rule is not in <paramref name="order"/>.</exception>
    public static ConsequenceOutcome? PoorStreak(PoorStreakRule rule, IReadOnlyList<HistorySlot> history, IReadOnlyList<string> order)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(order);
        var limit = ConsecutivePeriods.IndexOf(order, rule.PoorAtOrBelow);
        var poor = new bool[history.Count];
        for (var i = 0; i < history.Count; i++)
            if (history[i].Grade is { } g) poor[i] = ConsecutivePeriods.IndexOf(order, g) >= limit;
        if (history.Count == 0 || history[^1].Grade is null || !poor[^1]) return null;

        // The streak counts back from the last slot; a slot without a result is skipped or ends it.
        var streak = 0;
        var start = history.Count - 1;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Grade is null)
            {
                if (rule.MissingBreaks) break;
                continue;
            }
            if (!poor[i]) break;
            streak++;
            start = i;
        }
        var skipped = history.Skip(start).Where(s => s.Grade is null).Select(s => s.Period).ToList();
        var total = poor.Count(p => p);
        var word = Spaced(rule.PoorAtOrBelow);
        var skippedNote = skipped.Count > 0 ? $"（{string.Join("、", skipped)}无已发布结果，不中断连续）" : "";

        if (rule.CumulativeReview ? total >= rule.ReviewAfter : streak >= rule.ReviewAfter)
        {
            if (rule.CumulativeReview)
            {
                var first = Array.IndexOf(poor, true);
                return new(ConsequenceKind.ReassignmentReview, ReviewTitle,
                    $"{Sequence(history, first)}：累计第 {total} 次考核结果在{word}及以下，{ReviewTitle}", null);
            }
            return new(ConsequenceKind.ReassignmentReview, ReviewTitle,
                $"{Sequence(history, start)}：连续第 {streak} 次考核结果在{word}及以下{skippedNote}，{ReviewTitle}", null);
        }
        if (streak >= rule.WarnAfter)
            return new(ConsequenceKind.WarningOrFine, WarningTitle,
                $"{Sequence(history, start)}：连续 {streak} 次考核结果在{word}及以下{skippedNote}，给予{WarningTitle}", null);
        return null;
    }

    /// <summary>
    /// GR-01 over the quarter slots of <paramref name="year"/>, in order. When <see cref="AnnualCapRule.CrossYear"/>, the
    /// caller also passes Q4 of the previous year as the first slot; a slot whose year is not <paramref name="year"/> only
    /// counts for adjacency (and only then), never for the cumulative count. Null = no cap.
    /// </summary>
    /// <exception cref="ArgumentException">A grade of the quarters or the rule's threshold is not in <paramref name="order"/>.</exception>
    public static ConsequenceOutcome? AnnualCap(AnnualCapRule rule, int year, IReadOnlyList<HistorySlot> quarters, IReadOnlyList<string> order)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(quarters);
        ArgumentNullException.ThrowIfNull(order);
        var limit = ConsecutivePeriods.IndexOf(order, rule.Threshold);
        var cap = ConsecutivePeriods.Normalize(order[limit]);
        var slots = quarters.Where(q => q.Year == year || rule.CrossYear).ToList();
        var run = new List<HistorySlot>();
        List<HistorySlot>? adjacent = null;
        var count = 0;
        foreach (var q in slots)
        {
            if (q.Grade is null)
            {
                if (!rule.SkipNotAssessed) run.Clear();
                continue;
            }
            if (ConsecutivePeriods.IndexOf(order, q.Grade) < limit)
            {
                run.Clear();
                continue;
            }
            if (q.Year == year) count++;
            run.Add(q);
            // A run counts only once it reaches into the year: Q4 of the previous year alone caps nothing.
            if (adjacent is null && run.Count >= rule.Adjacent && q.Year == year)
                adjacent = [.. run.Skip(run.Count - rule.Adjacent)];
        }
        var word = Spaced(cap);
        var seq = string.Join("，", slots.Select(Label));
        var title = CapTitle(cap);
        var reasons = new List<string>();
        if (adjacent is not null)
        {
            var notes = new List<string>();
            if (adjacent.Any(q => q.Year != year)) notes.Add("跨年度相邻");
            if (slots.SkipWhile(s => !ReferenceEquals(s, adjacent[0])).TakeWhile(s => !ReferenceEquals(s, adjacent[^1])).Any(s => s.Grade is null))
                notes.Add("不考核的季度跳过，不中断连续");
            var note = notes.Count > 0 ? $"（{string.Join("，", notes)}）" : "";
            reasons.Add($"{string.Join("、", adjacent.Select(q => q.Period))}连续{Count(rule.Adjacent)}个季度在{word}及以下{note}");
        }
        if (count >= rule.Cumulative) reasons.Add($"{year} 年累计{Count(count)}个季度在{word}及以下");
        if (reasons.Count > 0)
            return new(ConsequenceKind.AnnualGradeCap, title, $"{seq}：{string.Join("；", reasons)}，{title}", cap);
        return null;
    }

    private static string Label(HistorySlot s) => $"{s.Period} {s.Grade ?? "不考核"}";

    /// <summary>The slots from <paramref name="from"/> to the last, as "2026-10 不合格，2026-11 无已发布结果，…".</summary>
    private static string Sequence(IReadOnlyList<HistorySlot> history, int from) =>
        string.Join("，", history.Skip(Math.Max(0, from)).Select(s => $"{s.Period} {s.Grade ?? "无已发布结果"}"));

    /// <summary>A grade inside Chinese text: Latin grades (B-) get a space on each side, Chinese ones (不合格) none.</summary>
    internal static string Spaced(string grade) =>
        grade.Any(c => c < 0x2E80) ? $" {grade} " : grade;

    /// <summary>A small count in Chinese words (两, 三); larger ones as digits.</summary>
    internal static string Count(int n) => n switch
    {
        1 => "一", 2 => "两", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "十",
        _ => $" {n} ",
    };
}

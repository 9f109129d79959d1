using System.Collections.Immutable;
using static Kaohe.Core.Text.Fmt;

namespace Kaohe.Core.Scoring;

/// <summary>What a roll-up does with a period that has no published result.</summary>
public enum MissingPeriodPolicy
{
    /// <summary>The mean of the periods that have a result (weights renormalised over them).</summary>
    MeanOfPresent,
    /// <summary>Every counted period must have a result; otherwise there is no total.</summary>
    RequireAll,
    /// <summary>A missing period counts as 0 points.</summary>
    CountAsZero,
}

/// <summary>How period totals roll up into one (three months into a quarter, four quarters into a year).</summary>
/// <param name="Weights">Empty = equal weights; else one weight per part, in order (0 = that period does not count). Not negative.</param>
/// <param name="Missing">What a part without a published result does.</param>
public sealed record RollupRule(ImmutableArray<decimal> Weights, MissingPeriodPolicy Missing);

/// <summary>One part of a roll-up: one period's published total.</summary>
/// <param name="Total">The published total; null = missing (no published result).</param>
public sealed record RollupPart(string Period, decimal? Total);

/// <summary>The rolled-up total with its reason in Chinese.</summary>
/// <param name="Total">The exact weighted mean (no rounding); null when nothing can be computed (RequireAll with a gap, or no part present).</param>
/// <param name="Missing">The missing periods that count (weight not 0), in order.</param>
public sealed record RollupOutcome(decimal? Total, ImmutableArray<string> Missing, string Explanation);

/// <summary>Weighted means of period totals: Σ w·t / Σ w over the counted parts. Pure; exact decimals.</summary>
public static class Rollup
{
    /// <summary>Rolls the parts up under the rule.</summary>
    /// <exception cref="ArgumentException">The weights are not one per part, or one is negative.</exception>
    public static RollupOutcome Compute(RollupRule rule, IReadOnlyList<RollupPart> parts)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(parts);
        var weights = rule.Weights.IsDefault ? [] : rule.Weights;
        if (!weights.IsEmpty && weights.Length != parts.Count)
            throw new ArgumentException($"权重个数（{weights.Length}）与期数（{parts.Count}）不一致：每期一个权重，或不设权重（各期等权）", nameof(rule));
        if (weights.Any(w => w < 0))
            throw new ArgumentException("权重不能为负数", nameof(rule));
        var equal = weights.IsEmpty || weights.Distinct().Count(w => w != 0) <= 1;
        decimal W(int i) => weights.IsEmpty ? 1 : weights[i];

        var missing = ImmutableArray.CreateBuilder<string>();
        var labels = new List<string>();
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            var counts = W(i) != 0;
            var text = p.Total is { } t ? $"{p.Period} {Num(t)}" : $"{p.Period} 缺（无已发布结果）";
            if (!counts) text += "（权重 0，不计）";
            else if (!weights.IsEmpty && !equal) text += $"（权重 {Num(W(i), 4)}）";
            labels.Add(text);
            if (counts && p.Total is null) missing.Add(p.Period);
        }
        var head = labels.Count == 0 ? "没有任何期间" : string.Join("，", labels);
        var missed = missing.ToImmutable();
        var counted = Enumerable.Range(0, parts.Count).Where(i => W(i) != 0).ToList();
        var present = counted.Where(i => parts[i].Total is not null).ToList();

        if (present.Count == 0)
            return new(null, missed, $"{head}；没有已发布的结果，无法汇总");
        if (rule.Missing == MissingPeriodPolicy.RequireAll && missed.Length > 0)
            return new(null, missed, $"{head}；须各期都有已发布结果，{string.Join("、", missed)}缺，暂不能汇总");

        var used = rule.Missing == MissingPeriodPolicy.CountAsZero ? counted : present;
        decimal sum = 0, weightSum = 0;
        foreach (var i in used)
        {
            sum += W(i) * (parts[i].Total ?? 0);
            weightSum += W(i);
        }
        var total = sum / weightSum;
        string Term(int i)
        {
            var value = Num(parts[i].Total ?? 0);
            return equal ? value : $"{value} × {Num(W(i), 4)}";
        }
        var terms = string.Join(" + ", used.Select(Term));
        if (used.Count > 1) terms = $"({terms})";
        var divisor = equal ? Num(used.Count) : Num(weightSum, 4);
        var how = (rule.Missing, missed.Length > 0, equal) switch
        {
            (MissingPeriodPolicy.CountAsZero, true, true) => $"{string.Join("、", missed)}按 0 分计入，按 {used.Count} 期平均",
            (MissingPeriodPolicy.CountAsZero, true, false) => $"{string.Join("、", missed)}按 0 分计入，加权平均",
            (_, true, true) => $"按已有 {used.Count} 期平均",
            (_, true, false) => $"按已有 {used.Count} 期加权平均",
            (_, false, true) => $"按 {used.Count} 期平均",
            (_, false, false) => $"按 {used.Count} 期加权平均",
        };
        // With equal weights the divisor is the number of periods, so the weights themselves are not shown.
        return new(total, missed, $"{head}；{how}：{terms} / {divisor} = {Num(total)}");
    }
}

using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using static Kaohe.Core.Text.Fmt;

namespace Kaohe.Core.Lint;

/// <summary>How serious a lint finding is.</summary>
public enum LintSeverity
{
    /// <summary>The scheme cannot be scored correctly as written.</summary>
    Error,
    /// <summary>Probably a mistake in the form: points that do not add up, overlapping bands.</summary>
    Warning,
    /// <summary>Worth knowing: uncapped bonuses, gaps the seeds left open, lost items.</summary>
    Note,
}

/// <summary>One lint finding: where (section / indicator) and what.</summary>
public sealed record LintFinding(LintSeverity Severity, string Where, string Message)
{
    /// <summary>"[警告] 指标 …：…".</summary>
    public override string ToString() => $"[{Severity switch { LintSeverity.Error => "错误", LintSeverity.Warning => "警告", _ => "提示" }}] {Where}：{Message}";
}

/// <summary>
/// Checks a scheme for what a careful clerk would question: points or weights that do not add up, gaps
/// and overlaps between bands, caps that can never be reached, uncapped bonuses, rater roles without
/// weights, and items the seeds lost.
/// </summary>
public static class SchemeLinter
{
    /// <summary>Lints a scheme; the findings are in form order.</summary>
    public static IReadOnlyList<LintFinding> Lint(Scheme scheme)
    {
        var f = new List<LintFinding>();
        CheckTotals(scheme, f);
        CheckRaters(scheme, f);
        foreach (var section in scheme.Sections)
            foreach (var ind in section.Indicators)
                CheckIndicator(scheme, section, ind, f);
        CheckGrades(scheme, f);
        foreach (var lost in scheme.Lost)
            f.Add(new(LintSeverity.Note, "原表丢失", lost));
        return f;
    }

    private static void CheckTotals(Scheme scheme, List<LintFinding> f)
    {
        var weighted = scheme.Sections.Where(s => s.Weight is not null).ToList();
        if (weighted.Count > 0)
        {
            if (weighted.Count != scheme.Sections.Length)
                f.Add(new(LintSeverity.Warning, "分组权重", $"只有部分分组有权重（{string.Join("、", weighted.Select(s => s.Name))}），其余分组按原分值直接相加"));
            var sum = weighted.Sum(s => s.Weight!.Value);
            if (sum != 1)
                f.Add(new(LintSeverity.Warning, "分组权重", $"分组权重合计 {Num(sum * 100, 4)}%，不是 100%"));
            foreach (var s in weighted)
            {
                var pts = SumPoints(s);
                var basis = s.ScaleTo ?? pts;
                if (pts is not null && s.ScaleTo is { } to && pts != to)
                    f.Add(new(LintSeverity.Note, $"分组“{s.Name}”", $"各项分值合计 {Num(pts.Value)}，按 {Num(to)} 分制折算"));
                else if (pts is not null && basis != 100 && s.ScaleTo is null)
                    f.Add(new(LintSeverity.Warning, $"分组“{s.Name}”", $"各项分值合计 {Num(pts.Value)}，不是 100 分制（权重按该分组原始得分相乘）"));
            }
        }
        else if (scheme.NominalTotal is { } total)
        {
            var pts = scheme.Sections.Select(SumPoints).ToList();
            if (pts.All(p => p is not null))
            {
                var sum = pts.Sum()!.Value;
                if (sum != total)
                    f.Add(new(LintSeverity.Warning, "总分", $"各项分值合计 {Num(sum)}，与表头满分 {Num(total)} 不符"));
            }
            if (total != 100 && scheme.NormaliseTo is null)
                f.Add(new(LintSeverity.Warning, "总分", $"表满分为 {Num(total)} 分，不是 100 分（保持原表数字；可用 normalise_to 折算）"));
        }
        foreach (var s in scheme.Sections)
        {
            var weights = s.Indicators.Where(i => i.Weight is not null && i.Points is not null).ToList();
            foreach (var i in weights)
                if (i.ConvertTo is null && i.Weight!.Value * (scheme.NominalTotal ?? 100) != i.Points!.Value && s.Weight is null)
                    f.Add(new(LintSeverity.Warning, $"指标“{i.Name}”", $"印刷权重 {Num(i.Weight.Value * 100, 4)}% 与分值 {Num(i.Points.Value)} 不一致（满分 {Num(scheme.NominalTotal ?? 100)}）"));
        }
    }

    private static decimal? SumPoints(Section s)
    {
        decimal sum = 0;
        foreach (var i in s.Indicators)
        {
            if (i.Unit == ScoreUnit.Yuan || i.Category is IndicatorCategory.Veto) continue;
            if (i.Category is IndicatorCategory.Deduction && (i.Rule is DeductionRule { Start: 0 })) continue;
            if (i.ConvertTo is { } c) { sum += c; continue; }
            if (i.Points is null)
            {
                if (i.Category is IndicatorCategory.Bonus or IndicatorCategory.Deduction) continue;
                return null;
            }
            sum += i.Points.Value;
        }
        return sum;
    }

    private static void CheckRaters(Scheme scheme, List<LintFinding> f)
    {
        if (scheme.Raters.IsEmpty) return;
        var sum = scheme.Raters.Sum(r => r.Weight);
        foreach (var r in scheme.Raters.Where(r => r.Weight == 0))
            f.Add(new(LintSeverity.Note, $"评分人“{r.Name}”", "没有权重：评分仅供参考，不计入得分"));
        if (sum == 0)
            f.Add(new(LintSeverity.Error, "评分人", "所有评分人权重均为 0，无法计分"));
        else if (sum != 1)
            f.Add(new(LintSeverity.Warning, "评分人", $"评分人权重合计 {Num(sum * 100, 4)}%，不是 100%（计分时按到场评分人归一）"));
        if (!scheme.Indicators.Any(i => !i.RatedBy.IsEmpty))
            f.Add(new(LintSeverity.Warning, "评分人", "定义了评分人，但没有任何指标由评分人评分"));
        foreach (var r in scheme.Raters.Where(r => r.Weight > 0 && !scheme.Indicators.Any(i => i.RatedBy.Contains(r.Name))))
            f.Add(new(LintSeverity.Warning, $"评分人“{r.Name}”", "有权重，但不评任何指标"));
    }

    private static void CheckIndicator(Scheme scheme, Section section, Indicator ind, List<LintFinding> f)
    {
        var where = $"指标“{ind.Name}”";
        if (ind.Manual)
            f.Add(new(LintSeverity.Note, where, "原表丢失了计分规则，作为人工录入项" + (ind.Rule is ManualRule m ? $"（{Num(m.Min)}–{Num(m.Max)} 分）" : "")));
        if (ind.Points is null && ind.Category is not (IndicatorCategory.Veto or IndicatorCategory.Bonus or IndicatorCategory.Deduction) && ind.Unit == ScoreUnit.Points)
            f.Add(new(LintSeverity.Note, where, "没有分值（points）"));
        CheckRule(ind.Rule, ind, where, f, ind.Points, true);
        foreach (var c in ind.Coefficients)
            CheckBands(c.Bands, $"{where} 系数“{c.Input}”", c.Unit == ValueUnit.Percent ? "%" : "", f, c.Gap);
        var max = RuleEvaluator.MaxOf(ind.Rule, ind.Points);
        if (ind.Cap is { } cap && max is { } mx && cap > mx)
            f.Add(new(LintSeverity.Warning, where, $"上限 {Num(cap)} 分永远达不到（规则最高 {Num(mx)} 分）"));
        if (ind.Points is { } pts && max is { } m2 && ind.ConvertTo is null && ind.Unit == ScoreUnit.Points && m2 < pts && ind.Rule is not (ManualRule or VetoRule))
            f.Add(new(LintSeverity.Warning, where, $"规则最高只能得 {Num(m2)} 分，达不到分值 {Num(pts)} 分"));
        if (ind.Points is { } p3 && max is { } m3 && m3 > p3 && ind.Cap is null && ind.ConvertTo is null && ind.Unit == ScoreUnit.Points)
            f.Add(new(LintSeverity.Note, where, $"最高可得 {Num(m3)} 分，超过分值 {Num(p3)} 分"));
        if (max is null && ind.Cap is null && ind.Unit == ScoreUnit.Points)
            f.Add(new(LintSeverity.Note, where, "加分不封顶：本项得分可超过分值，总分可能超过满分"));
    }

    private static void CheckRule(Rule rule, Indicator ind, string where, List<LintFinding> f, decimal? points, bool top)
    {
        switch (rule)
        {
            case GradeRule g:
                if (g.Options.Select(o => o.Word).Distinct().Count() != g.Options.Length)
                    f.Add(new(LintSeverity.Error, where, "等级词重复"));
                if (points is { } p && g.Multiple == MultipleGrades.Single && g.Options.Max(o => o.Max) != p && ind.ConvertTo is null)
                    f.Add(new(LintSeverity.Warning, where, $"最高等级 {Num(g.Options.Max(o => o.Max))} 分，与分值 {Num(p)} 不符"));
                break;
            case BandRule b:
                CheckBands(b.Bands, where, b.Unit == ValueUnit.Percent || b.Measure == BandMeasure.RatioToTarget ? "%" : "", f, b.Gap);
                break;
            case BaselineRule bl:
                if (bl.Cap is { } c && bl.UpPoints == 0 && c > bl.Base)
                    f.Add(new(LintSeverity.Warning, where, $"上限 {Num(c)} 分永远达不到：超过基数不加分，最高 {Num(bl.Base)} 分"));
                if (bl.Cap is null && bl.UpPoints > 0)
                    f.Add(new(LintSeverity.Note, where, "超过基数加分不封顶"));
                break;
            case StepRule st:
                if (st.Cap is { } sc && (st.Above.StepSize == 0 || st.Above.PointsPerStep == 0) && sc > st.Above.Base && st.Gates.All(g => g.Points <= st.Above.Base))
                    f.Add(new(LintSeverity.Warning, where, $"上限 {Num(sc)} 分永远达不到：达标后不再加分，最高 {Num(st.Above.Base)} 分"));
                if (st.Cap is null && st.Above.PointsPerStep > 0 && st.Above.StepSize > 0)
                    f.Add(new(LintSeverity.Note, where, "超额加分不封顶"));
                break;
            case DeductionRule d:
                if (d.MaxDeduction is { } md && d.Clauses.All(x => x.Mode is ClauseMode.Once or ClauseMode.Amount or ClauseMode.AtLeast))
                {
                    var most = d.Clauses.Sum(x => x.Mode switch { ClauseMode.Once => Math.Max(0, x.Points), ClauseMode.Amount => x.Max, _ => 0 });
                    var atLeast = d.Clauses.Where(x => x.Mode == ClauseMode.AtLeast).Select(x => x.Points).DefaultIfEmpty(0).Max();
                    most = Math.Max(most, atLeast);
                    if (most < md)
                        f.Add(new(LintSeverity.Warning, where, $"扣分上限 {Num(md)} 分永远达不到：各条款最多扣 {Num(most)} 分"));
                }
                if (d.Floor is null)
                    f.Add(new(LintSeverity.Note, where, "本项可扣至负数并入总分"));
                foreach (var tc in d.Clauses.Where(x => x.Mode == ClauseMode.Table))
                    CheckBands([.. tc.Table.Select(t => new Band(t.Range, new FixedOutcome(t.Points), null))], $"{where} 条款“{tc.Name}”", "", f, 0, reportGaps: false);
                break;
            case UnitRule u:
                if (u.Cap is null && u.Counters.Any(x => x.PointsPerUnit > 0))
                    f.Add(new(LintSeverity.Note, where, "按件加分不封顶（上不封顶）"));
                break;
            case LinearRule l:
                if (l.ExtraPerUnit is not null || !l.Capped)
                    f.Add(new(LintSeverity.Note, where, "超过目标加分不封顶"));
                if (l.Threshold is < 0 or >= 1)
                    f.Add(new(LintSeverity.Error, where, "线性得分的起点应在 0%–100% 之间"));
                break;
            case CompositeRule comp:
                foreach (var part in comp.Parts)
                    CheckRule(part.Rule, ind, $"{where}[{part.Name}]", f, part.Points, false);
                var partPoints = comp.Parts.Select(x => x.Points).ToList();
                if (top && ind.Points is { } ip && partPoints.All(x => x is not null) && partPoints.Sum() != ip)
                    f.Add(new(LintSeverity.Warning, where, $"各部分分值合计 {Num(partPoints.Sum()!.Value)}，与指标分值 {Num(ip)} 不符"));
                break;
            case OffsetRule o:
                if (ind.Unit != ScoreUnit.Yuan)
                    f.Add(new(LintSeverity.Warning, where, "抵消规则计算的是金额，指标应设 unit: yuan"));
                break;
        }
    }

    /// <summary>Reports gaps (notes: the seeds' unspecified ranges) and overlaps (warnings, and which band wins) between bands.</summary>
    private static void CheckBands(IReadOnlyList<Band> bands, string where, string suffix, List<LintFinding> f, decimal gap, bool reportGaps = true)
    {
        for (var i = 0; i < bands.Count; i++)
            for (var j = i + 1; j < bands.Count; j++)
            {
                var overlap = Intersect(bands[i].Range, bands[j].Range);
                if (overlap is null) continue;
                var (lo, hi) = overlap.Value;
                f.Add(new(LintSeverity.Warning, where, lo == hi
                    ? $"边界 {Num(lo, 4)}{suffix} 同时属于“{bands[i].Range.DescribeWords(suffix)}”和“{bands[j].Range.DescribeWords(suffix)}”两档，按先列出的一档计"
                    : $"档位“{bands[i].Range.DescribeWords(suffix)}”与“{bands[j].Range.DescribeWords(suffix)}”重叠，重叠部分按先列出的一档计"));
            }
        if (!reportGaps) return;
        foreach (var (from, to) in Gaps(bands))
            f.Add(new(LintSeverity.Note, where, $"区间 {Describe(from, to, suffix)} 不在任何档位内（原文未规定），按 {Num(gap)} 分"));
    }

    private static (decimal lo, decimal hi)? Intersect(Interval a, Interval b)
    {
        // Lower end of the intersection: the larger lower bound.
        var lo = Max(a.Lower, b.Lower);
        var hi = Min(a.Upper, b.Upper);
        if (lo is null || hi is null)
        {
            if (lo is null && hi is null) return (decimal.MinValue, decimal.MaxValue);
            if (lo is null) return (decimal.MinValue, hi!.Value.Value);
            return (lo.Value.Value, decimal.MaxValue);
        }
        var l = lo.Value;
        var h = hi.Value;
        if (l.Value < h.Value) return (l.Value, h.Value);
        if (l.Value == h.Value && l.Inclusive && h.Inclusive) return (l.Value, h.Value);
        return null;
    }

    private static Bound? Max(Bound? a, Bound? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        if (a.Value.Value != b.Value.Value) return a.Value.Value > b.Value.Value ? a : b;
        return a.Value.Inclusive ? b : a;
    }

    private static Bound? Min(Bound? a, Bound? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        if (a.Value.Value != b.Value.Value) return a.Value.Value < b.Value.Value ? a : b;
        return a.Value.Inclusive ? b : a;
    }

    /// <summary>The uncovered stretches of the real line between the bands' intervals.</summary>
    private static IEnumerable<(Bound? from, Bound? to)> Gaps(IReadOnlyList<Band> bands)
    {
        // Sweep over the distinct boundary points and test a probe inside every elementary piece.
        var points = bands.SelectMany(b => new[] { b.Range.Lower?.Value, b.Range.Upper?.Value }).OfType<decimal>().Distinct().Order().ToList();
        if (points.Count == 0) yield break;
        bool Covered(decimal x) => bands.Any(b => b.Range.Contains(x));
        var pieces = new List<(decimal probe, Bound? from, Bound? to)>
        {
            (points[0] - 1, null, new Bound(points[0], false)),
        };
        for (var i = 0; i < points.Count; i++)
        {
            pieces.Add((points[i], new Bound(points[i], true), new Bound(points[i], true)));
            if (i + 1 < points.Count) pieces.Add(((points[i] + points[i + 1]) / 2, new Bound(points[i], false), new Bound(points[i + 1], false)));
        }
        pieces.Add((points[^1] + 1, new Bound(points[^1], false), null));
        (Bound? from, Bound? to)? current = null;
        foreach (var (probe, from, to) in pieces)
        {
            if (!Covered(probe))
                current = current is null ? (from, to) : (current.Value.from, to);
            else if (current is not null)
            {
                yield return current.Value;
                current = null;
            }
        }
        if (current is not null) yield return current.Value;
    }

    private static string Describe(Bound? from, Bound? to, string suffix)
    {
        if (from is { } a && to is { } b && a.Value == b.Value) return Num(a.Value, 4) + suffix;
        return new Interval(from, to).Describe(suffix);
    }

    private static void CheckGrades(Scheme scheme, List<LintFinding> f)
    {
        if (scheme.Grades is not { } g) return;
        if (g.Bands.Length > 0 && g.Bands[^1].Min is not null)
            f.Add(new(LintSeverity.Note, "等级", $"低于 {Num(g.Bands[^1].Min!.Value)} 分没有等级"));
        if (g.Bands.Select(b => b.Grade).Distinct().Count() != g.Bands.Length)
            f.Add(new(LintSeverity.Error, "等级", "等级名称重复"));
    }
}

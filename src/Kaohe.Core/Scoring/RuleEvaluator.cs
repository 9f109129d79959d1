using System.Diagnostics;
using System.Text;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using static Kaohe.Core.Text.Fmt;

namespace Kaohe.Core.Scoring;

/// <summary>How a rule's evaluation ended.</summary>
public enum RuleFlag
{
    /// <summary>A score.</summary>
    Scored,
    /// <summary>No data, and the policy excludes the item.</summary>
    Excluded,
    /// <summary>The input says the item does not apply; the indicator's policy decides.</summary>
    NotApplicable,
    /// <summary>A veto item was triggered.</summary>
    Veto,
    /// <summary>Input errors were recorded.</summary>
    Failed,
}

/// <summary>The score of one rule with its explanation.</summary>
public readonly record struct RuleScore(decimal? Score, string Explanation, RuleFlag Flag)
{
    /// <summary>A score.</summary>
    public static RuleScore Of(decimal score, string explanation) => new(score, explanation, RuleFlag.Scored);
    /// <summary>Input errors were recorded.</summary>
    public static RuleScore Fail => new(null, "", RuleFlag.Failed);
}

/// <summary>
/// Evaluates the closed set of rule kinds. Pure: data in, score and explanation out. Every input problem
/// is recorded through the <see cref="InputReader"/>; nothing here throws for bad input.
/// </summary>
public static class RuleEvaluator
{
    /// <summary>Evaluates <paramref name="rule"/> for one indicator.</summary>
    /// <param name="points">The indicator's points (for "full points" policies), if known.</param>
    /// <param name="label">The measured value's name for explanations.</param>
    public static RuleScore Evaluate(Rule rule, InputReader input, decimal? points, string label) => rule switch
    {
        GradeRule r => Grade(r, input),
        RatingRule r => Rating(r, input, points),
        ChecklistRule r => Checklist(r, input),
        ManualRule r => Manual(r, input),
        VetoRule => Veto(input),
        BaselineRule r => Baseline(r, input, points, r.Label ?? label),
        BandRule r => Bands(r, input, points, r.Label ?? label),
        LinearRule r => Linear(r, input, points, r.Label ?? label),
        UnitRule r => PerUnit(r, input),
        DeductionRule r => Deduction(r, input),
        StepRule r => StepsAround(r, input, points, r.Label ?? label),
        AchievementRule r => Achievement(r, input, points, label),
        OffsetRule r => Offset(r, input),
        FormulaRule r => FormulaScore(r, input),
        CompositeRule r => Composite(r, input),
        _ => throw new UnreachableException($"rule kind {rule.Kind}"),
    };

    /// <summary>The most an indicator can score under its rule, when that is known (for lint and "full points").</summary>
    public static decimal? MaxOf(Rule rule, decimal? points) => rule switch
    {
        GradeRule r => r.Multiple == MultipleGrades.Sum ? null : r.Options.Max(o => o.Max),
        RatingRule r => r.Mapping == RatingMapping.Raw ? r.Max : points,
        ChecklistRule r => r.ElementCount * r.PointsPerElement,
        ManualRule r => r.Max,
        VetoRule => 0,
        BaselineRule r => r.Cap,
        BandRule r => r.Bands.Select(b => BandMax(b, points)).Append(r.Gap).Max(),
        LinearRule r => r.ExtraPerUnit is null && r.Capped ? r.Points : null,
        UnitRule r => r.Cap,
        DeductionRule r => r.Cap ?? (r.Clauses.Any(c => c.Points < 0) ? null : r.Start),
        StepRule r => r.CapWaiver is null && r.Cap is not null ? r.Cap
            : r.Above.StepSize == 0 || r.Above.PointsPerStep == 0
                ? r.Gates.Select(g => g.Points).Append(r.Above.Base).Append(r.Below.Base).Max()
                : null,
        AchievementRule r => r.CapRatio is { } c ? c * r.Points : null,
        OffsetRule => null,
        FormulaRule r => r.Cap,
        CompositeRule r => r.Cap ?? SumOrNull(r.Parts.Select(p => MaxOf(p.Rule, p.Points))),
        _ => throw new UnreachableException($"rule kind {rule.Kind}"),
    };

    private static decimal? SumOrNull(IEnumerable<decimal?> values)
    {
        decimal sum = 0;
        foreach (var v in values)
        {
            if (v is null) return null;
            sum += v.Value;
        }
        return sum;
    }

    private static decimal BandMax(Band b, decimal? points) => b.Outcome switch
    {
        FixedOutcome f => f.Points,
        ChoiceOutcome c => c.Max,
        LinearOutcome l => Math.Max(l.AtLower, l.AtUpper),
        ProportionalOutcome p => p.Points * (b.Range.Upper?.Value ?? p.Reference) / p.Reference,
        _ => throw new UnreachableException(),
    };

    // ------------------------------------------------------------------ QR / LV

    private static RuleScore Grade(GradeRule rule, InputReader input)
    {
        if (input.IsMissing)
        {
            if (rule.Multiple != MultipleGrades.Single) return RuleScore.Of(0, "无记录 → 0 分");
            input.Error("缺少等级，可选：" + Words(rule));
            return RuleScore.Fail;
        }
        if (rule.Multiple == MultipleGrades.Single && input.Raw is RawScalar single)
        {
            // The common case: one word, no lists to build.
            var one = OneGrade(rule, single, input);
            return one is { } g ? RuleScore.Of(g.pts, GradeText(g.word, g.pts)) : RuleScore.Fail;
        }
        var items = new List<RawInput>();
        if (input.Raw is RawList list) items.AddRange(list.Items);
        else if (input.Raw is RawScalar s && rule.Multiple != MultipleGrades.Single)
            items.AddRange(ValueParser.Normalize(s.Text).Split(['、', ',', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => new RawScalar(t)));
        else items.Add(input.Raw!);

        if (rule.Multiple == MultipleGrades.Single && items.Count != 1)
        {
            input.Error("只能选一个等级");
            return RuleScore.Fail;
        }
        var scores = new List<(string word, decimal pts)>();
        foreach (var item in items)
        {
            var one = OneGrade(rule, item, input);
            if (one is null) return RuleScore.Fail;
            scores.Add(one.Value);
        }
        if (scores.Count == 0) return RuleScore.Of(0, "无记录 → 0 分");
        if (rule.Multiple == MultipleGrades.Single)
            return RuleScore.Of(scores[0].pts, $"评为“{scores[0].word}” → {Num(scores[0].pts)} 分");
        if (rule.Multiple == MultipleGrades.Max)
        {
            var best = scores.MaxBy(x => x.pts);
            return RuleScore.Of(best.pts, $"{string.Join("、", scores.Select(x => x.word))}，取最高“{best.word}” → {Num(best.pts)} 分");
        }
        var total = scores.Sum(x => x.pts);
        return RuleScore.Of(total, string.Join(" + ", scores.Select(x => $"{x.word} {Num(x.pts)}")) + $" = {Num(total)} 分");
    }

    // The same few words and points come back for every subject: share their explanation strings (bounded,
    // in case a long-running process sees many distinct "word(score)" inputs).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Word, decimal Points), string> GradeTexts = new();

    private static string GradeText(string word, decimal pts)
    {
        if (GradeTexts.TryGetValue((word, pts), out var text)) return text;
        text = $"评为“{word}” → {Num(pts)} 分";
        if (GradeTexts.Count < 4096) GradeTexts.TryAdd((word, pts), text);
        return text;
    }

    private static (string word, decimal pts)? OneGrade(GradeRule rule, RawInput item, InputReader input)
    {
        string? word = null;
        decimal? chosen = null;
        if (item is RawObject o)
        {
            var sub = new InputReader(input.Subject, input.Indicator, o, [], input.Location);
            word = sub.Scalar("grade", false)?.Text;
            var sc = sub.Scalar("score", false);
            if (sc is not null)
            {
                var p = ValueParser.Parse(sc, ValueUnit.Points);
                if (p.Value is null) { input.Error("等级内分值：" + (p.Error ?? "不是数值"), sc.Text); return null; }
                chosen = p.Value;
            }
        }
        else if (item is RawScalar s)
        {
            var t = ValueParser.Normalize(s.Text);
            var sep = t.IndexOfAny(GradeSeparators);
            if (sep > 0)
            {
                word = t[..sep].Trim();
                var rest = t[(sep + 1)..].Trim().TrimEnd(')').Trim();
                var p = ValueParser.Parse(new RawScalar(rest), ValueUnit.Points);
                if (p.Value is null) { input.Error($"等级“{word}”后的分值无法识别", t); return null; }
                chosen = p.Value;
            }
            else word = t;
        }
        if (word is null) { input.Error("缺少等级，可选：" + Words(rule)); return null; }
        word = ValueParser.Normalize(word);
        GradeOption? option = null;
        foreach (var candidate in rule.Options)
            if (candidate.Word == word) { option = candidate; break; }
        option ??= rule.Options.FirstOrDefault(o => ValueParser.Normalize(o.Word) == word || o.Aliases.Any(a => ValueParser.Normalize(a) == word));
        if (option is null)
        {
            input.Error($"未知的等级“{word}”，可选：" + Words(rule), word);
            return null;
        }
        if (option.IsFixed)
        {
            if (chosen is { } c && c != option.Min)
            {
                input.Error($"等级“{option.Word}”固定为 {Num(option.Min)} 分，不能给 {Num(c)} 分", c.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return null;
            }
            return (option.Word, option.Min);
        }
        if (chosen is null)
        {
            if (option.Default is { } d) return (option.Word + $"（未给分值，取默认 {Num(d)}，允许 {Num(option.Min)}–{Num(option.Max)}）", d);
            input.Error($"等级“{option.Word}”需在 {Num(option.Min)}–{Num(option.Max)} 分之间给出分值，例如“{option.Word}:{Num(option.Max)}”");
            return null;
        }
        if (chosen < option.Min || chosen > option.Max)
        {
            input.Error($"等级“{option.Word}”的分值应在 {Num(option.Min)}–{Num(option.Max)} 之间", Num(chosen.Value));
            return null;
        }
        return (option.Word + $"（{Num(option.Min)}–{Num(option.Max)} 分中取 {Num(chosen.Value)}）", chosen.Value);
    }

    private static readonly char[] GradeSeparators = [':', '(', ' '];

    private static string Words(GradeRule rule) =>
        string.Join("、", rule.Options.Select(o => o.IsFixed ? $"{o.Word}({Num(o.Min)})" : $"{o.Word}({Num(o.Min)}–{Num(o.Max)})"));

    private static RuleScore Rating(RatingRule rule, InputReader input, decimal? points)
    {
        var v = input.Require("value", ValueUnit.Number);
        if (v is null) return RuleScore.Fail;
        var r = v.Value;
        if (r < rule.Min || r > rule.Max || (rule.Integer && r != decimal.Truncate(r)))
        {
            input.Error($"评分应为 {Num(rule.Min)}–{Num(rule.Max)} 的{(rule.Integer ? "整数" : "数")}", Num(r, 4));
            return RuleScore.Fail;
        }
        var p = points ?? rule.Max;
        switch (rule.Mapping)
        {
            case RatingMapping.Proportional:
                var s = r / rule.Max * p;
                return RuleScore.Of(s, $"评 {Num(r)} 级（满级 {Num(rule.Max)}），{Num(r)}/{Num(rule.Max)} × {Num(p)} = {Num(s)} 分");
            case RatingMapping.Raw:
                return RuleScore.Of(r, $"评 {Num(r)} 分，直接计分 → {Num(r)} 分");
            case RatingMapping.ZeroBased:
                var z = (r - rule.Min) / (rule.Max - rule.Min) * p;
                return RuleScore.Of(z, $"评 {Num(r)} 级，({Num(r)} − {Num(rule.Min)})/({Num(rule.Max)} − {Num(rule.Min)}) × {Num(p)} = {Num(z)} 分");
            default:
                throw new UnreachableException();
        }
    }

    private static RuleScore Checklist(ChecklistRule rule, InputReader input)
    {
        int ticked;
        if (input.Raw is RawList list)
        {
            var names = list.Items.OfType<RawScalar>().Select(s => ValueParser.Normalize(s.Text)).ToList();
            var elements = rule.Elements.Select(ValueParser.Normalize).ToHashSet();
            var unknown = names.Where(n => rule.Elements.Length > 0 && !elements.Contains(n)).ToList();
            if (unknown.Count > 0)
            {
                input.Error($"未知的检查项“{string.Join("、", unknown)}”，可选：{string.Join("、", rule.Elements)}");
                return RuleScore.Fail;
            }
            ticked = names.Distinct().Count();
        }
        else
        {
            var v = input.Require("value", ValueUnit.Count, allowNegative: false);
            if (v is null) return RuleScore.Fail;
            ticked = (int)v.Value;
        }
        if (ticked > rule.ElementCount)
        {
            input.Error($"完成项数不能超过 {rule.ElementCount}", ticked.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return RuleScore.Fail;
        }
        var s = ticked * rule.PointsPerElement;
        return RuleScore.Of(s, $"完成 {ticked}/{rule.ElementCount} 项，每项 {Num(rule.PointsPerElement)} 分 → {Num(s)} 分");
    }

    private static RuleScore Manual(ManualRule rule, InputReader input)
    {
        var values = new List<decimal>();
        var listInput = input.Raw as RawList;
        if (rule.Mean && input.Raw is RawScalar joined && ValueParser.Normalize(joined.Text).IndexOfAny(['、', ';', '；']) > 0)
            listInput = new RawList([.. ValueParser.Normalize(joined.Text).Split(['、', ';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => (RawInput)new RawScalar(t))]);
        if (listInput is { } list && rule.Mean)
        {
            foreach (var (item, i) in list.Items.Select((x, i) => (x, i)))
            {
                var one = item is RawScalar rs ? ValueParser.Parse(rs, ValueUnit.Points) : ParsedValue.Fail("应为单个分数");
                if (one.Value is not { } v1) { input.Error($"第 {i + 1} 个评分：{one.Error ?? "必须是数值"}", item.Display); return RuleScore.Fail; }
                values.Add(v1);
            }
            if (values.Count == 0) { input.Error("缺少输入"); return RuleScore.Fail; }
        }
        else
        {
            var v = input.Require("value", ValueUnit.Points);
            if (v is null) return RuleScore.Fail;
            values.Add(v.Value);
        }
        foreach (var v in values)
        {
            if (v < rule.Min || v > rule.Max || (rule.ExcludedRange is { } ex && ex.Contains(v) && v != 0))
            {
                input.Error($"人工评分应在 {Num(rule.Min)}–{Num(rule.Max)} 之间" + (rule.ExcludedRange is { } e ? $"（不含 {e.Describe()}，0 表示无）" : ""), Num(v, 4));
                return RuleScore.Fail;
            }
        }
        if (values.Count == 1) return RuleScore.Of(values[0], $"人工评定 {Num(values[0])} 分（允许 {Num(rule.Min)}–{Num(rule.Max)}）");
        var mean = values.Sum() / values.Count;
        return RuleScore.Of(mean, $"{values.Count} 次评分 {string.Join("、", values.Select(x => Num(x)))} 的平均 = {Num(mean)} 分");
    }

    private static RuleScore Veto(InputReader input)
    {
        if (input.IsMissing) return RuleScore.Of(0, "未触发否决");
        if (input.Raw is not RawScalar s) { input.Error("否决项应填 是/否"); return RuleScore.Fail; }
        var b = ValueParser.ParseBool(s);
        if (b is null) { input.Error("否决项应填 是/否", s.Text); return RuleScore.Fail; }
        return b.Value ? new RuleScore(0, "触发否决项，考核结果无效", RuleFlag.Veto) : RuleScore.Of(0, "未触发否决");
    }

    // ------------------------------------------------------------------ BL

    // The maximum is the best only where higher is better; for a lower-is-better rate it is the worst month.
    private static string BaselineWord(BaselineSource source, Direction direction) => source switch
    {
        BaselineSource.HistoricalMin => "历史最低",
        BaselineSource.HistoricalMax => direction == Direction.HigherIsBetter ? "历史最佳" : "历史最高",
        BaselineSource.PreviousPeriod => "上期水平",
        BaselineSource.SamePeriodLastYear => "去年同期",
        BaselineSource.Constant => "基准",
        BaselineSource.Input => "基数",
        _ => throw new UnreachableException(),
    };

    /// <summary><see cref="V"/> for an interpolated string or builder.</summary>
    private static NumText VT(decimal v, ValueUnit unit, decimal? against = null)
    {
        // A value compared with a baseline is never shown equal to it (or across it) by rounding.
        var d = against is { } b ? Places(v, 4, [b]) : 4;
        return unit switch
        {
            ValueUnit.Percent => new NumText(v, d, "%"),
            ValueUnit.Money => new NumText(v, d, " 元"),
            ValueUnit.Hours => new NumText(v, d, " 小时"),
            ValueUnit.Days => new NumText(v, d, " 天"),
            _ => N(v, d),
        };
    }

    [ThreadStatic] private static StringBuilder? t_baselineText;

    /// <summary><see cref="V"/> for a value compared with <paramref name="bounds"/>: never shown on or across one.</summary>
    private static string VAgainst(decimal v, ValueUnit unit, decimal[] bounds) => unit switch
    {
        ValueUnit.Percent => PctAgainst(v, bounds),
        ValueUnit.Money => Against(v, 4, bounds) + " 元",
        ValueUnit.Hours => Against(v, 4, bounds) + " 小时",
        ValueUnit.Days => Against(v, 4, bounds) + " 天",
        _ => Against(v, 4, bounds),
    };

    private static string V(decimal v, ValueUnit unit) => unit switch
    {
        ValueUnit.Percent => Pct(v),
        ValueUnit.Money => Num(v, 4) + " 元",
        ValueUnit.Hours => Num(v, 4) + " 小时",
        ValueUnit.Days => Num(v, 4) + " 天",
        _ => Num(v, 4),
    };

    /// <summary>The unit word of a difference between two values: " 个百分点" for rates, " 元" for money.</summary>
    private static string DiffWord(ValueUnit unit) => unit switch
    {
        ValueUnit.Percent => " 个百分点",
        ValueUnit.Money => " 元",
        ValueUnit.Hours => " 小时",
        ValueUnit.Days => " 天",
        _ => "",
    };

    /// <summary>"每 1 个百分点" / "每 0.2%" / "每 5 " — a step with its unit, ready for the verb that follows.</summary>
    private static string Each(decimal step, string unitWord) => $"每 {Num(step, 4)}{(unitWord.Length == 0 ? " " : unitWord)}";

    private static RuleScore? NoData(NoDataPolicy policy, decimal? basePoints, decimal? points, InputReader input, string label)
    {
        switch (policy)
        {
            case NoDataPolicy.Base when basePoints is not null:
                return RuleScore.Of(basePoints.Value, $"{label}无数据（分母为 0），按基础分 {Num(basePoints.Value)} 分");
            case NoDataPolicy.Full when points is not null:
            case NoDataPolicy.Base when points is not null:
                return RuleScore.Of(points!.Value, $"{label}无数据（分母为 0），按满分 {Num(points.Value)} 分");
            case NoDataPolicy.Zero:
                return RuleScore.Of(0, $"{label}无数据（分母为 0），按 0 分");
            case NoDataPolicy.Exclude:
                return new RuleScore(null, $"{label}无数据（分母为 0），本项不计，权重重新分配", RuleFlag.Excluded);
            case NoDataPolicy.Error:
                input.Error($"{label}无数据，本方案不允许（请填写数值）");
                return RuleScore.Fail;
            default:
                input.Error($"{label}无数据，应按{(policy == NoDataPolicy.Full ? "满分" : "基础分")}计，但本项没有分值");
                return RuleScore.Fail;
        }
    }

    private static RuleScore NotApplicable(string label) =>
        new(null, $"{label}不适用", RuleFlag.NotApplicable);

    private static RuleScore Baseline(BaselineRule rule, InputReader input, decimal? points, string label)
    {
        var pv = input.Number("value", rule.Unit);
        if (pv is null) return RuleScore.Fail;
        if (pv.Value.NotApplicable) return NotApplicable(label);
        if (pv.Value.NoData) return NoData(rule.NoData, rule.Base, rule.Cap ?? points, input, label) ?? RuleScore.Fail;
        var v = pv.Value.Value!.Value;

        decimal b;
        var baseWord = BaselineWord(rule.Source, rule.Direction);
        var note = "";
        if (rule.Source == BaselineSource.Constant) b = rule.Constant ?? 0;
        else
        {
            var pb = input.Number("baseline", rule.Unit);
            if (pb is null) return RuleScore.Fail;
            if (pb.Value.NoData || pb.Value.NotApplicable)
            {
                b = v;
                note = "无历史数据";
            }
            else b = pb.Value.Value!.Value;
        }

        var good = rule.Direction == Direction.HigherIsBetter ? v - b : b - v;
        // One builder per thread, numbers written straight into it: this runs for every subject of a run.
        var sb = t_baselineText ??= new StringBuilder(256);
        sb.Clear();
        if (note.Length > 0) sb.Append($"{label} {VT(v, rule.Unit)}，{note}，以本期值 {VT(b, rule.Unit)} 为{baseWord}；");
        else sb.Append($"{label} {VT(v, rule.Unit, b)}，{baseWord} {VT(b, rule.Unit)}；");
        decimal distance;
        var relative = rule.Difference == DifferenceMode.Relative;
        if (relative)
        {
            if (b == 0)
            {
                if (good == 0) distance = 0;
                else
                {
                    var limit = good > 0 ? rule.Cap : rule.Floor;
                    if (limit is { } lim)
                    {
                        sb.Append($"基数为 0，按相对比较{(good > 0 ? "优于" : "差于")}基数无限多 → {N(lim)} 分");
                        return RuleScore.Of(lim, sb.ToString());
                    }
                    distance = Math.Abs(good);
                    relative = false;
                    sb.Append("基数为 0，无法按相对百分比比较，改按差值；");
                }
            }
            else distance = Math.Abs(good) / Math.Abs(b) * 100;
        }
        else distance = Math.Abs(good);

        var unitWord = relative ? "%" : DiffWord(rule.Unit);
        var relation = v > b ? "高于" : v < b ? "低于" : "等于";
        if (good == 0)
        {
            sb.Append($"{(v == b ? "达到" : "")}{baseWord}{(baseWord.EndsWith("水平", StringComparison.Ordinal) ? "" : "水平")} → 基础分 {N(rule.Base)} 分");
            var clamped0 = Steps.Clamp(rule.Base, rule.Floor, rule.Cap, out var n0);
            if (n0 is not null) sb.Append('，').Append(n0);
            return RuleScore.Of(clamped0, sb.ToString());
        }
        if (relative)
            sb.Append($"{relation}{baseWord} {N(Math.Abs(v - b), 4)}{DiffWord(rule.Unit)}，相对{(v > b ? "高出" : "降低")} {N(distance, 4)}%（{N(Math.Abs(v - b), 4)} / {N(Math.Abs(b), 4)} × 100%，{(good > 0 ? "优于" : "差于")}基数）；");
        else
            sb.Append($"{relation}{baseWord} {N(distance, 4)}{unitWord}（{(good > 0 ? "优于" : "差于")}基数）；");
        var steps = Steps.Count(distance, rule.Step, rule.Rounding);
        var per = good > 0 ? rule.UpPoints : rule.DownPoints;
        var verb = good > 0 ? "加" : "扣";
        decimal raw;
        if (per == 0)
        {
            sb.Append($"{(good > 0 ? "超出不加分" : "下降不扣分")}，按基础分");
            raw = rule.Base;
        }
        else if (steps == 0)
        {
            sb.Append($"不足 {N(rule.Step, 4)}{unitWord}，不{verb}分，按基础分");
            raw = rule.Base;
        }
        else
        {
            var delta = per * steps;
            raw = good > 0 ? rule.Base + delta : rule.Base - delta;
            sb.Append($"每 {N(rule.Step, 4)}{(unitWord.Length == 0 ? " " : unitWord)}{verb} {N(per)} 分，计 {N(steps, 4)} 步（{Steps.Word(rule.Rounding)}）：{N(rule.Base)} {(good > 0 ? "+" : "−")} {N(delta)} = {N(raw)} 分");
        }
        var score = Steps.Clamp(raw, rule.Floor, rule.Cap, out var clampNote);
        if (clampNote is not null) sb.Append('，').Append(clampNote);
        sb.Append($" → {N(score)} 分");
        return RuleScore.Of(score, sb.ToString());
    }

    // ------------------------------------------------------------------ TB bands

    private static RuleScore Bands(BandRule rule, InputReader input, decimal? points, string label)
    {
        var m = Measure(rule.Measure, rule.Unit, input, out var measureText, out var flag, label, Bounds(rule.Bands));
        if (flag == RuleFlag.NotApplicable) return NotApplicable(label);
        if (flag == RuleFlag.Excluded) return NoData(rule.NoData, null, points ?? MaxOf(rule, null), input, measureText.Length > 0 ? measureText : label) ?? RuleScore.Fail;
        if (m is null) return RuleScore.Fail;
        var suffix = rule.Measure == BandMeasure.RatioToTarget || rule.Unit == ValueUnit.Percent ? "%" : "";
        return ScoreInBands(rule.Bands, rule.Gap, m.Value, suffix, measureText, input, out _);
    }

    /// <summary>Every end of every band: what a measure is compared with in the band's words.</summary>
    internal static decimal[] Bounds(IEnumerable<Band> bands) =>
        [.. bands.SelectMany(b => new[] { b.Range.Lower?.Value, b.Range.Upper?.Value }).OfType<decimal>().Distinct()];

    /// <summary>An interval in words; a single point reads "= 2" rather than "≥ 2 且 ≤ 2".</summary>
    private static string Words(Interval range, string suffix) =>
        range is { Lower: { Inclusive: true } lo, Upper: { Inclusive: true } hi } && lo.Value == hi.Value
            ? $"= {Num(lo.Value, 4)}{suffix}"
            : range.DescribeWords(suffix);

    /// <summary>Finds the band of <paramref name="m"/> and scores it; shared by bands and coefficients.</summary>
    internal static RuleScore ScoreInBands(IReadOnlyList<Band> bands, decimal gap, decimal m, string suffix, string measureText, InputReader input, out Band? hit)
    {
        hit = bands.FirstOrDefault(b => b.Range.Contains(m));
        if (hit is null)
            return RuleScore.Of(gap, $"{measureText}，不在任何档位内（规则未规定此区间），按 {Num(gap)} 分");
        var where = $"{measureText}，落在“{Words(hit.Range, suffix)}”档";
        if (hit.Note is not null) where += $"（{hit.Note}）";
        switch (hit.Outcome)
        {
            case FixedOutcome f:
                return RuleScore.Of(f.Points, $"{where} → {Num(f.Points)} 分");
            case ChoiceOutcome c:
                var chosen = input.Field("score");
                if (chosen is not RawScalar cs)
                {
                    input.Error($"{measureText}落在 {Num(c.Min)}–{Num(c.Max)} 分档，需由评分人在档内给分（“{InputReader.FieldWord("score")}”）");
                    return RuleScore.Fail;
                }
                var pv = ValueParser.Parse(cs, ValueUnit.Points);
                if (pv.Value is null || pv.Value < c.Min || pv.Value > c.Max)
                {
                    input.Error($"档内评分应在 {Num(c.Min)}–{Num(c.Max)} 之间", cs.Text);
                    return RuleScore.Fail;
                }
                return RuleScore.Of(pv.Value.Value, $"{where}（{Num(c.Min)}–{Num(c.Max)} 分），评分人给 {Num(pv.Value.Value)} 分");
            case LinearOutcome l:
                var lo = hit.Range.Lower!.Value.Value;
                var hi = hit.Range.Upper!.Value.Value;
                var s = l.AtLower + (l.AtUpper - l.AtLower) * (m - lo) / (hi - lo);
                return RuleScore.Of(s, $"{where}，线性得分：{Num(l.AtLower)} + ({Num(l.AtUpper)} − {Num(l.AtLower)}) × ({Num(m, 4)} − {Num(lo, 4)})/({Num(hi, 4)} − {Num(lo, 4)}) = {Num(s)} 分");
            case ProportionalOutcome p:
                var ps = p.Points * m / p.Reference;
                return RuleScore.Of(ps, $"{where}，按比例得分：{Num(p.Points)} × {Num(m, 4)}{suffix}{(p.Reference == 100 && suffix == "%" ? "" : " / " + Num(p.Reference, 4) + suffix)} = {Num(ps)} 分");
            default:
                throw new UnreachableException();
        }
    }

    /// <param name="bounds">The band ends the measure is compared with: the value is shown so it never seems to cross one.</param>
    private static decimal? Measure(BandMeasure measure, ValueUnit unit, InputReader input, out string text, out RuleFlag flag, string label, decimal[] bounds)
    {
        text = "";
        flag = RuleFlag.Scored;
        var pv = input.Number("value", unit);
        if (pv is null) { flag = RuleFlag.Failed; return null; }
        if (pv.Value.NotApplicable) { flag = RuleFlag.NotApplicable; return null; }
        if (pv.Value.NoData) { flag = RuleFlag.Excluded; return null; }
        var v = pv.Value.Value!.Value;
        switch (measure)
        {
            case BandMeasure.Value:
                text = $"{label} {VAgainst(v, unit, bounds)}";
                return v;
            case BandMeasure.RatioToTarget:
                var t = input.Require("target", unit);
                if (t is null) { flag = RuleFlag.Failed; return null; }
                if (t == 0) { flag = RuleFlag.Excluded; text = $"{label}目标为 0，"; return null; }
                var r = v / t.Value * 100;
                text = $"{label}：实际 {V(v, unit)}，目标 {V(t.Value, unit)}，实际/目标 = {PctAgainst(r, bounds)}";
                return r;
            case BandMeasure.DifferenceFromBaseline:
                var pb = input.Number("baseline", unit);
                if (pb is null) { flag = RuleFlag.Failed; return null; }
                if (pb.Value.Value is not { } b)
                {
                    // G7: no prior period → the baseline is the current value, the difference 0.
                    text = $"{label} {V(v, unit)}，无历史数据，以本期值为基数，差 0";
                    return 0;
                }
                text = $"{label} {V(v, unit)}，基数 {V(b, unit)}，{(v > b ? "高于" : v < b ? "低于" : "等于")}基数{(v == b ? "" : " " + Against(Math.Abs(v - b), 4, [.. bounds.Select(Math.Abs)]) + DiffWord(unit))}";
                return v - b;
            default:
                throw new UnreachableException();
        }
    }

    // ------------------------------------------------------------------ LN

    private static RuleScore Linear(LinearRule rule, InputReader input, decimal? points, string label)
    {
        var pv = input.Number("value", rule.Unit);
        if (pv is null) return RuleScore.Fail;
        if (pv.Value.NotApplicable) return NotApplicable(label);
        if (pv.Value.NoData) return NoData(rule.NoData, null, rule.Points, input, label) ?? RuleScore.Fail;
        var v = pv.Value.Value!.Value;
        decimal t;
        if (rule.Target is { } ct) t = ct;
        else
        {
            var pt = input.Require("target", rule.Unit);
            if (pt is null) return RuleScore.Fail;
            t = pt.Value;
        }
        if (t <= 0) return NoData(rule.NoData, null, rule.Points, input, label + (t == 0 ? "目标为 0，" : $"目标为 {V(t, rule.Unit)}（不为正），")) ?? RuleScore.Fail;
        var a = v / t;
        var head = $"{label}：完成 {V(v, rule.Unit)}，目标 {V(t, rule.Unit)}，完成率 {PctAgainst(a * 100, rule.Threshold * 100, 100)}；";
        // A negative achievement is below any threshold: it scores what "below" scores (never better than 0 done).
        if (a < 0) head += "完成为负，";
        if (a >= 1)
        {
            if (rule.ExtraPerUnit is { } extra)
            {
                var over = v - t;
                var s = rule.Points + extra * over;
                return RuleScore.Of(s, head + (over == 0
                    ? $"达到目标得满分 {Num(rule.Points)} 分"
                    : $"达到目标得 {Num(rule.Points)} 分，超出 {Num(over, 4)} 个单位每个加 {Num(extra)} 分：{Num(rule.Points)} + {Num(extra * over)} = {Num(s)} 分（上不封顶）"));
            }
            if (rule.Capped || a == 1) return RuleScore.Of(rule.Points, head + $"达到目标得满分 {Num(rule.Points)} 分");
            var u = rule.Points * a;
            return RuleScore.Of(u, head + $"超过目标按比例（不封顶）：{Num(rule.Points)} × {Pct(a * 100)} = {Num(u)} 分");
        }
        if (a >= rule.Threshold)
        {
            if (rule.Mode == LinearMode.Proportional)
            {
                var s = rule.Points * a;
                return RuleScore.Of(s, head + $"在 {Pct(rule.Threshold * 100)}–100% 之间按比例得分：{Num(rule.Points)} × {Pct(a * 100)} = {Num(s)} 分");
            }
            var r = rule.Points * (a - rule.Threshold) / (1 - rule.Threshold);
            return RuleScore.Of(r, head + $"在 {Pct(rule.Threshold * 100)}–100% 之间线性得分（{Pct(rule.Threshold * 100)} 为 0 分）：{Num(rule.Points)} × ({Pct(a * 100)} − {Pct(rule.Threshold * 100)})/(100% − {Pct(rule.Threshold * 100)}) = {Num(r)} 分");
        }
        if (rule.Fallback is { } fb)
        {
            var aux = input.Number(fb.Input, ValueUnit.Count, required: true, allowNegative: false);
            if (aux is null) return RuleScore.Fail;
            var n = aux.Value.Value ?? 0;
            if (n >= fb.AtLeast)
                return RuleScore.Of(fb.Points, head + $"低于 {Pct(rule.Threshold * 100)}，但{fb.Input} {NumAgainst(n, fb.AtLeast)} ≥ {Num(fb.AtLeast)} → {Num(fb.Points)} 分");
            return RuleScore.Of(rule.BelowThreshold, head + $"低于 {Pct(rule.Threshold * 100)}，且{fb.Input} {NumAgainst(n, fb.AtLeast)} < {Num(fb.AtLeast)} → {Num(rule.BelowThreshold)} 分");
        }
        return RuleScore.Of(rule.BelowThreshold, head + $"低于 {Pct(rule.Threshold * 100)} → {Num(rule.BelowThreshold)} 分");
    }

    // ------------------------------------------------------------------ UB

    /// <summary>Rejects fields of an object input that the rule does not read (a misspelt count must not score silently).</summary>
    private static bool RejectUnknownFields(InputReader input, IEnumerable<string> known, string what)
    {
        if (input.Raw is not RawObject o) return true;
        var names = known.ToList();
        var normalised = names.Select(ValueParser.Normalize).ToHashSet();   // both sides in NFKC: （G9） = (G9)
        foreach (var k in o.Fields.Keys)
        {
            var key = ValueParser.Normalize(k);
            if (normalised.Contains(key)) continue;
            input.Error($"未知的{what}“{k}”，可选：{string.Join("、", names)}", k);
            return false;
        }
        return true;
    }

    private static RuleScore PerUnit(UnitRule rule, InputReader input)
    {
        if (rule.Counters.Length > 1 && !RejectUnknownFields(input, rule.Counters.Select(c => c.Name), "计数项")) return RuleScore.Fail;
        var parts = new List<string>();
        var total = rule.Base;
        foreach (var c in rule.Counters)
        {
            var key = rule.Counters.Length == 1 ? "value" : c.Name;
            var f = rule.Counters.Length == 1 && input.Raw is RawObject ? (input.Field(c.Name) is not null ? c.Name : "value") : key;
            var pv = input.Number(f, rule.Unit, required: false, allowNegative: rule.AllowNegativeCounts);
            if (pv is null && input.Failed) return RuleScore.Fail;
            var n = pv?.Value ?? 0;
            var d = n * c.PointsPerUnit;
            total += d;
            parts.Add($"{c.Name} {Num(n, 4)} × {Num(c.PointsPerUnit)} = {Signed(d)}");
        }
        var text = (rule.Base != 0 ? $"基础 {Num(rule.Base)}；" : "") + string.Join("；", parts) + $"；合计 {Num(total)} 分";
        var score = Steps.Clamp(total, rule.Floor, rule.Cap, out var note);
        if (note is not null) text += "，" + note;
        else if (rule.Cap is null && rule.Counters.Any(c => c.PointsPerUnit > 0)) text += "（上不封顶）";
        return RuleScore.Of(score, text + $" → {Num(score)} 分");
    }

    // ------------------------------------------------------------------ DD

    private static RuleScore Deduction(DeductionRule rule, InputReader input)
    {
        if (!RejectUnknownFields(input, rule.Clauses.Select(c => c.Name), "扣分条款")) return RuleScore.Fail;
        var lines = new List<string>();
        decimal total = 0;
        decimal atLeast = 0;
        string? atLeastWhy = null;
        foreach (var c in rule.Clauses)
        {
            var sub = rule.Clauses.Length == 1 && input.Raw is not RawObject ? input : input.Sub(c.Name);
            if (sub.IsMissing) continue;
            switch (c.Mode)
            {
                case ClauseMode.PerOccurrence:
                case ClauseMode.Once:
                case ClauseMode.Table:
                case ClauseMode.AtLeast:
                {
                    var n = sub.Require("value", ValueUnit.Count, allowNegative: false);
                    if (n is null) return RuleScore.Fail;
                    if (n == 0) continue;
                    if (c.Mode == ClauseMode.PerOccurrence)
                    {
                        var d = c.Points * n.Value;
                        total += d;
                        lines.Add($"{c.Name} {Num(n.Value)} 次 × {Num(Math.Abs(c.Points))} 分 = {(d >= 0 ? "扣" : "加")} {Num(Math.Abs(d))} 分");
                    }
                    else if (c.Mode == ClauseMode.Once)
                    {
                        total += c.Points;
                        lines.Add($"{c.Name}（{Num(n.Value)} 次，按一次计）{(c.Points >= 0 ? "扣" : "加")} {Num(Math.Abs(c.Points))} 分");
                    }
                    else if (c.Mode == ClauseMode.Table)
                    {
                        var step = c.Table.FirstOrDefault(s => s.Range.Contains(n.Value));
                        var d = step?.Points ?? 0;
                        total += d;
                        lines.Add($"{c.Name} {Num(n.Value)} 次（{(step is null ? "不扣分" : Words(step.Range, " 次"))}）扣 {Num(d)} 分");
                    }
                    else
                    {
                        if (c.Points > atLeast) { atLeast = c.Points; atLeastWhy = c.Name; }
                        lines.Add($"{c.Name} {Num(n.Value)} 次，本项至少扣 {Num(c.Points)} 分");
                    }
                    break;
                }
                case ClauseMode.PerQuantity:
                {
                    var q = sub.Require("value", c.Unit, allowNegative: false);
                    if (q is null) return RuleScore.Fail;
                    var n = Steps.Count(q.Value, c.Step, c.Rounding);
                    var d = c.Points * n;
                    total += d;
                    lines.Add($"{c.Name} {V(q.Value, c.Unit)}，{Each(c.Step, DiffWord(c.Unit))}扣 {Num(c.Points)} 分，计 {Num(n, 4)} 步（{Steps.Word(c.Rounding)}）= 扣 {Num(d)} 分");
                    break;
                }
                case ClauseMode.Amount:
                {
                    var a = sub.Require("value", ValueUnit.Points, allowNegative: false);
                    if (a is null) return RuleScore.Fail;
                    if (a > c.Max)
                    {
                        sub.Error($"扣分不能超过 {Num(c.Max)} 分", Num(a.Value, 4));
                        return RuleScore.Fail;
                    }
                    total += a.Value;
                    if (a > 0) lines.Add($"{c.Name} 扣 {Num(a.Value)} 分");
                    break;
                }
                case ClauseMode.Ranged:
                {
                    var values = new List<decimal>();
                    if (sub.Raw is RawObject)
                    {
                        sub.Error($"每次扣分应填数值（{Num(c.Min)}–{Num(c.Max)} 分，多次用“、”分隔）");
                        return RuleScore.Fail;
                    }
                    var items = sub.Raw is RawList l
                        ? l.Items.ToList()
                        : ValueParser.Normalize(((RawScalar)sub.Raw!).Text)
                            .Split(['、', ';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                            .Select(t => (RawInput)new RawScalar(t)).ToList();
                    foreach (var item in items)
                    {
                        var pv = item is RawScalar s ? ValueParser.Parse(s, ValueUnit.Points, false) : ParsedValue.Fail("应为数值");
                        if (pv.Value is null || pv.Value < c.Min || pv.Value > c.Max)
                        {
                            sub.Error($"每次扣分应在 {Num(c.Min)}–{Num(c.Max)} 分之间（每次一个值，多次用“、”分隔）", item.Display);
                            return RuleScore.Fail;
                        }
                        values.Add(pv.Value.Value);
                    }
                    var d = values.Sum();
                    total += d;
                    lines.Add($"{c.Name} {values.Count} 次（{string.Join("、", values.Select(x => Num(x)))}）共扣 {Num(d)} 分");
                    break;
                }
                default:
                    throw new UnreachableException();
            }
        }
        if (atLeastWhy is not null && atLeast > total)
        {
            lines.Add($"因“{atLeastWhy}”，扣分按 {Num(atLeast)} 分计");
            total = atLeast;
        }
        var sb = new StringBuilder(160);
        if (lines.Count == 0) sb.Append("无扣分记录");
        else sb.Append(string.Join("；", lines));
        if (rule.MaxDeduction is { } max && total > max)
        {
            sb.Append($"；合计扣 {Num(total)} 分，超过本项扣分上限，按 {Num(max)} 分扣");
            total = max;
        }
        var raw = rule.Start - total;
        sb.Append(rule.Start != 0
            ? total >= 0 ? $"；{Num(rule.Start)} − {Num(total)} = {Num(raw)} 分" : $"；{Num(rule.Start)} + {Num(-total)} = {Num(raw)} 分"
            : $"；计 {Signed(-total)} 分");
        var score = Steps.Clamp(raw, rule.Floor, rule.Cap, out var note);
        if (note is not null) sb.Append("，" + note);
        else if (rule.Floor is null && raw < 0) sb.Append("（本项可扣至负数，并入总分）");
        sb.Append($" → {Num(score)} 分");
        return RuleScore.Of(score, sb.ToString());
    }

    // ------------------------------------------------------------------ ST

    private static RuleScore StepsAround(StepRule rule, InputReader input, decimal? points, string label)
    {
        var pv = input.Number("value", rule.Unit);
        if (pv is null) return RuleScore.Fail;
        if (pv.Value.NotApplicable) return NotApplicable(label);
        points ??= MaxOf(rule, null);
        if (pv.Value.NoData) return NoData(rule.NoData, rule.Above.Base, points, input, label) ?? RuleScore.Fail;
        var v = pv.Value.Value!.Value;
        decimal m;
        string head;
        var pct = rule.Unit == ValueUnit.Percent || rule.Measure == BandMeasure.RatioToTarget;
        string U(decimal x) => pct ? Pct(x) : V(x, rule.Unit);
        // The measure as the sentence compares it with the pivot and the gates: never shown on or across one.
        string M(decimal x, decimal p)
        {
            decimal[] bounds = [p, .. rule.Gates.Select(g => g.Below.Value)];
            return pct ? PctAgainst(x, bounds) : VAgainst(x, rule.Unit, bounds);
        }
        decimal pivot;
        if (rule.Measure == BandMeasure.RatioToTarget)
        {
            var t = input.Require("target", rule.Unit);
            if (t is null) return RuleScore.Fail;
            if (t == 0) return NoData(rule.NoData, rule.Above.Base, points, input, label + "目标为 0，") ?? RuleScore.Fail;
            m = v / t.Value * 100;
            pivot = rule.Pivot ?? 100;
            head = $"{label}：实际 {V(v, rule.Unit)}，目标 {V(t.Value, rule.Unit)}，完成率 {M(m, pivot)}";
        }
        else
        {
            m = v;
            if (rule.Pivot is { } pv0) pivot = pv0;
            else
            {
                var t = input.Require("target", rule.Unit);
                if (t is null) return RuleScore.Fail;
                pivot = t.Value;
            }
            head = rule.Pivot is null ? $"{label} {M(m, pivot)}，目标 {U(pivot)}" : $"{label} {M(m, pivot)}";
        }
        var sb = new StringBuilder(head, 192);
        foreach (var g in rule.Gates)
        {
            var below = g.Below.Inclusive ? m <= g.Below.Value : m < g.Below.Value;
            if (!below) continue;
            sb.Append($"，{(g.Below.Inclusive ? "不高于" : "低于")} {U(g.Below.Value)}，本档 {Num(g.Points)} 分");
            var gs = Steps.Clamp(g.Points, rule.Floor, rule.Cap, out var gn);
            if (gn is not null) sb.Append("，" + gn);
            sb.Append($" → {Num(gs)} 分");
            return RuleScore.Of(gs, sb.ToString());
        }
        decimal raw;
        var unitWord = pct ? " 个百分点" : DiffWord(rule.Unit);
        // G2: steps count percentage points (or units) by default; relative reading: percent of the pivot.
        var relative = rule.Difference == DifferenceMode.Relative && pivot != 0;
        decimal Dist(decimal d) => relative ? d / Math.Abs(pivot) * 100 : d;
        var stepWord = relative ? "%（相对）" : unitWord;
        if (m >= pivot)
        {
            var side = rule.Above;
            var n = Steps.Count(Dist(m - pivot), side.StepSize, side.Rounding);
            raw = side.Base + side.PointsPerStep * n;
            sb.Append(m == pivot ? $"，达到 {U(pivot)}，得 {Num(side.Base)} 分" : $"，达到 {U(pivot)}（高出 {Num(m - pivot, 4)}{unitWord}{(relative ? $"，相对 {Num(Dist(m - pivot), 4)}%" : "")}）");
            unitWord = stepWord;
            if (m > pivot)
            {
                if (side.StepSize == 0 || side.PointsPerStep == 0) sb.Append($"，得 {Num(side.Base)} 分");
                else sb.Append($"，{Each(side.StepSize, unitWord)}加 {Num(side.PointsPerStep)} 分，计 {Num(n, 4)} 步（{Steps.Word(side.Rounding)}）：{Num(side.Base)} + {Num(side.PointsPerStep * n)} = {Num(raw)} 分");
            }
        }
        else
        {
            var side = rule.Below;
            var n = Steps.Count(Dist(pivot - m), side.StepSize, side.Rounding);
            raw = side.Base - side.PointsPerStep * n;
            sb.Append($"，低于 {U(pivot)} {Num(pivot - m, 4)}{unitWord}{(relative ? $"（相对 {Num(Dist(pivot - m), 4)}%）" : "")}");
            unitWord = stepWord;
            if (side.StepSize == 0 || side.PointsPerStep == 0) sb.Append($"，得 {Num(side.Base)} 分");
            else sb.Append($"，{Each(side.StepSize, unitWord)}扣 {Num(side.PointsPerStep)} 分，计 {Num(n, 4)} 步（{Steps.Word(side.Rounding)}）：{Num(side.Base)} − {Num(side.PointsPerStep * n)} = {Num(raw)} 分");
        }
        var cap = rule.Cap;
        if (cap is not null && rule.CapWaiver is { } w)
        {
            var aux = input.Number(w.Input, ValueUnit.Count, required: true, allowNegative: false);
            if (aux is null) return RuleScore.Fail;
            if ((aux.Value.Value ?? 0) >= w.AtLeast)
            {
                sb.Append($"；{w.Input} {NumAgainst(aux.Value.Value ?? 0, w.AtLeast)} ≥ {Num(w.AtLeast)}，加分不封顶");
                cap = null;
            }
        }
        var score = Steps.Clamp(raw, rule.Floor, cap, out var note);
        if (note is not null) sb.Append("，" + note);
        sb.Append($" → {Num(score)} 分");
        return RuleScore.Of(score, sb.ToString());
    }

    // ------------------------------------------------------------------ AC

    private static RuleScore Achievement(AchievementRule rule, InputReader input, decimal? points, string label)
    {
        var pv = input.Number("value", rule.Unit);
        if (pv is null) return RuleScore.Fail;
        if (pv.Value.NotApplicable) return NotApplicable(label);
        if (pv.Value.NoData) return NoData(rule.NoData, null, rule.Points, input, label) ?? RuleScore.Fail;
        var x = pv.Value.Value!.Value;
        var a = input.Require("target", rule.Unit);
        if (a is null) return RuleScore.Fail;
        var higher = rule.Direction == Direction.HigherIsBetter;
        var denominator = higher ? a.Value : x;
        if (denominator == 0) return NoData(rule.NoData, null, rule.Points, input, label + (higher ? "目标为 0，" : "实际为 0（越低越好，目标/实际无法计算），")) ?? RuleScore.Fail;
        var p = higher ? x / a.Value : a.Value / x;
        var text = $"目标 {V(a.Value, rule.Unit)}，实际 {V(x, rule.Unit)}，评分 p = {(higher ? "实际/目标" : "目标/实际（越低越好）")} = {Pct(p * 100)}";
        if (rule.CapRatio is { } c && p > c)
        {
            text += $"，最高 {Pct(c * 100)} 封顶";
            p = c;
        }
        if (p < 0) { text += "，为负按 0"; p = 0; }
        var s = p * rule.Points;
        return RuleScore.Of(s, text + $"；{Pct(p * 100)} × 权重 {Num(rule.Points)} = {Num(s)} 分");
    }

    // ------------------------------------------------------------------ OF

    private static RuleScore Offset(OffsetRule rule, InputReader input)
    {
        var d1 = input.Require(rule.First.Name, ValueUnit.Count, allowNegative: false);
        var d2 = input.Require(rule.Second.Name, ValueUnit.Count, allowNegative: false);
        if (d1 is null || d2 is null) return RuleScore.Fail;
        var (f, s, rho) = (rule.First, rule.Second, rule.Ratio);
        var s1 = Math.Max(0, f.Quota - d1.Value);
        var s2 = Math.Max(0, s.Quota - d2.Value);
        var e1 = Math.Max(0, d1.Value - f.Quota);
        var e2 = Math.Max(0, d2.Value - s.Quota);
        var sb = new StringBuilder($"{f.Name} {Num(d1.Value)} {f.UnitName}（标准 {Num(f.Quota)}），{s.Name} {Num(d2.Value)} {s.UnitName}（标准 {Num(s.Quota)}），抵消比例 1 {f.UnitName} = {Num(rho, 4)} {s.UnitName}；");
        var feasible = s1 * rho <= e2 && s2 <= e1 * rho;
        decimal amount;
        if (feasible)
        {
            var used2 = s1 * rho;
            var used1 = rho == 0 ? 0 : s2 / rho;
            var extra = f.ExtraPerUnit * (e1 - used1) + s.ExtraPerUnit * (e2 - used2);
            if (s1 > 0) sb.Append($"{f.Name}差 {Num(s1)}，用 {Num(used2, 4)} {s.UnitName}抵消；");
            if (s2 > 0) sb.Append($"{s.Name}差 {Num(s2)}，用 {Num(used1, 4)} {f.UnitName}抵消；");
            if (s1 == 0 && s2 == 0) sb.Append("两项均达标；");
            amount = rule.Amount + extra;
            sb.Append($"本项奖金 {Num(rule.Amount)} 元，超额 {Num(e1 - used1, 4)} {f.UnitName} × {Num(f.ExtraPerUnit)} 元 + {Num(e2 - used2, 4)} {s.UnitName} × {Num(s.ExtraPerUnit)} 元 = {Num(extra)} 元；合计 {Num(amount)} 元");
        }
        else
        {
            var extra = rule.ExtrasWhenFailed ? f.ExtraPerUnit * e1 + s.ExtraPerUnit * e2 : 0;
            amount = extra;
            sb.Append($"不足部分无法完全抵消，无此项奖金；{(rule.ExtrasWhenFailed ? $"超额部分仍计薪 {Num(extra)} 元" : "超额部分不计")}；合计 {Num(amount)} 元");
        }
        return RuleScore.Of(amount, sb.ToString());
    }

    // ------------------------------------------------------------------ formula and composite

    private static RuleScore FormulaScore(FormulaRule rule, InputReader input)
    {
        var values = new Dictionary<string, decimal>();
        var shown = new List<string>();
        foreach (var fi in rule.Inputs)
        {
            var key = rule.Inputs.Length == 1 && input.Raw is not RawObject ? "value" : fi.Name;
            var v = input.Require(key, fi.Unit, allowNegative: fi.Unit is not (ValueUnit.Count or ValueUnit.Hours or ValueUnit.Days));
            if (v is null) return RuleScore.Fail;
            values[fi.Name] = fi.Unit == ValueUnit.Percent ? v.Value / 100 : v.Value;
            shown.Add($"{fi.Name} = {V(v.Value, fi.Unit)}");
        }
        var r = rule.Expression.Evaluate(values);
        if (r.Value is null)
        {
            input.Error("公式无法计算：" + r.Error);
            return RuleScore.Fail;
        }
        var text = $"{string.Join("，", shown)}；按公式 {rule.Expression} = {Num(r.Value.Value)}";
        var score = Steps.Clamp(r.Value.Value, rule.Floor, rule.Cap, out var note);
        if (note is not null) text += "，" + note;
        return RuleScore.Of(score, text + $" → {Num(score)} 分");
    }

    private static RuleScore Composite(CompositeRule rule, InputReader input)
    {
        decimal total = 0;
        var lines = new List<string>();
        if (input.Raw is not null and not RawObject)
        {
            input.Error("本指标由多个部分组成，请分别填写：" + string.Join("、", rule.Parts.Select(p => $"{input.Indicator}[{p.Name}]")));
            return RuleScore.Fail;
        }
        if (!RejectUnknownFields(input, rule.Parts.Select(p => p.Name), "组成部分")) return RuleScore.Fail;
        var failed = false;
        foreach (var part in rule.Parts)
        {
            var sub = input.Sub(part.Name);
            var r = Evaluate(part.Rule, sub, part.Points, part.Name);
            if (r.Flag == RuleFlag.Failed) { failed = true; continue; }
            var s = r.Score ?? 0;
            total += s;
            lines.Add($"{part.Name}：{r.Explanation}");
        }
        if (failed) return RuleScore.Fail;
        var text = string.Join("；", lines) + $"；合计 {Num(total)} 分";
        var score = Steps.Clamp(total, rule.Floor, rule.Cap, out var note);
        if (note is not null) text += "，" + note;
        return RuleScore.Of(score, text);
    }
}

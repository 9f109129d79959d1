using System.Diagnostics;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using static Kaohe.Core.Text.Fmt;

namespace Kaohe.Core.Text;

/// <summary>One-line Chinese descriptions of rules, as the paper form would print them in its 评分标准 column.</summary>
public static class RuleDescriber
{
    /// <summary>
    /// The whole scoring standard of an indicator: its rule, coefficients, conversion and limits. A form that says
    /// once that some rules are lost asks for the standard without that note (<paramref name="manualNote"/> false).
    /// </summary>
    public static string Describe(Indicator ind, bool manualNote = true)
    {
        var parts = new List<string> { Rule(ind.Rule, ind.Points) };
        foreach (var c in ind.Coefficients)
            parts.Add($"再乘以系数（按{c.Input}：{Bands(c.Bands, c.Unit, "", c.Gap)}）");
        if (ind.ConvertTo is { } to) parts.Add($"按 {Num(to)} 分折算");
        if (ind.Floor is not null || ind.Cap is not null) parts.Add(Limits(ind.Floor, ind.Cap, "本项"));
        if (ind.NotApplicable != NotApplicablePolicy.Error)
            parts.Add("不适用时" + ind.NotApplicable switch
            {
                NotApplicablePolicy.PeerAverage => "取同批平均分",
                NotApplicablePolicy.Full => "得满分",
                NotApplicablePolicy.Zero => "得 0 分",
                NotApplicablePolicy.Exclude => "不计，权重重新分配",
                _ => "",
            });
        if (ind.Unit == ScoreUnit.Yuan) parts.Add("结果为金额（元），不计入总分");
        if (ind.Manual && manualNote) parts.Add("原表规则丢失，人工录入");
        return string.Join("；", parts.Where(p => p.Length > 0));
    }

    /// <summary>A rule in one line.</summary>
    public static string Rule(Rule rule, decimal? points) => rule switch
    {
        GradeRule r => Grade(r),
        RatingRule r => Rating(r, points),
        ChecklistRule r => $"检查 {r.ElementCount} 项" + (r.Elements.IsEmpty ? "" : $"（{string.Join("、", r.Elements)}）") + $"，每完成一项得 {Num(r.PointsPerElement)} 分",
        ManualRule r => $"直接评定 {Num(r.Min)}–{Num(r.Max)} 分" + (r.Mean ? "，可录入多次取平均" : "") + (r.ExcludedRange is { } ex ? $"（不可取 {ex.Describe()}，0 除外）" : ""),
        VetoRule => "否决项：填“是”则本次考核结果无效",
        BaselineRule r => Baseline(r),
        BandRule r => BandRule(r),
        LinearRule r => Linear(r),
        UnitRule r => PerUnit(r),
        DeductionRule r => Deduction(r),
        StepRule r => StepsAround(r),
        AchievementRule r => $"得分 = {(r.Direction == Direction.HigherIsBetter ? "实际 / 目标" : "目标 / 实际")}" + (r.CapRatio is { } c ? $"（最高 {Pct(c * 100)}）" : "") + $" × {Num(r.Points)} 分" + NoData(r.NoData),
        OffsetRule r => Offset(r),
        FormulaRule r => $"按公式 {r.Expression} 计分（{string.Join("、", r.Inputs.Select(i => i.Name))}）" + LimitsSuffix(r.Floor, r.Cap),
        CompositeRule r => "由以下部分相加：" + string.Join("；", r.Parts.Select(p => $"{p.Name}" + (p.Points is { } pp ? $"（{Num(pp)} 分）" : "") + "：" + Rule(p.Rule, p.Points))) + LimitsSuffix(r.Floor, r.Cap),
        _ => throw new UnreachableException($"rule kind {rule.Kind}"),
    };

    private static string Grade(GradeRule r)
    {
        var options = string.Join("、", r.Options.Select(o =>
            o.IsFixed ? $"{o.Word} {Num(o.Min)} 分" : $"{o.Word} {Num(o.Min)}–{Num(o.Max)} 分" + (o.Default is { } d ? $"（默认 {Num(d)}）" : "")));
        return r.Multiple switch
        {
            MultipleGrades.Sum => $"可填多项，分值相加：{options}",
            MultipleGrades.Max => $"可填多项，取最高：{options}",
            _ => $"按等级评分：{options}",
        };
    }

    private static string Rating(RatingRule r, decimal? points) => $"评 {Num(r.Min)}–{Num(r.Max)} 级{(r.Integer ? "（整数）" : "")}，" + r.Mapping switch
    {
        RatingMapping.Proportional => $"得分 = 等级 / {Num(r.Max)} × {Num(points ?? r.Max)} 分",
        RatingMapping.Raw => "等级即得分",
        RatingMapping.ZeroBased => $"得分 = (等级 − {Num(r.Min)}) / ({Num(r.Max)} − {Num(r.Min)}) × {Num(points ?? r.Max)} 分",
        _ => throw new UnreachableException(),
    };

    private static string SourceWord(BaselineRule r) => r.Source switch
    {
        BaselineSource.HistoricalMin => "历史最低",
        BaselineSource.HistoricalMax => r.Direction == Direction.HigherIsBetter ? "历史最佳" : "历史最高",
        BaselineSource.PreviousPeriod => "上期",
        BaselineSource.SamePeriodLastYear => "去年同期",
        BaselineSource.Constant => $"基准 {V(r.Constant ?? 0, r.Unit)}",
        BaselineSource.Input => "基数",
        _ => throw new UnreachableException(),
    };

    private static string Baseline(BaselineRule r)
    {
        var step = r.Difference == DifferenceMode.Relative ? Num(r.Step, 4) + "%" : r.Unit == ValueUnit.Percent ? Num(r.Step, 4) + " 个百分点" : Num(r.Step, 4) + " ";
        var label = r.Label ?? "本项";
        var better = r.Direction == Direction.HigherIsBetter ? "高" : "低";
        var worse = r.Direction == Direction.HigherIsBetter ? "低" : "高";
        var text = $"{label}与{SourceWord(r)}比较（越{better}越好）：持平得 {Num(r.Base)} 分";
        text += r.UpPoints == 0 ? $"，{better}于基数不加分" : $"，每{better} {step}加 {Num(r.UpPoints)} 分";
        text += r.DownPoints == 0 ? $"，{worse}于基数不扣分" : $"，每{worse} {step}扣 {Num(r.DownPoints)} 分";
        text += $"（{Steps.Word(r.Rounding)}）";
        return text + LimitsSuffix(r.Floor, r.Cap) + NoData(r.NoData);
    }

    private static string BandRule(BandRule r)
    {
        var (measure, suffix) = r.Measure switch
        {
            BandMeasure.RatioToTarget => ("完成率（实际 / 目标）", "%"),
            BandMeasure.DifferenceFromBaseline => ("与基数之差", r.Unit == ValueUnit.Percent ? " 个百分点" : ""),
            _ => (r.Label ?? "数值", r.Unit == ValueUnit.Percent ? "%" : ""),
        };
        return $"按{measure}分档：{Bands(r.Bands, r.Unit, suffix, r.Gap)}" + NoData(r.NoData);
    }

    private static string Bands(IEnumerable<Band> bands, ValueUnit unit, string suffix, decimal gap)
    {
        if (suffix.Length == 0 && unit == ValueUnit.Percent) suffix = "%";
        var list = bands.Select(b => Range(b.Range, suffix) + " " + b.Outcome switch
        {
            FixedOutcome f => $"{Num(f.Points)} 分",
            ChoiceOutcome c => $"{Num(c.Min)}–{Num(c.Max)} 分（评分人选定）",
            LinearOutcome l => $"{Num(l.AtLower)}–{Num(l.AtUpper)} 分线性",
            ProportionalOutcome p => $"按比例 {Num(p.Points)} × 数值{(p.Reference == 100 && suffix == "%" ? "" : " / " + Num(p.Reference, 4))}",
            _ => throw new UnreachableException(),
        } + (b.Note is { } n ? $"（{n}）" : "")).ToList();
        var text = string.Join("；", list);
        return gap != 0 ? text + $"；其他 {Num(gap)} 分" : text;
    }

    private static string Linear(LinearRule r)
    {
        var target = r.Target is { } t ? $"目标 {V(t, r.Unit)}" : "目标";
        var text = $"完成率 = 实际 / {target}；达到 100% 得 {Num(r.Points)} 分";
        if (r.ExtraPerUnit is { } extra) text += $"，超出目标每 1 加 {Num(extra)} 分";
        else if (!r.Capped) text += "，超过按比例不封顶";
        if (r.Threshold > 0)
        {
            var x = Pct(r.Threshold * 100);
            text += r.Mode == LinearMode.Proportional
                ? $"；{x}–100% 按比例得分（{Num(r.Points)} × 完成率）"
                : $"；{x}–100% 线性得分（{x} 为 0 分）";
            text += $"；低于 {x} 得 {Num(r.BelowThreshold)} 分";
            if (r.Fallback is { } fb) text += $"（但{fb.Input}达到 {Num(fb.AtLeast)} 时得 {Num(fb.Points)} 分）";
        }
        else text += $"；不足 100% 按比例得分（{Num(r.Points)} × 完成率）";
        return text + NoData(r.NoData);
    }

    private static string PerUnit(UnitRule r)
    {
        var text = string.Join("，", r.Counters.Select(c => $"{c.Name}每 1 个{(c.PointsPerUnit >= 0 ? "加" : "扣")} {Num(Math.Abs(c.PointsPerUnit))} 分"));
        if (r.Base != 0) text = $"基础 {Num(r.Base)} 分，" + text;
        return text + LimitsSuffix(r.Floor, r.Cap, uncappedNote: true);
    }

    private static string Deduction(DeductionRule r)
    {
        var clauses = r.Clauses.Select(c => c.Name + " " + c.Mode switch
        {
            ClauseMode.PerOccurrence => c.Points >= 0 ? $"每次扣 {Num(c.Points)} 分" : $"每次加 {Num(-c.Points)} 分",
            ClauseMode.Once => c.Points >= 0 ? $"扣 {Num(c.Points)} 分" : $"加 {Num(-c.Points)} 分",
            ClauseMode.Ranged => $"每次扣 {Num(c.Min)}–{Num(c.Max)} 分（评分人选定）",
            ClauseMode.Amount => "扣分由评分人给出",
            ClauseMode.Table => string.Join("，", c.Table.Select(s => $"{Range(s.Range, "")} 扣 {Num(s.Points)} 分")),
            ClauseMode.PerQuantity => $"每 {Num(c.Step, 4)} 扣 {Num(c.Points)} 分（{Steps.Word(c.Rounding)}）",
            ClauseMode.AtLeast => $"发生即至少扣 {Num(c.Points)} 分",
            _ => throw new UnreachableException(),
        });
        var text = $"从 {Num(r.Start)} 分起扣：" + string.Join("；", clauses);
        if (r.MaxDeduction is { } max) text += $"；最多扣 {Num(max)} 分";
        if (r.Floor is { } floor) text += floor == 0 ? "；扣完为止" : $"；最低 {Num(floor)} 分";
        else text += "；可扣为负分";
        if (r.Cap is { } cap) text += $"；最高 {Num(cap)} 分";
        return text;
    }

    private static string StepsAround(StepRule r)
    {
        var pct = r.Unit == ValueUnit.Percent || r.Measure == BandMeasure.RatioToTarget;
        string U(decimal x) => pct ? Pct(x) : Num(x, 4);
        var unitWord = pct ? " 个百分点" : "";
        var measure = r.Measure == BandMeasure.RatioToTarget ? "完成率（实际 / 目标）" : r.Label ?? "数值";
        var pivot = r.Pivot is { } p ? U(p) : "目标";
        var text = $"{measure}达到 {pivot} 得 {Num(r.Above.Base)} 分";
        if (r.Above.StepSize != 0 && r.Above.PointsPerStep != 0) text += $"，每高 {Num(r.Above.StepSize, 4)}{unitWord}加 {Num(r.Above.PointsPerStep)} 分";
        text += $"；低于 {pivot}" + (r.Below.Base != r.Above.Base ? $"得 {Signed(r.Below.Base)} 分" : "");
        if (r.Below.StepSize != 0 && r.Below.PointsPerStep != 0) text += $"，每低 {Num(r.Below.StepSize, 4)}{unitWord}扣 {Num(r.Below.PointsPerStep)} 分";
        foreach (var g in r.Gates)
            text += $"；{(g.Below.Inclusive ? "不高于" : "低于")} {U(g.Below.Value)} 得 {Signed(g.Points)} 分";
        text += LimitsSuffix(r.Floor, r.Cap);
        if (r.CapWaiver is { } w) text += $"（{w.Input}达到 {Num(w.AtLeast)} 时不封顶）";
        return text + NoData(r.NoData);
    }

    private static string Offset(OffsetRule r) =>
        $"{r.First.Name}定额 {Num(r.First.Quota)}{r.First.UnitName}、{r.Second.Name}定额 {Num(r.Second.Quota)}{r.Second.UnitName}，" +
        $"不足可按 1 {r.First.UnitName}{r.First.Name} = {Num(r.Ratio, 4)} {r.Second.UnitName}{r.Second.Name} 互相抵补；达标得 {Num(r.Amount)} 元" +
        (r.First.ExtraPerUnit != 0 ? $"；{r.First.Name}超额每{r.First.UnitName} {Num(r.First.ExtraPerUnit)} 元" : "") +
        (r.Second.ExtraPerUnit != 0 ? $"；{r.Second.Name}超额每{r.Second.UnitName} {Num(r.Second.ExtraPerUnit)} 元" : "");

    private static string NoData(NoDataPolicy p) => p switch
    {
        NoDataPolicy.Base => "",
        NoDataPolicy.Full => "",
        NoDataPolicy.Zero => "；无数据得 0 分",
        NoDataPolicy.Exclude => "；无数据时不计",
        NoDataPolicy.Error => "；必须有数据",
        _ => "",
    };

    private static string LimitsSuffix(decimal? floor, decimal? cap, bool uncappedNote = false)
    {
        var text = Limits(floor, cap, "");
        if (cap is null && uncappedNote) text += (text.Length > 0 ? "，" : "") + "上不封顶";
        return text.Length == 0 ? "" : "；" + text;
    }

    private static string Limits(decimal? floor, decimal? cap, string subject)
    {
        var parts = new List<string>();
        if (cap is { } c) parts.Add($"{subject}最高 {Num(c)} 分");
        if (floor is { } f) parts.Add($"{subject}最低 {Num(f)} 分");
        return string.Join("，", parts);
    }

    /// <summary>An interval in the form's words; a single value as "= 2".</summary>
    private static string Range(Interval range, string suffix) =>
        range is { Lower: { Inclusive: true } lo, Upper: { Inclusive: true } hi } && lo.Value == hi.Value
            ? $"= {Num(lo.Value, 4)}{suffix}"
            : range.DescribeWords(suffix);

    private static string V(decimal v, ValueUnit unit) => unit == ValueUnit.Percent ? Pct(v) : Num(v, 4);

    /// <summary>How the scheme turns a total into money, in words.</summary>
    public static string Payout(PayoutRule p)
    {
        var basis = p.Base is { } b ? $"{Num(b)} 元" : "奖金基数（输入的“奖金基数”列）";
        return p switch
        {
            ProportionalPayout pp => $"奖金 = 总分 / {Num(pp.PerPoints)} × {basis}" + (pp.CapAtBase ? "，以基数封顶" : "") + "；总分不为正时为 0",
            BandedPayout bp => $"总分低于 {Num(bp.NoneBelow)} 分无奖金；≥ {Num(bp.FullFrom)} 分全额 {basis}；其间按 {basis} / {Num(bp.PerPoints)} × 总分",
            CoefficientPayout cp => $"实际奖金 = {basis} × ({Pct(cp.FixedShare * 100)} + {Pct((1 - cp.FixedShare) * 100)} × 系数 k)；" +
                                    (cp.Table.IsEmpty ? "k = 总分 / 100" : "k：" + string.Join("，", cp.Table.Select(r => $"≥ {Num(r.Min)} 分 {Num(r.Coefficient, 4)}"))),
            _ => p.Kind,
        };
    }

    /// <summary>The scheme's ranking with rewards and penalties, in words.</summary>
    public static string Ranking(RankingRule r)
    {
        var unit = r.ByPercentOf is not null ? "%" : " 分";
        var parts = new List<string> { r.ByPercentOf is { } of ? $"按得分率（总分 / {Num(of)}）排名" : "按总分排名，并列同名次" };
        if (r.TopReward is { } reward) parts.Add($"第一名且高于 {Num(r.TopAbove ?? 0)}{unit}奖励 {Num(reward)} 元");
        if (r.Penalty is { } pen && r.PenaltyBelow is { } below) parts.Add($"低于 {Num(below)}{unit}处罚 {Num(Math.Abs(pen))} 元");
        return string.Join("；", parts);
    }
    /// <summary>
    /// A consequence rule over published results (GR-01, GR-02) in words: "连续 2 次考核结果在不合格及以下：警告或罚款；第 3 次：
    /// 考虑调整工作岗位或解除劳动合同", "连续两个季度或全年累计三个季度在 B- 及以下：年度绩效不得高于 B-".
    /// </summary>
    public static string Consequence(ConsequenceRule rule) => rule switch
    {
        PoorStreakRule p =>
            $"连续 {p.WarnAfter} 次考核结果在{HistoryRules.Spaced(ConsecutivePeriods.Normalize(p.PoorAtOrBelow))}及以下：{HistoryRules.WarningTitle}；" +
            $"{(p.CumulativeReview ? "累计第" : "第")} {p.ReviewAfter} 次：{HistoryRules.ReviewTitle}" +
            (p.MissingBreaks ? "（无已发布结果的期间中断连续）" : ""),
        AnnualCapRule a =>
            $"连续{HistoryRules.Count(a.Adjacent)}个季度或全年累计{HistoryRules.Count(a.Cumulative)}个季度在{HistoryRules.Spaced(ConsecutivePeriods.Normalize(a.Threshold))}及以下：" +
            HistoryRules.CapTitle(ConsecutivePeriods.Normalize(a.Threshold)) +
            string.Concat(
                a.SkipNotAssessed ? "" : "（不考核的季度中断连续）",
                a.CrossYear ? "（上年第四季度与本年第一季度视为相邻）" : ""),
        _ => rule.Kind,
    };
}

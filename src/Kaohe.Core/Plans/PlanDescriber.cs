namespace Kaohe.Core.Plans;

/// <summary>A key-account plan's rules in Chinese, with its parameters, as a clerk would read them.</summary>
public static class PlanDescriber
{
    /// <summary>One sentence per rule.</summary>
    public static IReadOnlyList<string> Describe(KeyAccountPlan p)
    {
        var lines = new List<string>();
        var q = p.Quarter;
        lines.Add(p.Divisor == 1m ? "回款不除税" : $"回款先除以 {PlanText.Num(p.Divisor)}（去除增值税）再计提");
        lines.Add(p.BaseRatio is { } r ? $"基数 = 目标 × {PlanText.Rate(r)}（输入中也可直接填写基数）" : "每季度的基数需在输入中填写");
        lines.Add(q.BelowBaseRate is { } b ? $"未完成基数：按 {PlanText.Rate(b)} 计提" : "未完成基数：当季不计提奖金");
        lines.Add($"完成基数：按 {PlanText.Rate(q.InTargetRate)} 计提" + (q.BelowBaseRate is not null
            ? (q.Mode == RateMode.Whole ? "（全额累进：整个完成额按所达档次的比率）" : "（超额累进：基数以内按低档比率，以上按高档比率）") : ""));
        lines.Add(q.OverTarget == OverTargetInQuarter.Carry ? "超过季度目标：当季只按目标计提，超出部分转入下季" : "超过季度目标：超出部分当季按目标内比率计提");
        if (q.Cap is { } cap)
            lines.Add($"超过季度封顶额 {PlanText.Yuan(cap)}：目标 × {PlanText.Rate(q.InTargetRate)} + ({PlanText.Yuan(q.CapFormulaAmount ?? cap)} − 目标) × {PlanText.Rate(q.OverTargetRate)}，超出封顶额部分转入下季"
                      + (q.CapWithShortfall == CapWithShortfall.Carry ? "；此前有未补足季度时按目标计提" : "；此前有未补足季度时补足后同样适用"));
        if (q.BigTicket is { } big)
            lines.Add($"单笔超过 {PlanText.Yuan(big.Threshold)} 的金额占完成额 {PlanText.Rate(big.Share)} 以上且完成基数：全额按 {PlanText.Rate(q.InTargetRate)} 计提"
                      + (big.Fallback == BigTicketFallback.Usual ? "；未达到时原文残缺，按常规比率" : "；未达到时原文残缺，不予计算"));
        lines.Add(p.Shortfall.Mode switch
        {
            ShortfallMode.Net => "未完成基数的差额从下季度完成额中先扣除补足，余额作为下季度完成额",
            ShortfallMode.Fifo => "未完成基数的差额用以后季度超出基数的部分按先后顺序补足",
            _ => "未完成基数的差额不需补足",
        } + (p.Shortfall.BackPay ? (p.Shortfall.BackPayBasis == BackPayBasis.FilledBase ? "；补足后补发该季度基数的奖金" : "；补足后按补足的金额补发奖金") : ""));
        lines.Add(p.FloatingWage.Condition switch
        {
            FloatingWageCondition.None => "浮动工资不与完成情况挂钩",
            FloatingWageCondition.Base => "未完成基数不发当季浮动工资",
            _ => "未完成目标不发当季浮动工资",
        } + (p.FloatingWage.Condition != FloatingWageCondition.None ? (p.FloatingWage.BackPayOnMakeUp ? "，差额补足的季度补发" : "，不补发") : ""));
        if (p.BelowBasePenalty > 0) lines.Add($"未完成基数扣发当季固定工资 {PlanText.Yuan(p.BelowBasePenalty)}");
        var a = p.Annual;
        lines.Add(a.Mode == AnnualMode.None
            ? "年终不另行结算"
            : $"年终按全年完成额结算：未完成年度基数 {PlanText.Rate(a.BelowBaseRate)}，完成基数 {PlanText.Rate(a.InTargetRate)}"
              + $"{(a.RateMode == RateMode.Whole ? "（全额）" : "（超额累进）")}，超年度目标部分 {PlanText.Rate(a.OverTargetRate)}，与各季已计提的差额年终调整"
              + (a.KpiOnTrueUp ? "（按全年平均 KPI奖金系数折算）" : ""));
        lines.Add(a.Clawback switch
        {
            ClawbackPolicy.Offset => "年终多发的部分从以后的奖金中扣回",
            ClawbackPolicy.Refund => "年终多发的部分应退回",
            _ => "年终多发的部分不追回",
        });
        lines.Add(a.YearEnd == YearEnd.Settle ? "年末转入额和未补足差额在年终结算中了结" : "年末转入额和未补足差额带入下一年");
        var k = p.Kpi;
        lines.Add($"实际奖金 = 计提奖金 × ({PlanText.Rate(k.FixedShare)} + {PlanText.Rate(1m - k.FixedShare)} × KPI奖金系数)");
        if (k.Raters.Count > 0) lines.Add("KPI得分 = " + string.Join(" + ", k.Raters.Select(x => $"{x.Name}评分 × {PlanText.Rate(x.Weight)}")));
        lines.Add(k.Bands.Count == 0 ? "KPI奖金系数 = KPI得分 ÷ 100（集团标准未给出，暂以此代替）"
            : "KPI奖金系数：" + string.Join("；", k.Bands.OrderByDescending(x => x.MinScore).Select(x => $"{PlanText.Num(x.MinScore)} 分及以上 {PlanText.Num(x.Coefficient)}")));
        foreach (var (type, name) in RevenueTypes.All)
            if (p.Revenue.Treatments.TryGetValue(type, out var t))
                lines.Add($"{name}：" + (t.TaskFactor == 0 ? "不计入任务额" : t.TaskFactor == 1 ? "计入任务额" : $"按 {PlanText.Rate(t.TaskFactor)} 计入任务额")
                          + (t.EngineBonus ? "，按任务比率计奖" : t.SeparateRate is { } sr ? $"，另按 {PlanText.Rate(sr)} 计奖" : "，不计奖"));
        if (p.Revenue.NetOfCosts) lines.Add("回款扣除合作伙伴分利、销售费用、大额招待费、项目差旅费后计业绩");
        if (p.Revenue.JointSplit is { } j)
            lines.Add($"联合销售：收款方得 {PlanText.Rate(j.CollectorShare)}，另一方得 {PlanText.Rate(1m - j.CollectorShare)}" + (j.TobaccoToSigner ? "；烟草合同不分成，归签约方" : ""));
        if (p.Revenue.ImplementationFloor is { } f) lines.Add($"实施收入不能低于合同总价的 {PlanText.Rate(f)}（低于时提示）");
        if (p.Revenue.DatabasePerSet is { } d) lines.Add($"数据库每套 {PlanText.Yuan(d)}，按费用报销");
        if (p.Revenue.StandardQuoteTransfer) lines.Add("实施收入低于标准报价时，从产品收入划拨差额作实施收入");
        if (p.Revenue.SecondaryDevelopmentAtMargin) lines.Add("二次开发收入按毛利计入");
        lines.Add(p.Revenue.Split == ContributionSplit.Revenue ? "多人参与的项目按贡献比例分配收入（奖金随收入计算）" : "多人参与的项目收入全额计入各人任务额，奖金按贡献比例分配");
        if (p.GradeMoves != HalfYear.None)
            lines.Add((p.GradeMoves == HalfYear.Calendar ? "每半年（第二、四季度末）" : "每季度末按近两个季度")
                      + "：完成额低于基数之和降一级工资；补足以前差额且本季完成目标升一级工资");
        if (p.Annual.OverTargetBands is { Count: > 0 } bands)
            lines.Add("年度超目标部分差额累进：" + string.Join("；", bands.OrderBy(b => b.AboveRatio).Select(b => $"完成率 {PlanText.Rate(b.AboveRatio)} 以上的部分 {PlanText.Rate(b.Rate)}")));
        if (p.NewHireFirstQuarterFree) lines.Add("新业务员第一个季度不承担任务");
        return lines;
    }
}

namespace Kaohe.Core.Plans;

/// <summary>What a careful clerk would point out about a key-account plan's settings (Chinese findings; not errors).</summary>
public static class PlanLint
{
    /// <summary>The findings, in a stable order.</summary>
    public static IReadOnlyList<string> Check(KeyAccountPlan p)
    {
        var findings = new List<string>();
        var q = p.Quarter;
        if (p.Kpi.Bands.Count == 0)
            findings.Add("未设置 KPI奖金系数表：按 KPI得分 ÷ 100 折算，这只是占位，请按集团标准设置系数表");
        if (q.BelowBaseRate is { } below && below > q.InTargetRate)
            findings.Add($"未完成基数的比率 {PlanText.Rate(below)} 高于目标内比率 {PlanText.Rate(q.InTargetRate)}");
        if (q.Cap is { } cap && q.CapFormulaAmount is { } formula && formula != cap)
            findings.Add($"超额奖按 {PlanText.Yuan(formula)} 而不是封顶额 {PlanText.Yuan(cap)} 计算：目标高于 {PlanText.Yuan(formula)} 时超额奖为负数");
        if (q.Cap is not null && q.OverTargetRate < q.InTargetRate)
            findings.Add($"超目标比率 {PlanText.Rate(q.OverTargetRate)} 低于目标内比率 {PlanText.Rate(q.InTargetRate)}");
        if (q.OverTarget == OverTargetInQuarter.Carry && p.Annual.Mode == AnnualMode.None && p.Annual.YearEnd == YearEnd.Settle)
            findings.Add("超目标部分转入下季，但年终既不结算也不带入下年：第四季度的转入额会被丢弃");
        if (p.Annual.Mode == AnnualMode.Progressive && p.Annual.OverTargetRate < p.Annual.InTargetRate)
            findings.Add($"年度超目标比率 {PlanText.Rate(p.Annual.OverTargetRate)} 低于目标内比率 {PlanText.Rate(p.Annual.InTargetRate)}");
        if (p.Shortfall.Mode == ShortfallMode.None && p.FloatingWage.BackPayOnMakeUp)
            findings.Add("没有差额补足规则，却规定浮动工资在补足的季度补发：将在下一个完成基数的季度补发");
        foreach (var (type, name) in RevenueTypes.All)
            if (p.Revenue.Treatments.TryGetValue(type, out var t) && t.TaskFactor > 0 && !t.EngineBonus && t.SeparateRate is null && type != RevenueType.NotInFunnel)
                findings.Add($"“{name}”计入任务额但不计奖");
        return findings;
    }
}

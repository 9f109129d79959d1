using Kaohe.Core.Text;

namespace Kaohe.Core.Plans;

public static partial class LedgerEngine
{
    /// <summary>A quarter below its base: no bonus, or the whole (net-of-task-only) amount at the below-base rate.</summary>
    private static decimal BelowBase(KeyAccountPlan plan, decimal amount, decimal x, decimal baseAmount, decimal taskOnly, List<string> notes)
    {
        if (plan.Quarter.BelowBaseRate is not { } rate)
        {
            notes.Add($"完成额 {PlanText.Yuan(x)} 低于基数 {PlanText.Yuan(baseAmount)}，本季不计提奖金");
            return 0m;
        }
        var eligible = Math.Max(0m, amount - taskOnly);
        var bonus = eligible * rate / plan.Divisor;
        notes.Add($"完成额 {PlanText.Yuan(x)} 低于基数 {PlanText.Yuan(baseAmount)}，按 {PlanText.Rate(rate)} 计提："
                  + $"{PlanText.Yuan(eligible)}{TaskOnlyText(amount, taskOnly)}{DivText(plan.Divisor)} × {PlanText.Rate(rate)} = {PlanText.Yuan(bonus)}");
        return bonus;
    }

    private static string TaskOnlyText(decimal amount, decimal taskOnly) =>
        taskOnly > 0 ? $"（{PlanText.Yuan(amount)} 减只计任务不计奖的 {PlanText.Yuan(taskOnly)}）" : "";

    /// <summary>A quarter at or above its base: what is credited at which rate, what goes over target, and what is carried.</summary>
    private static (decimal Engine, decimal Carry) Reached(
        KeyAccountPlan plan, bool newHire, decimal amount, decimal x, decimal baseAmount, decimal target, decimal taskOnly,
        bool hadShortfall, decimal? bigShare, List<string> notes, List<(string, string)> problems)
    {
        var rules = plan.Quarter;
        var divisor = plan.Divisor;
        decimal credit, over = 0, carry = 0;
        if (newHire)
        {
            credit = amount;
        }
        else if (rules.Cap is { } cap && amount > cap && (!hadShortfall || rules.CapWithShortfall == CapWithShortfall.Progressive))
        {
            credit = target;
            var formulaCap = rules.CapFormulaAmount ?? cap;
            over = (formulaCap - target) * rules.OverTargetRate;
            carry = amount - cap;
            notes.Add($"完成额 {PlanText.Yuan(amount)} 超过季度封顶额 {PlanText.Yuan(cap)}：目标内 {PlanText.Yuan(target)} × {PlanText.Rate(rules.InTargetRate)}，"
                      + $"超目标部分 ({PlanText.Yuan(formulaCap)} − {PlanText.Yuan(target)}) × {PlanText.Rate(rules.OverTargetRate)} = {PlanText.Yuan(over / divisor)}；"
                      + $"超出封顶额的 {PlanText.Yuan(carry)} 转入下季");
        }
        else if (amount > target)
        {
            if (rules.OverTarget == OverTargetInQuarter.Carry)
            {
                credit = target;
                carry = amount - target;
                notes.Add($"完成额 {PlanText.Yuan(amount)} 超过目标，当季只按目标 {PlanText.Yuan(target)} 计提，超出的 {PlanText.Yuan(carry)} 转入下季");
            }
            else
            {
                credit = amount;
                notes.Add($"完成额 {PlanText.Yuan(amount)} 超过目标 {PlanText.Yuan(target)}，超出部分当季按目标内比率计提");
            }
        }
        else credit = amount;

        var mode = rules.Mode;
        if (rules.BigTicket is { } bigRule && bigShare is { } share && !newHire)
        {
            if (share >= bigRule.Share)
            {
                mode = RateMode.Whole;
                notes.Add($"单笔超过 {PlanText.Yuan(bigRule.Threshold)} 的金额占 {PlanText.Rate(share)}，不低于 {PlanText.Rate(bigRule.Share)} 且已完成基数，全额按 {PlanText.Rate(rules.InTargetRate)} 计提");
            }
            else if (bigRule.Fallback == BigTicketFallback.Refuse)
            {
                problems.Add(("单笔金额", $"单笔超过 {PlanText.Yuan(bigRule.Threshold)} 的金额只占 {PlanText.Rate(share)}，低于 {PlanText.Rate(bigRule.Share)}；原方案此种情形的条文残缺，无法计算"));
                return (0m, 0m);
            }
            else
                notes.Add($"单笔超过 {PlanText.Yuan(bigRule.Threshold)} 的金额只占 {PlanText.Rate(share)}，低于 {PlanText.Rate(bigRule.Share)}；原方案此种情形的条文残缺，暂按常规比率计提");
        }

        var eligible = Math.Max(0m, credit - taskOnly);
        decimal inPart;
        string how;
        if (newHire || mode == RateMode.Whole || rules.BelowBaseRate is null)
        {
            inPart = eligible * rules.InTargetRate;
            how = $"{PlanText.Yuan(eligible)}{TaskOnlyText(credit, taskOnly)}{DivText(divisor)} × {PlanText.Rate(rules.InTargetRate)}";
        }
        else
        {
            var low = Math.Min(eligible, baseAmount);
            var high = eligible - low;
            inPart = low * rules.BelowBaseRate.Value + high * rules.InTargetRate;
            how = $"({PlanText.Yuan(low)} × {PlanText.Rate(rules.BelowBaseRate.Value)} + {PlanText.Yuan(high)} × {PlanText.Rate(rules.InTargetRate)}){TaskOnlyText(credit, taskOnly)}{DivText(divisor)}";
        }
        var inBonus = inPart / divisor;
        notes.Add($"完成额 {PlanText.Yuan(x)} 达到基数，计提 {how} = {PlanText.Yuan(inBonus)}");
        return (inBonus + over / divisor, carry);
    }

    /// <summary>Pays, withholds or pays back the floating wage and returns the quarter's line.</summary>
    private static FloatingWageLine FloatingWage(
        KeyAccountPlan plan, QuarterInput q, int year, bool reached, decimal x, decimal target,
        List<OpenShortfall> madeUp, List<WithheldWage> withheld, List<string> notes)
    {
        var rules = plan.FloatingWage;
        var fw = q.FloatingWage;
        var ok = rules.Condition switch
        {
            FloatingWageCondition.None => true,
            FloatingWageCondition.Base => reached,
            _ => q.NewHire || (reached && x >= target),
        };
        decimal backPaid = 0;
        if (rules.BackPayOnMakeUp && reached)
        {
            var due = plan.Shortfall.Mode == ShortfallMode.Fifo
                ? withheld.Where(w => madeUp.Any(m => m.Year == w.Year && m.Quarter == w.Quarter)).ToList()
                : withheld.ToList();
            foreach (var w in due)
            {
                backPaid += w.Amount;
                withheld.Remove(w);
                notes.Add($"补发 {w.Year}年第{w.Quarter}季度暂扣的浮动工资 {PlanText.Yuan(w.Amount)}");
            }
        }
        if (ok) return new FloatingWageLine(fw + backPaid, 0m, backPaid);
        if (fw > 0 || rules.Condition != FloatingWageCondition.None)
        {
            var why = rules.Condition == FloatingWageCondition.Base ? "未完成基数" : "未完成目标";
            if (rules.BackPayOnMakeUp)
            {
                if (fw > 0) withheld.Add(new WithheldWage(year, q.Quarter, fw));
                notes.Add($"{why}，暂不发放当季浮动工资{(fw > 0 ? " " + PlanText.Yuan(fw) : "")}，补足差额的季度再发");
            }
            else notes.Add($"{why}，不发当季浮动工资{(fw > 0 ? " " + PlanText.Yuan(fw) : "")}");
        }
        return new FloatingWageLine(backPaid, fw, backPaid);
    }

    /// <summary>The annual excess above target: one rate, or 差额累进 bands measured as completion of the year's target.</summary>
    private static (decimal Bonus, string How) OverTargetBonus(AnnualRules rules, decimal excess, decimal target)
    {
        var bands = rules.OverTargetBands ?? [];
        if (bands.Count == 0 || excess <= 0)
            return (excess * rules.OverTargetRate, $"超目标 {PlanText.Yuan(excess)} × {PlanText.Rate(rules.OverTargetRate)}");
        var edges = new List<(decimal From, decimal Rate)> { (0m, rules.OverTargetRate) };
        edges.AddRange(bands.OrderBy(b => b.AboveRatio).Select(b => (Math.Max(0m, (b.AboveRatio - 1m) * target), b.Rate)));
        decimal bonus = 0;
        var parts = new List<string>();
        for (var i = 0; i < edges.Count; i++)
        {
            var from = edges[i].From;
            var to = i + 1 < edges.Count ? edges[i + 1].From : decimal.MaxValue;
            var slice = Math.Max(0m, Math.Min(excess, to) - from);
            if (slice <= 0) continue;
            bonus += slice * edges[i].Rate;
            parts.Add($"{PlanText.Yuan(slice)} × {PlanText.Rate(edges[i].Rate)}");
        }
        return (bonus, "超目标（差额累进）" + string.Join(" + ", parts));
    }

    /// <summary>
    /// The year-end settlement from the state after the year's last quarter: the annual entitlement, the true-up against
    /// the quarterly accruals (with the clawback policy and, when the plan says so, the year's mean KPI factor), and the
    /// state that starts the next year.
    /// </summary>
    public static (AnnualLine Annual, LedgerState Next) Settle(KeyAccountPlan plan, LedgerState state)
    {
        var rules = plan.Annual;
        var sums = state.Sums;
        var notes = new List<string>();
        decimal annualEngine;
        if (rules.Mode == AnnualMode.None)
        {
            annualEngine = sums.EngineAccrued;
            notes.Add($"本方案年终不另行结算，全年计提为各季之和 {PlanText.Yuan(annualEngine)}");
        }
        else
        {
            var a = sums.Task;
            var inPart = Math.Max(0m, Math.Min(a, sums.Target));
            var overPart = Math.Max(0m, a - sums.Target);
            var eligibleIn = Math.Max(0m, inPart - sums.TaskOnly);
            var eligibleOver = Math.Max(0m, overPart - Math.Max(0m, sums.TaskOnly - inPart));
            decimal inBonus;
            string how;
            if (rules.RateMode == RateMode.Whole)
            {
                var rate = a < sums.Base ? rules.BelowBaseRate : rules.InTargetRate;
                inBonus = eligibleIn * rate;
                how = $"目标内 {PlanText.Yuan(eligibleIn)} × {PlanText.Rate(rate)}";
            }
            else
            {
                var low = Math.Min(eligibleIn, sums.Base);
                inBonus = low * rules.BelowBaseRate + (eligibleIn - low) * rules.InTargetRate;
                how = $"目标内 {PlanText.Yuan(low)} × {PlanText.Rate(rules.BelowBaseRate)} + {PlanText.Yuan(eligibleIn - low)} × {PlanText.Rate(rules.InTargetRate)}";
            }
            var (overBonus, overHow) = OverTargetBonus(rules, eligibleOver, sums.Target);
            annualEngine = (inBonus + overBonus) / plan.Divisor;
            notes.Add($"全年完成任务额 {PlanText.Yuan(a)}，年度基数 {PlanText.Yuan(sums.Base)}，年度目标 {PlanText.Yuan(sums.Target)}"
                      + (sums.TaskOnly > 0 ? $"（其中只计任务不计奖 {PlanText.Yuan(sums.TaskOnly)}）" : ""));
            notes.Add($"年度计提 = ({how}" + (overPart > 0 ? " + " + overHow : "")
                      + $"){DivText(plan.Divisor)} = {PlanText.Yuan(annualEngine)}");
        }
        var annualR = Fmt.Money(annualEngine);
        var trueUp = annualR - sums.EngineAccrued;
        notes.Add($"各季已计提 {PlanText.Yuan(sums.EngineAccrued)}，年终调整 {PlanText.Yuan(annualR)} − {PlanText.Yuan(sums.EngineAccrued)} = {PlanText.Yuan(trueUp)}");
        if (trueUp < 0 && rules.Clawback == ClawbackPolicy.Floor)
        {
            notes.Add("多发部分不追回，年终调整按 0 计");
            trueUp = 0;
        }
        var kbar = sums.Quarters > 0 ? sums.KpiSum / sums.Quarters : 1m;
        var factor = rules.KpiOnTrueUp ? plan.Kpi.FixedShare + (1m - plan.Kpi.FixedShare) * kbar : 1m;
        var trueUpActual = Fmt.Money(trueUp * factor);
        if (rules.KpiOnTrueUp && trueUp != 0)
            notes.Add($"年终调整按全年平均 KPI奖金系数 {PlanText.Num(kbar)} 折算：{PlanText.Yuan(trueUp)} × ({PlanText.Rate(plan.Kpi.FixedShare)} + {PlanText.Rate(1m - plan.Kpi.FixedShare)} × {PlanText.Num(kbar)}) = {PlanText.Yuan(trueUpActual)}");
        var clawback = state.Clawback;
        if (trueUpActual < 0)
        {
            if (rules.Clawback == ClawbackPolicy.Offset)
            {
                clawback += -trueUpActual;
                notes.Add($"多发的 {PlanText.Yuan(-trueUpActual)} 从以后的奖金中扣回");
            }
            else notes.Add($"多发的 {PlanText.Yuan(-trueUpActual)} 应退回");
        }
        if (sums.SeparateAccrued != 0)
            notes.Add($"按收入类型另计的奖金 {PlanText.Yuan(sums.SeparateAccrued)} 已在各季计提，不参与年终调整；全年计提共 {PlanText.Yuan(annualR + sums.SeparateAccrued)}");
        var carry = state.Carry;
        var shortfalls = state.Shortfalls;
        if (rules.YearEnd == YearEnd.Settle)
        {
            if (carry != 0 || shortfalls.Count > 0) notes.Add("年末的转入额和未补足差额已在年度结算中计算，不带入下年");
            carry = 0;
            shortfalls = [];
        }
        else if (carry != 0 || shortfalls.Count > 0)
            notes.Add($"年末转入额 {PlanText.Yuan(carry)}、未补足差额 {PlanText.Yuan(state.OutstandingShortfall)} 带入下年");
        var annual = new AnnualLine(annualR + sums.SeparateAccrued, sums.EngineAccrued + sums.SeparateAccrued, trueUp, trueUpActual, clawback, notes);
        var next = new LedgerState(state.Year + 1, 0, carry, shortfalls, state.Withheld, clawback, YearSums.Empty);
        return (annual, next);
    }
}

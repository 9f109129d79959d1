using Kaohe.Core.Text;

namespace Kaohe.Core.Plans;

/// <summary>One person's computed ledger, or the problems of their input.</summary>
/// <param name="Ledger">The ledger, when there was no problem.</param>
/// <param name="Problems">Every problem found.</param>
public sealed record LedgerOutcome(PersonLedger? Ledger, IReadOnlyList<LedgerProblem> Problems);

/// <summary>
/// The quarterly ledger of a key-account plan: quarter by quarter from an explicit <see cref="LedgerState"/>
/// (<see cref="Step"/>), and the year-end settlement (<see cref="Settle"/>). Pure: data in, data out.
/// </summary>
/// <remarks>
/// Rounding: a quarter's engine accrual, its bonuses outside the engine, its actual payout and the true-up are rounded to
/// 0.01 元 half-up — they are booked or paid. Revenue, carry and shortfall stay exact.
/// </remarks>
public static partial class LedgerEngine
{
    /// <summary>Computes a person's quarters in order from <paramref name="start"/> (a fresh year by default), and the settlement when the fourth quarter is in.</summary>
    public static LedgerOutcome Run(KeyAccountPlan plan, PersonLedgerInput person, LedgerState? start = null)
    {
        var who = person.Id.Length > 0 ? $"{person.Name}（{person.Id}）" : person.Name;
        var problems = new List<LedgerProblem>();
        var state = start ?? LedgerState.Start(person.Year);
        if (state.Year != person.Year)
            problems.Add(new(who, "", "年度", $"上一状态属于 {state.Year} 年，不能接着计算 {person.Year} 年"));
        if (person.Periods.Count == 0) problems.Add(new(who, "", "季度", "没有任何季度的数据"));
        var last = state.LastQuarter;
        foreach (var q in person.Periods)
        {
            var period = $"{person.Year}Q{q.Quarter}";
            if (q.Quarter is < 1 or > 4) problems.Add(new(who, period, "季度", $"季度应为 1 到 4，实为 {q.Quarter}"));
            else if (q.Quarter <= state.LastQuarter) problems.Add(new(who, period, "季度", $"第 {q.Quarter} 季度已结算，只能从第 {state.LastQuarter + 1} 季度起计算"));
            else if (q.Quarter <= last) problems.Add(new(who, period, "季度", "季度重复或顺序颠倒"));
            else last = q.Quarter;
        }
        if (problems.Count > 0) return new(null, problems);

        var lines = new List<PeriodLine>();
        foreach (var q in person.Periods)
        {
            var stepProblems = new List<(string Field, string Message)>();
            var (line, next) = Step(plan, state, q, stepProblems);
            var period = $"{person.Year}Q{q.Quarter}";
            problems.AddRange(stepProblems.Select(p => new LedgerProblem(who, period, p.Field, p.Message)));
            if (line is null) continue;
            lines.Add(line);
            state = next;
        }
        if (problems.Count > 0) return new(null, problems);
        AnnualLine? annual = null;
        if (state.LastQuarter == 4) (annual, state) = Settle(plan, state);
        return new(new PersonLedger(person.Name, person.Id, lines, annual, state), []);
    }

    /// <summary>
    /// One quarter from the state the previous quarter left (or a frozen quarter's state). Returns no line when the input
    /// has problems (added to <paramref name="problems"/> as field and message).
    /// </summary>
    public static (PeriodLine? Line, LedgerState State) Step(KeyAccountPlan plan, LedgerState state, QuarterInput q, List<(string Field, string Message)> problems)
    {
        var before = problems.Count;
        var year = state.Year;
        var credited = Crediting.Credit(plan.Revenue, q, problems);
        var (kpiScore, k, kpiNote) = Kpi.Resolve(plan.Kpi, q.Kpi, problems);
        var target = q.Target;
        decimal baseAmount;
        if (q.Base is { } b) baseAmount = b;
        else if (plan.BaseRatio is { } ratio) baseAmount = target * ratio;
        else { problems.Add(("基数", "本方案没有基数比例，需填写基数")); baseAmount = 0; }
        if (q.NewHire)
        {
            if (!plan.NewHireFirstQuarterFree) problems.Add(("新业务员", "本方案没有新业务员首季不承担任务的规定"));
            target = 0; baseAmount = 0;
        }
        if (target < 0) problems.Add(("目标", "不能为负数"));
        if (baseAmount < 0) problems.Add(("基数", "不能为负数"));
        if (baseAmount > target) problems.Add(("基数", $"基数 {PlanText.Yuan(baseAmount)} 高于目标 {PlanText.Yuan(target)}"));
        if (plan.Quarter.Cap is { } capCheck && target >= capCheck)
            problems.Add(("目标", $"目标 {PlanText.Yuan(target)} 不低于季度封顶额 {PlanText.Yuan(capCheck)}，本方案的超额算法不成立"));
        if (q.FloatingWage < 0) problems.Add(("浮动工资", "不能为负数"));
        var big = BigShare(plan.Quarter.BigTicket, q.Deals);
        if (problems.Count > before) return (null, state);

        var notes = new List<string>(credited.Notes);
        var r = credited.Task;
        var taskOnly = credited.TaskOnly;
        var divisor = plan.Divisor;
        var carryIn = state.Carry;
        var shortfalls = state.Shortfalls.ToList();
        var withheld = state.Withheld.ToList();
        var hadShortfall = shortfalls.Count > 0;
        var x0 = r + carryIn;
        notes.Add(q.NewHire
            ? $"新业务员首季不承担任务（基数、目标为 0），本季完成额 {PlanText.Yuan(x0)}"
            : $"本季任务额 {PlanText.Yuan(r)}" + (carryIn != 0 ? $"，加上季转入 {PlanText.Yuan(carryIn)}，共 {PlanText.Yuan(x0)}" : "")
              + $"；基数 {PlanText.Yuan(baseAmount)}，目标 {PlanText.Yuan(target)}");

        // Make-up of earlier shortfalls.
        decimal x, amount, filled = 0, backPayBasis = 0;
        bool reached;
        var madeUp = new List<OpenShortfall>();
        switch (plan.Shortfall.Mode)
        {
            case ShortfallMode.Net:
            {
                var open = state.OutstandingShortfall;
                x = x0 - open;
                if (open != 0) notes.Add($"先补此前未完成基数的差额 {PlanText.Yuan(open)}，完成额为 {PlanText.Yuan(x)}");
                reached = x >= baseAmount;
                if (reached)
                {
                    filled = open;
                    madeUp.AddRange(shortfalls);
                    backPayBasis = shortfalls.Sum(s => plan.Shortfall.BackPayBasis == BackPayBasis.FilledBase ? s.Base : s.Missing);
                    shortfalls.Clear();
                }
                else shortfalls = [new OpenShortfall(year, q.Quarter, baseAmount, baseAmount - x, baseAmount - x)];
                amount = x;
                break;
            }
            case ShortfallMode.Fifo:
            {
                x = x0;
                reached = x >= baseAmount;
                if (reached)
                {
                    var excess = x - baseAmount;
                    var kept = new List<OpenShortfall>();
                    foreach (var s in shortfalls)
                    {
                        var use = Math.Min(excess, s.Remaining);
                        excess -= use;
                        filled += use;
                        if (use == s.Remaining)
                        {
                            madeUp.Add(s);
                            backPayBasis += plan.Shortfall.BackPayBasis == BackPayBasis.FilledBase ? s.Base : s.Missing;
                            notes.Add($"超出基数的部分补足 {s.Year}年第{s.Quarter}季度的基数差额 {PlanText.Yuan(use)}，该季度已补足");
                        }
                        else
                        {
                            kept.Add(s with { Remaining = s.Remaining - use });
                            if (use > 0) notes.Add($"超出基数的部分补 {s.Year}年第{s.Quarter}季度的基数差额 {PlanText.Yuan(use)}，尚差 {PlanText.Yuan(s.Remaining - use)}");
                        }
                    }
                    shortfalls = kept;
                    amount = excess + baseAmount;
                    if (filled != 0) notes.Add($"补差后余额 {PlanText.Yuan(excess)} 加当季基数 {PlanText.Yuan(baseAmount)}，计 {PlanText.Yuan(amount)}");
                }
                else
                {
                    shortfalls.Add(new OpenShortfall(year, q.Quarter, baseAmount, baseAmount - x, baseAmount - x));
                    amount = x;
                }
                break;
            }
            default:
                x = x0;
                reached = x >= baseAmount;
                amount = x;
                break;
        }

        var (engine, carryOut) = reached
            ? Reached(plan, q.NewHire, amount, x, baseAmount, target, taskOnly, hadShortfall, big, notes, problems)
            : (BelowBase(plan, amount, x, baseAmount, taskOnly, notes), 0m);
        if (problems.Count > before) return (null, state);
        var penalty = 0m;
        if (!reached)
        {
            notes.Add($"与基数的差额 {PlanText.Yuan(baseAmount - x)} 需用以后季度的完成额补足");
            if (plan.BelowBasePenalty > 0)
            {
                penalty = plan.BelowBasePenalty;
                notes.Add($"未完成基数，扣发当季固定工资 {PlanText.Yuan(penalty)}");
            }
        }

        var backPay = 0m;
        if (plan.Shortfall.BackPay && madeUp.Count > 0)
        {
            backPay = backPayBasis * plan.Quarter.InTargetRate / divisor;
            notes.Add($"补发已补足季度的奖金：{PlanText.Yuan(backPayBasis)}{DivText(divisor)} × {PlanText.Rate(plan.Quarter.InTargetRate)} = {PlanText.Yuan(backPay)}");
        }
        engine += backPay;

        var wage = FloatingWage(plan, q, year, reached, x, target, madeUp, withheld, notes);

        // Money: booked and paid amounts to 0.01 元.
        var engineR = Fmt.Money(engine);
        var separateR = Fmt.Money(credited.Separate);
        var accrued = engineR + separateR;
        var factor = plan.Kpi.FixedShare + (1m - plan.Kpi.FixedShare) * k;
        var gross = Fmt.Money((engine + credited.Separate) * factor);
        notes.Add(kpiNote);
        notes.Add($"实际奖金 = 计提奖金 {PlanText.Yuan(engine + credited.Separate)} × ({PlanText.Rate(plan.Kpi.FixedShare)} + {PlanText.Rate(1m - plan.Kpi.FixedShare)} × {PlanText.Num(k)}) = {PlanText.Yuan(gross)}");
        var offset = gross > 0 ? Math.Min(gross, state.Clawback) : 0m;
        if (offset > 0) notes.Add($"扣回上年度多发奖金 {PlanText.Yuan(offset)}，实发 {PlanText.Yuan(gross - offset)}");

        var sums = state.Sums;
        var newHalf = q.Quarter is 1 or 3;
        var halfTask = (newHalf ? 0 : sums.HalfTask) + r;
        var halfBase = (newHalf ? 0 : sums.HalfBase) + baseAmount;
        int? grade = null;
        if (plan.GradeMoves == HalfYear.Calendar && q.Quarter is 2 or 4)
            grade = GradeMove(halfTask, halfBase, shortfalls.Count == 0, x, target, q.Quarter == 2 ? "上半年" : "下半年", notes);
        else if (plan.GradeMoves == HalfYear.Rolling && sums.Quarters > 0)
            grade = GradeMove(sums.LastTask + r, sums.LastBase + baseAmount, shortfalls.Count == 0, x, target, "近两个季度", notes);

        var nextSums = new YearSums(sums.Task + r, sums.TaskOnly + taskOnly, sums.Base + baseAmount, sums.Target + target,
            sums.EngineAccrued + engineR, sums.SeparateAccrued + separateR, sums.KpiSum + k, sums.Quarters + 1, halfTask, halfBase, r, baseAmount);
        var next = new LedgerState(year, q.Quarter, carryOut, shortfalls, withheld, state.Clawback - offset, nextSums);
        var line = new PeriodLine($"{year}Q{q.Quarter}", q.Quarter, r, x, baseAmount, target, carryIn, carryOut,
            next.OutstandingShortfall, filled, engineR, Fmt.Money(backPay), separateR, accrued, kpiScore, k, gross - offset, offset,
            wage, penalty, credited.Reimbursement, grade, credited.Warnings, notes.Where(n => n.Length > 0).ToList());
        return (line, next);
    }

    private static string DivText(decimal divisor) => divisor == 1m ? "" : $" ÷ {PlanText.Num(divisor)}";

    private static decimal? BigShare(BigTicketRule? rule, IReadOnlyList<decimal>? deals)
    {
        if (rule is null || deals is null || deals.Count == 0) return null;
        var total = deals.Sum();
        if (total <= 0) return null;
        return deals.Where(d => d > rule.Threshold).Sum() / total;
    }

    private static int GradeMove(decimal halfTask, decimal halfBase, bool noShortfall, decimal x, decimal target, string half, List<string> notes)
    {
        if (halfTask < halfBase)
        {
            notes.Add($"{half}完成任务额 {PlanText.Yuan(halfTask)} 低于半年基数 {PlanText.Yuan(halfBase)}，降一级工资");
            return -1;
        }
        if (noShortfall && x >= target)
        {
            notes.Add($"{half}完成任务额 {PlanText.Yuan(halfTask)} 不低于半年基数 {PlanText.Yuan(halfBase)}，以前季度差额已补足，且本季完成额 {PlanText.Yuan(x)} 达到目标 {PlanText.Yuan(target)}，升一级工资（任务指标同比增减，比例需另定）");
            return 1;
        }
        notes.Add($"{half}完成任务额 {PlanText.Yuan(halfTask)} 不低于半年基数 {PlanText.Yuan(halfBase)}，但{(noShortfall ? $"本季完成额 {PlanText.Yuan(x)} 未达目标 {PlanText.Yuan(target)}" : "以前季度差额尚未补足")}，工资级别不变");
        return 0;
    }
}

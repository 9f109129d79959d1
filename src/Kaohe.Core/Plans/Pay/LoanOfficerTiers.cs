using System.Collections.Immutable;
using System.Text;
using Kaohe.Core.Text;

namespace Kaohe.Core.Plans.Pay;

/// <summary>The four loan-officer tiers of the bank's loan pay scheme (TQ-01), lowest first.</summary>
public enum LoanOfficerTier
{
    /// <summary>助理客户经理.</summary>
    Assistant,
    /// <summary>初级客户经理.</summary>
    Junior,
    /// <summary>中级客户经理.</summary>
    Intermediate,
    /// <summary>高级客户经理.</summary>
    Senior,
}

/// <summary>What an overdue rate is a share of (TQ-01 ambiguity).</summary>
public enum OverdueBasis
{
    /// <summary>逾期贷款余额 / 贷款余额 (default).</summary>
    Balance,
    /// <summary>逾期贷款笔数 / 贷款笔数.</summary>
    Count,
}

/// <summary>How the "近三个月的平均贷款逾期率" is averaged (TQ-01 ambiguity).</summary>
public enum OverdueMean
{
    /// <summary>The simple mean of the month-end rates (default).</summary>
    Simple,
    /// <summary>Weighted by the month-ends' balances (or counts): Σ overdue / Σ total.</summary>
    Weighted,
}

/// <summary>What happens when a person no longer meets the conditions of the tier they held (TQ-01: the seed does not say).</summary>
public enum TierLapse
{
    /// <summary>
    /// A tier the person has been rated into (评定为初级/中级客户经理日期 given) is kept; the conditions only promote (default:
    /// the one reading under which all of RULES' TQ-01 examples hold, "初级 for 13 months … mean 1.633% → stays 初级").
    /// </summary>
    KeepRatedTier,
    /// <summary>Re-evaluated from scratch every month; the rating dates still count for time in a tier (RULES' written default).</summary>
    ReEvaluate,
    /// <summary>Never lower than last month's tier (上月等级).</summary>
    KeepHighestHeld,
}

/// <summary>
/// The tier conditions of "XX银行贷款业务绩效考核办法" (seed S4 L74–76; TQ-01). Every threshold is a parameter; the
/// defaults are the seed's numbers. Rates are in percentage points (1 means 1%).
/// </summary>
public sealed record LoanOfficerTierParameters
{
    /// <summary>The seed's tiers: S4 L74 "从事信贷工作6个月以上 … 30笔以上 … 逾期率在1%以内", L74/76 "一年以上 … 50/70笔以上 … 1.5%以内".</summary>
    public static LoanOfficerTierParameters Default { get; } = new();

    /// <summary>初级: months of credit work (S4 L74 "6个月以上"); default 6.</summary>
    public int JuniorCreditMonths { get; init; } = 6;
    /// <summary>
    /// Exactly <see cref="JuniorCreditMonths"/> months is both "6个月以内" (助理) and "6个月以上" (初级). Default true: more than
    /// 6 months is needed (RULES TQ-01's default, although §0 G1 would give the boundary to the better band); false: 6 months suffice.
    /// </summary>
    public bool JuniorCreditMonthsStrict { get; init; } = true;
    /// <summary>初级: loans ever handled (经办), at least this many (S4 L74 "30笔以上"); default 30.</summary>
    public int JuniorLoansHandled { get; init; } = 30;
    /// <summary>初级: overdue rate at the month-end before the appraisal, at most this (S4 L74 "1%以内"); default 1 (%).</summary>
    public decimal JuniorMaxOverdueRate { get; init; } = 1;
    /// <summary>中级: months since rated 初级, at least (S4 L74 "评定为初级信贷员一年以上"); default 12.</summary>
    public int IntermediateMonthsAsJunior { get; init; } = 12;
    /// <summary>中级: loans currently managed (当前管户), at least (S4 L74 "50笔以上"); default 50.</summary>
    public int IntermediateLoansManaged { get; init; } = 50;
    /// <summary>中级: mean overdue rate of the last months, at most (S4 L74 "1.5%以内"); default 1.5 (%).</summary>
    public decimal IntermediateMaxMeanOverdueRate { get; init; } = 1.5m;
    /// <summary>高级: months since rated 中级, at least (S4 L76 "评定为中级信贷员一年以上"); default 12.</summary>
    public int SeniorMonthsAsIntermediate { get; init; } = 12;
    /// <summary>高级: loans currently managed, at least (S4 L76 "70笔以上"); default 70.</summary>
    public int SeniorLoansManaged { get; init; } = 70;
    /// <summary>高级: mean overdue rate of the last months, at most (S4 L76 "1.5%以内"); default 1.5 (%).</summary>
    public decimal SeniorMaxMeanOverdueRate { get; init; } = 1.5m;
    /// <summary>How many month-ends the mean covers (S4 L74 "近三个月"); default 3.</summary>
    public int MeanOverdueMonths { get; init; } = 3;
    /// <summary>What an overdue rate is a share of; default balance.</summary>
    public OverdueBasis OverdueBasis { get; init; } = OverdueBasis.Balance;
    /// <summary>How the mean is taken; default simple.</summary>
    public OverdueMean OverdueMean { get; init; } = OverdueMean.Simple;
    /// <summary>Demotion when conditions lapse; default a rated tier is kept.</summary>
    public TierLapse Lapse { get; init; } = TierLapse.KeepRatedTier;
    /// <summary>"熟练办理信贷业务" left empty; default counted as met.</summary>
    public JudgmentWhenEmpty ProficiencyWhenEmpty { get; init; } = JudgmentWhenEmpty.Met;
    /// <summary>A month-end with no loans at all (0 balance): true (default) counts its overdue rate as 0%; false makes it unknown.</summary>
    public bool NoLoansIsZeroOverdue { get; init; } = true;
    /// <summary>The day tenure is counted to; default the month's last day.</summary>
    public TenureDate TenureDate { get; init; } = TenureDate.MonthEnd;
}

/// <summary>
/// A month-end's loan quality. Give the amounts (the rate is computed from them) or the rate itself; a weighted mean
/// needs the amounts.
/// </summary>
/// <param name="Balance">贷款余额 (元).</param>
/// <param name="OverdueBalance">逾期贷款余额 (元).</param>
/// <param name="Count">贷款笔数.</param>
/// <param name="OverdueCount">逾期贷款笔数.</param>
/// <param name="OverdueRate">逾期率 in percentage points, used when the amounts of the chosen basis are not given.</param>
public sealed record MonthEndLoans(decimal? Balance = null, decimal? OverdueBalance = null, int? Count = null, int? OverdueCount = null, decimal? OverdueRate = null);

/// <summary>What TQ-01 needs about one loan officer for one month.</summary>
public sealed record LoanOfficerTierInput
{
    /// <summary>年份 of the month being paid.</summary>
    public required int Year { get; init; }
    /// <summary>月份 (1–12).</summary>
    public required int Month { get; init; }
    /// <summary>从事信贷工作起始日.</summary>
    public required DateOnly CreditWorkStart { get; init; }
    /// <summary>评定为初级客户经理日期 (empty: never rated 初级).</summary>
    public DateOnly? JuniorSince { get; init; }
    /// <summary>评定为中级客户经理日期 (empty: never rated 中级).</summary>
    public DateOnly? IntermediateSince { get; init; }
    /// <summary>上月等级 (only used when a lapse keeps the tier held).</summary>
    public LoanOfficerTier? PreviousTier { get; init; }
    /// <summary>经办贷款笔数 (累计).</summary>
    public int LoansHandled { get; init; }
    /// <summary>当前管户贷款笔数.</summary>
    public int LoansManaged { get; init; }
    /// <summary>熟练办理信贷业务 (a judgment; empty: see <see cref="LoanOfficerTierParameters.ProficiencyWhenEmpty"/>).</summary>
    public bool? Proficient { get; init; }
    /// <summary>月末贷款质量, oldest first; the last one is the month-end before the appraisal (考核前月末).</summary>
    public ImmutableArray<MonthEndLoans> MonthEnds { get; init; } = [];
}

/// <summary>One condition of a tier and whether it holds, with the reason in Chinese.</summary>
public sealed record TierCondition(bool Met, string Reason);

/// <summary>Whether a person is in one tier, condition by condition.</summary>
public sealed record TierCheck(LoanOfficerTier Tier, bool Met, ImmutableArray<TierCondition> Conditions)
{
    /// <summary>"初级客户经理：符合（…；…）" or "…：不符合（…）".</summary>
    public string Explanation =>
        LoanOfficerTiers.Name(Tier) + (Met ? "：符合（" : "：不符合（")
        + string.Join("；", Met ? Conditions.Select(c => c.Reason) : Conditions.Where(c => !c.Met).Select(c => c.Reason)) + "）";
}

/// <summary>The tier of a month and, for every tier above 助理, why the person is or is not in it.</summary>
public sealed record LoanOfficerTierResult(LoanOfficerTier Tier, ImmutableArray<TierCheck> Checks, string Explanation, ImmutableArray<PayProblem> Problems)
{
    /// <summary>True when the input could be read.</summary>
    public bool IsValid => Problems.IsEmpty;
}

/// <summary>TQ-01: the tier of a loan officer for one month (highest tier whose conditions hold).</summary>
public static class LoanOfficerTiers
{
    /// <summary>The tier's Chinese name.</summary>
    public static string Name(LoanOfficerTier t) => t switch
    {
        LoanOfficerTier.Assistant => "助理客户经理",
        LoanOfficerTier.Junior => "初级客户经理",
        LoanOfficerTier.Intermediate => "中级客户经理",
        LoanOfficerTier.Senior => "高级客户经理",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <summary>Evaluates the tier; bad input gives problems (never an exception).</summary>
    public static LoanOfficerTierResult Evaluate(LoanOfficerTierParameters p, LoanOfficerTierInput input)
    {
        var problems = new Problems();
        var r = Evaluate(p, input, problems);
        return r ?? new LoanOfficerTierResult(LoanOfficerTier.Assistant, [], "", [.. problems.All]);
    }

    internal static LoanOfficerTierResult? Evaluate(LoanOfficerTierParameters p, LoanOfficerTierInput input, Problems problems)
    {
        CheckParameters(p, problems);
        var month = problems.Month(input.Year, input.Month);
        problems.NotNegative("经办贷款笔数", input.LoansHandled);
        problems.NotNegative("当前管户贷款笔数", input.LoansManaged);
        problems.Date("从事信贷工作起始日", input.CreditWorkStart, month);
        if (input.JuniorSince is { } js) problems.Date("评定为初级客户经理日期", js, month);
        if (input.IntermediateSince is { } ms) problems.Date("评定为中级客户经理日期", ms, month);
        if (input.JuniorSince is { } j && input.IntermediateSince is { } i && i < j)
            problems.Add("评定为中级客户经理日期", $"{Tenure.Day(i)} 早于评定为初级客户经理日期 {Tenure.Day(j)}");
        var monthEnds = input.MonthEnds.IsDefault ? [] : input.MonthEnds;
        if (monthEnds.Length > 120) problems.Add("月末贷款质量", $"最多填 120 个月末（{monthEnds.Length}）");
        else for (var k = 0; k < monthEnds.Length; k++) CheckMonthEnd(monthEnds[k], MonthEndField(k, monthEnds.Length), problems);
        if (problems.Any || month is not { } mm) return null;

        var asOf = Tenure.AsOf(mm, p.TenureDate);
        var junior = Junior(p, input, asOf, monthEnds);
        var intermediate = Higher(LoanOfficerTier.Intermediate, "初级客户经理", input.JuniorSince, p.IntermediateMonthsAsJunior,
            input.LoansManaged, p.IntermediateLoansManaged, p.IntermediateMaxMeanOverdueRate, p, asOf, monthEnds);
        var senior = Higher(LoanOfficerTier.Senior, "中级客户经理", input.IntermediateSince, p.SeniorMonthsAsIntermediate,
            input.LoansManaged, p.SeniorLoansManaged, p.SeniorMaxMeanOverdueRate, p, asOf, monthEnds);
        ImmutableArray<TierCheck> checks = [senior, intermediate, junior];
        var tier = checks.FirstOrDefault(c => c.Met)?.Tier ?? LoanOfficerTier.Assistant;

        var text = new StringBuilder();
        var (held, why) = p.Lapse switch
        {
            TierLapse.KeepRatedTier when input.IntermediateSince is { } d => (LoanOfficerTier.Intermediate, $"已于 {Tenure.Day(d)} 评定为中级客户经理"),
            TierLapse.KeepRatedTier when input.JuniorSince is { } d => (LoanOfficerTier.Junior, $"已于 {Tenure.Day(d)} 评定为初级客户经理"),
            TierLapse.KeepHighestHeld when input.PreviousTier is { } prev => (prev, $"上月等级为{Name(prev)}"),
            _ => (LoanOfficerTier.Assistant, ""),
        };
        var kept = held > tier;
        if (kept)
        {
            text.Append($"本月条件只够{Name(tier)}，{why}，按方案保持{Name(held)}");
            tier = held;
        }
        else text.Append($"评定为{Name(tier)}");
        text.Append("：").Append(string.Join("；", checks.Select(c => c.Explanation)));
        if (tier == LoanOfficerTier.Assistant) text.Append("；不符合以上任一等级的为助理客户经理");
        return new LoanOfficerTierResult(tier, checks, text.ToString(), []);
    }

    private static TierCheck Junior(LoanOfficerTierParameters p, LoanOfficerTierInput input, DateOnly asOf, ImmutableArray<MonthEndLoans> monthEnds)
    {
        var tenure = Tenure.Describe(input.CreditWorkStart, asOf);
        var need = Tenure.Threshold(p.JuniorCreditMonths, p.JuniorCreditMonthsStrict);
        var tenureOk = Tenure.Reaches(input.CreditWorkStart, asOf, p.JuniorCreditMonths, p.JuniorCreditMonthsStrict);
        var c1 = new TierCondition(tenureOk, $"从事信贷工作 {tenure}，{(tenureOk ? "已" : "未")}{need}");

        var proficient = input.Proficient ?? p.ProficiencyWhenEmpty == JudgmentWhenEmpty.Met;
        var c2 = new TierCondition(proficient, input.Proficient switch
        {
            true => "熟练办理信贷业务",
            false => "未评为熟练办理信贷业务",
            null => proficient ? "熟练办理信贷业务未填写，视为具备" : "熟练办理信贷业务未填写，视为不具备",
        });

        var handledOk = input.LoansHandled >= p.JuniorLoansHandled;
        var c3 = new TierCondition(handledOk, $"经办贷款 {input.LoansHandled} 笔，{(handledOk ? "达到" : "不足")} {p.JuniorLoansHandled} 笔");

        TierCondition c4;
        if (monthEnds.IsEmpty) c4 = new TierCondition(false, "缺少考核前月末的贷款逾期率，无法判断");
        else
        {
            var (rate, why) = Rate(p, monthEnds[^1]);
            c4 = rate is { } r
                ? new TierCondition(r <= p.JuniorMaxOverdueRate,
                    $"考核前月末逾期率 {Fmt.PctAgainst(r, p.JuniorMaxOverdueRate)}{why}，{(r <= p.JuniorMaxOverdueRate ? "不超过" : "超过")} {Fmt.Pct(p.JuniorMaxOverdueRate)}")
                : new TierCondition(false, $"考核前月末逾期率{why}，无法判断");
        }
        ImmutableArray<TierCondition> all = [c1, c2, c3, c4];
        return new TierCheck(LoanOfficerTier.Junior, all.All(c => c.Met), all);
    }

    private static TierCheck Higher(LoanOfficerTier tier, string lowerName, DateOnly? since, int months, int managed, int minManaged, decimal maxMean,
        LoanOfficerTierParameters p, DateOnly asOf, ImmutableArray<MonthEndLoans> monthEnds)
    {
        TierCondition c1;
        if (since is not { } s) c1 = new TierCondition(false, $"未评定为{lowerName}");
        else
        {
            var ok = Tenure.Reaches(s, asOf, months, strict: false);
            c1 = new TierCondition(ok, $"评定为{lowerName} {Tenure.Describe(s, asOf)}，{(ok ? "已" : "未")}{Tenure.Threshold(months, false)}");
        }
        var managedOk = managed >= minManaged;
        var c2 = new TierCondition(managedOk, $"当前管户贷款 {managed} 笔，{(managedOk ? "达到" : "不足")} {minManaged} 笔");
        var (mean, text) = Mean(p, monthEnds);
        var c3 = mean is { } m
            ? new TierCondition(m <= maxMean, $"{text} = {Fmt.PctAgainst(m, maxMean)}，{(m <= maxMean ? "不超过" : "超过")} {Fmt.Pct(maxMean)}")
            : new TierCondition(false, text);
        ImmutableArray<TierCondition> all = [c1, c2, c3];
        return new TierCheck(tier, all.All(c => c.Met), all);
    }

    /// <summary>The mean overdue rate of the last <see cref="LoanOfficerTierParameters.MeanOverdueMonths"/> month-ends, or null with the reason.</summary>
    private static (decimal? Mean, string Text) Mean(LoanOfficerTierParameters p, ImmutableArray<MonthEndLoans> monthEnds)
    {
        var n = p.MeanOverdueMonths;
        if (monthEnds.Length < n) return (null, $"近 {n} 个月末逾期率只填了 {monthEnds.Length} 个月，无法判断");
        var last = monthEnds[^n..];
        if (p.OverdueMean == OverdueMean.Weighted)
        {
            decimal overdue = 0, total = 0;
            foreach (var me in last)
            {
                var (o, t) = Amounts(p.OverdueBasis, me);
                if (o is null || t is null)
                    return (null, $"按{BasisWord(p.OverdueBasis)}加权的近 {n} 个月平均逾期率需要每月末的{AmountWords(p.OverdueBasis)}，无法判断");
                overdue += o.Value;
                total += t.Value;
            }
            if (total == 0)
                return p.NoLoansIsZeroOverdue ? (0, $"近 {n} 个月末均无贷款，平均逾期率按 0% 计") : (null, $"近 {n} 个月末均无贷款，平均逾期率无数据");
            var w = overdue / total * 100;
            return (w, $"近 {n} 个月按{BasisWord(p.OverdueBasis)}加权平均逾期率 {Fmt.Num(overdue, 4)} ÷ {Fmt.Num(total, 4)}");
        }
        var rates = new List<decimal>();
        foreach (var me in last)
        {
            var (r, why) = Rate(p, me);
            if (r is null) return (null, $"近 {n} 个月末中有一个月的逾期率{why}，无法判断");
            rates.Add(r.Value);
        }
        var mean = rates.Sum() / n;
        return (mean, $"近 {n} 个月末逾期率 {string.Join(" / ", rates.Select(Fmt.Pct))} 的平均");
    }

    /// <summary>A month-end's overdue rate (percentage points) and a note on where it came from, or null with the reason.</summary>
    private static (decimal? Rate, string Why) Rate(LoanOfficerTierParameters p, MonthEndLoans me)
    {
        var (o, t) = Amounts(p.OverdueBasis, me);
        if (o is { } ov && t is { } tot)
        {
            if (tot == 0)
                return p.NoLoansIsZeroOverdue ? (0, "（月末无贷款，按 0% 计）") : (null, "无数据（月末无贷款）");
            return (ov / tot * 100, $"（{Fmt.Num(ov, 4)} ÷ {Fmt.Num(tot, 4)}）");
        }
        if (me.OverdueRate is { } r) return (r, "");
        return (null, $"未填写（需要{AmountWords(p.OverdueBasis)}或逾期率）");
    }

    private static (decimal? Overdue, decimal? Total) Amounts(OverdueBasis basis, MonthEndLoans me) => basis == OverdueBasis.Balance
        ? (me.OverdueBalance, me.Balance)
        : (me.OverdueCount, me.Count);

    private static string BasisWord(OverdueBasis b) => b == OverdueBasis.Balance ? "余额" : "笔数";

    private static string AmountWords(OverdueBasis b) => b == OverdueBasis.Balance ? "逾期贷款余额和贷款余额" : "逾期贷款笔数和贷款笔数";

    private static string MonthEndField(int k, int count) => count - k == 1 ? "考核前月末贷款质量" : $"考核前第 {count - k} 个月末贷款质量";

    private const decimal MaxBalance = 1_000_000_000_000_000;

    private static void CheckMonthEnd(MonthEndLoans me, string field, Problems problems)
    {
        if (me.Balance is { } b && b is < 0 or > MaxBalance) problems.Add(field + "·贷款余额", $"应为 0–1000000000000000 元（{Fmt.Num(b, 4)}）");
        if (me.OverdueBalance is { } ob && ob is < 0 or > MaxBalance) problems.Add(field + "·逾期贷款余额", $"应为 0–1000000000000000 元（{Fmt.Num(ob, 4)}）");
        if (me.Count is { } c) problems.NotNegative(field + "·贷款笔数", c);
        if (me.OverdueCount is { } oc) problems.NotNegative(field + "·逾期贷款笔数", oc);
        if (me.OverdueRate is { } r) problems.Percent(field + "·逾期率", r);
        if (me is { Balance: { } bb, OverdueBalance: { } obb } && obb > bb)
            problems.Add(field + "·逾期贷款余额", $"{Fmt.Num(obb, 4)} 大于贷款余额 {Fmt.Num(bb, 4)}");
        if (me is { Count: { } cc, OverdueCount: { } occ } && occ > cc)
            problems.Add(field + "·逾期贷款笔数", $"{occ} 大于贷款笔数 {cc}");
    }

    internal static void CheckParameters(LoanOfficerTierParameters p, Problems problems)
    {
        problems.Months("方案·初级所需信贷工作月数", p.JuniorCreditMonths);
        problems.NotNegative("方案·初级所需经办贷款笔数", p.JuniorLoansHandled);
        problems.Percent("方案·初级最高逾期率", p.JuniorMaxOverdueRate);
        problems.Months("方案·中级所需任初级月数", p.IntermediateMonthsAsJunior);
        problems.NotNegative("方案·中级所需管户贷款笔数", p.IntermediateLoansManaged);
        problems.Percent("方案·中级最高平均逾期率", p.IntermediateMaxMeanOverdueRate);
        problems.Months("方案·高级所需任中级月数", p.SeniorMonthsAsIntermediate);
        problems.NotNegative("方案·高级所需管户贷款笔数", p.SeniorLoansManaged);
        problems.Percent("方案·高级最高平均逾期率", p.SeniorMaxMeanOverdueRate);
        if (p.MeanOverdueMonths is < 1 or > 24) problems.Add("方案·平均逾期率月数", $"应为 1–24（{p.MeanOverdueMonths}）");
    }
}

using System.Collections.Immutable;
using Kaohe.Core.Text;

namespace Kaohe.Core.Plans.Pay;

/// <summary>
/// The monthly pay of "XX银行贷款业务绩效考核办法" (seed S4 L74–76; TPL-27): base pay by tier (PR-03, tiers TQ-01),
/// the count pay (PR-02) and referral rewards (PR-01). The seed names four more parts (余额新增, 余额, 质量, 户均; NC-09)
/// without formulas: they are taken as amounts entered by hand.
/// </summary>
public sealed record LoanOfficerPayParameters
{
    /// <summary>The seed's scheme with every RULES default.</summary>
    public static LoanOfficerPayParameters Default { get; } = new();

    /// <summary>助理客户经理基础薪酬 (S4 L76 "助理客户经理基础薪酬1800元"); default 1800 元.</summary>
    public decimal AssistantBasePay { get; init; } = 1800;
    /// <summary>初级客户经理基础薪酬 (S4 L76 "初级客户经理基础薪酬2200元"); default 2200 元.</summary>
    public decimal JuniorBasePay { get; init; } = 2200;
    /// <summary>中级客户经理基础薪酬 (S4 L76 "中级客户经理基础薪酬2700元"); default 2700 元.</summary>
    public decimal IntermediateBasePay { get; init; } = 2700;
    /// <summary>高级客户经理基础薪酬 (S4 L76 "高级客户经理基础薪酬3500元"); default 3500 元.</summary>
    public decimal SeniorBasePay { get; init; } = 3500;
    /// <summary>The tier conditions (S4 L74–76).</summary>
    public LoanOfficerTierParameters Tiers { get; init; } = LoanOfficerTierParameters.Default;
    /// <summary>The count pay (S4 L76).</summary>
    public CountPayParameters CountPay { get; init; } = CountPayParameters.Default;
    /// <summary>The referral rewards (S4 L76).</summary>
    public ReferralParameters Referral { get; init; } = ReferralParameters.Default;

    /// <summary>The base pay of a tier.</summary>
    public decimal BasePay(LoanOfficerTier t) => t switch
    {
        LoanOfficerTier.Assistant => AssistantBasePay,
        LoanOfficerTier.Junior => JuniorBasePay,
        LoanOfficerTier.Intermediate => IntermediateBasePay,
        LoanOfficerTier.Senior => SeniorBasePay,
        _ => throw new System.Diagnostics.UnreachableException(),
    };
}

/// <summary>One loan officer's month.</summary>
public sealed record LoanOfficerMonthInput
{
    /// <summary>The tier facts (年份, 月份, dates, loan counts, month-end loan quality).</summary>
    public required LoanOfficerTierInput Tier { get; init; }
    /// <summary>当月新发放微小贷款笔数, 续贷笔数, 并贷笔数, 展期笔数.</summary>
    public LoanCounts Loans { get; init; } = new(0);
    /// <summary>推荐贷款: the loans this person referred that were decided this month.</summary>
    public ImmutableArray<ReferredLoan> Referrals { get; init; } = [];
    /// <summary>贷款余额新增绩效薪酬 (元, entered by hand: the seed gives no formula).</summary>
    public decimal? BalanceGrowthPay { get; init; }
    /// <summary>贷款余额绩效薪酬 (元, by hand).</summary>
    public decimal? BalancePay { get; init; }
    /// <summary>贷款质量绩效薪酬 (元, by hand).</summary>
    public decimal? QualityPay { get; init; }
    /// <summary>贷款户均绩效薪酬 (元, by hand).</summary>
    public decimal? AverageLoanPay { get; init; }
}

/// <summary>The monthly pay of a loan officer (TPL-27).</summary>
public static class LoanOfficerPay
{
    /// <summary>The checks of the parameters alone (with the tier thresholds when <paramref name="tiers"/>), shared with <see cref="PayPlanCheck"/>.</summary>
    internal static void CheckParameters(LoanOfficerPayParameters p, Problems problems, bool tiers)
    {
        problems.Money("方案·助理客户经理基础薪酬", p.AssistantBasePay);
        problems.Money("方案·初级客户经理基础薪酬", p.JuniorBasePay);
        problems.Money("方案·中级客户经理基础薪酬", p.IntermediateBasePay);
        problems.Money("方案·高级客户经理基础薪酬", p.SeniorBasePay);
        if (tiers) LoanOfficerTiers.CheckParameters(p.Tiers, problems);
        CountPay.Check(p.CountPay, problems);
        ReferralReward.Check(p.Referral, problems);
    }

    /// <summary>
    /// The month's pay lines: 基础薪酬 (by the tier of the month), 放款笔数绩效薪酬, 贷款推荐奖励 (when there are referrals)
    /// and the hand-entered parts; or the problems of the input and the parameters. Each line is rounded to 0.01 元.
    /// </summary>
    public static PayResult Compute(LoanOfficerPayParameters p, LoanOfficerMonthInput input)
    {
        var problems = new Problems();
        CheckParameters(p, problems, tiers: false);
        CountPay.CheckCounts(input.Loans, problems);
        ReferralReward.CheckLoans(input.Referrals, problems);
        Manual("贷款余额新增绩效薪酬", input.BalanceGrowthPay, problems);
        Manual("贷款余额绩效薪酬", input.BalancePay, problems);
        Manual("贷款质量绩效薪酬", input.QualityPay, problems);
        Manual("贷款户均绩效薪酬", input.AverageLoanPay, problems);
        var tier = LoanOfficerTiers.Evaluate(p.Tiers, input.Tier, problems);
        if (problems.Any || tier is null) return PayResult.Fail(problems.All);

        var lines = new List<PayLine>();
        var basePay = Fmt.Money(p.BasePay(tier.Tier));
        lines.Add(new PayLine("基础薪酬", basePay, $"{tier.Explanation} → {LoanOfficerTiers.Name(tier.Tier)}基础薪酬 {Fmt.Num(basePay)} 元"));
        var count = CountPay.Line(p.CountPay, input.Loans, problems);
        if (count is null) return PayResult.Fail(problems.All);
        lines.Add(count);
        if (ReferralReward.Line(p.Referral, input.Referrals) is { } referral) lines.Add(referral);
        AddManual(lines, "贷款余额新增绩效薪酬", input.BalanceGrowthPay);
        AddManual(lines, "贷款余额绩效薪酬", input.BalancePay);
        AddManual(lines, "贷款质量绩效薪酬", input.QualityPay);
        AddManual(lines, "贷款户均绩效薪酬", input.AverageLoanPay);
        return PayResult.Of(lines, [tier.Explanation]);
    }

    private static void Manual(string field, decimal? v, Problems problems)
    {
        if (v is { } x && (x < 0 || x > 10_000_000)) problems.Add(field, $"应为 0–10000000 元（{Fmt.Num(x, 4)}）");
    }

    private static void AddManual(List<PayLine> lines, string label, decimal? v)
    {
        if (v is not { } x) return;
        var money = Fmt.Money(x);
        lines.Add(new PayLine(label, money, $"按录入金额 {Fmt.Num(money)} 元（办法未给出计算方法）"));
    }
}

using System.Collections.Immutable;
using Kaohe.Core.Plans.Pay;
using Xunit;

namespace Kaohe.Core.Tests.Plans.Pay;

/// <summary>TQ-01: the loan-officer tiers, their reasons and every threshold.</summary>
public sealed class LoanOfficerTierTests
{
    // July 2026: tenure is counted to 2026-07-31, so AddMonths(-n) lands on a day with exactly n months.
    internal static readonly DateOnly AsOf = new(2026, 7, 31);

    internal static LoanOfficerTierInput Input(int creditMonths, int handled = 0, int managed = 0, int? juniorMonths = null, int? intermediateMonths = null,
        decimal[]? rates = null, bool? proficient = null, LoanOfficerTier? previous = null) => new()
    {
        Year = 2026,
        Month = 7,
        CreditWorkStart = AsOf.AddMonths(-creditMonths),
        JuniorSince = juniorMonths is { } j ? AsOf.AddMonths(-j) : null,
        IntermediateSince = intermediateMonths is { } i ? AsOf.AddMonths(-i) : null,
        LoansHandled = handled,
        LoansManaged = managed,
        Proficient = proficient,
        PreviousTier = previous,
        MonthEnds = [.. (rates ?? []).Select(r => new MonthEndLoans(OverdueRate: r))],
    };

    private static LoanOfficerTierResult Eval(LoanOfficerTierInput input, LoanOfficerTierParameters? p = null)
    {
        var r = LoanOfficerTiers.Evaluate(p ?? LoanOfficerTierParameters.Default, input);
        Assert.True(r.IsValid, string.Join("\n", r.Problems));
        return r;
    }

    [Fact]
    public void Example1_FourMonths_Assistant()
    {
        var r = Eval(Input(4, handled: 40, rates: [0.5m]));
        Assert.Equal(LoanOfficerTier.Assistant, r.Tier);
        Assert.Contains("从事信贷工作 4 个月，未超过 6 个月", r.Explanation);
    }

    [Fact]
    public void Example2_FourteenMonths35Loans08Percent_Junior()
    {
        var r = Eval(Input(14, handled: 35, rates: [0.8m]));
        Assert.Equal(LoanOfficerTier.Junior, r.Tier);
        Assert.Contains("经办贷款 35 笔，达到 30 笔", r.Explanation);
        Assert.Contains("考核前月末逾期率 0.8%，不超过 1%", r.Explanation);
        Assert.Contains("未评定为初级客户经理", r.Explanation);
    }

    [Fact]
    public void Example3_AppendixB71_JuniorFor13Months_Intermediate()
    {
        var r = Eval(Input(30, handled: 80, managed: 55, juniorMonths: 13, rates: [1.2m, 1.6m, 1.5m]));
        Assert.Equal(LoanOfficerTier.Intermediate, r.Tier);
        Assert.Contains("近 3 个月末逾期率 1.2% / 1.6% / 1.5% 的平均 = 1.4333%，不超过 1.5%", r.Explanation);
        Assert.Contains("评定为初级客户经理 13 个月 1 天，已满 12 个月", r.Explanation);
    }

    [Fact]
    public void Example3_MeanAbove15_StaysJunior()
    {
        var input = Input(30, handled: 80, managed: 55, juniorMonths: 13, rates: [2.0m, 1.5m, 1.4m]);
        var r = Eval(input);
        Assert.Equal(LoanOfficerTier.Junior, r.Tier);
        Assert.Contains("中级客户经理：不符合（近 3 个月末逾期率 2% / 1.5% / 1.4% 的平均 = 1.6333%，超过 1.5%）", r.Explanation);
        Assert.Contains("本月条件只够助理客户经理，已于 2025-06-30 评定为初级客户经理，按方案保持初级客户经理", r.Explanation);
        // Re-evaluating from scratch, the last month-end's 1.4% fails 初级's 1% as well.
        Assert.Equal(LoanOfficerTier.Assistant, Eval(input, LoanOfficerTierParameters.Default with { Lapse = TierLapse.ReEvaluate }).Tier);
    }

    [Fact]
    public void Example4_EightMonths28Loans_Assistant()
    {
        var r = Eval(Input(8, handled: 28, rates: [0.2m]));
        Assert.Equal(LoanOfficerTier.Assistant, r.Tier);
        Assert.Contains("经办贷款 28 笔，不足 30 笔", r.Explanation);
    }

    [Fact]
    public void Senior_WhenIntermediateForAYearAnd70Managed()
    {
        var r = Eval(Input(60, handled: 200, managed: 70, juniorMonths: 40, intermediateMonths: 12, rates: [1.5m, 1.5m, 1.5m]));
        Assert.Equal(LoanOfficerTier.Senior, r.Tier);
        Assert.Contains("高级客户经理：符合", r.Explanation);
    }

    [Theory]
    [InlineData(6, true, LoanOfficerTier.Assistant)]   // exactly 6 months: "以内" wins by default
    [InlineData(6, false, LoanOfficerTier.Junior)]     // the other reading: "以上" includes 6
    [InlineData(7, true, LoanOfficerTier.Junior)]
    [InlineData(5, false, LoanOfficerTier.Assistant)]
    public void CreditMonths_Boundary(int months, bool strict, LoanOfficerTier expected)
    {
        var p = LoanOfficerTierParameters.Default with { JuniorCreditMonthsStrict = strict };
        Assert.Equal(expected, Eval(Input(months, handled: 30, rates: [1m]), p).Tier);
    }

    [Fact]
    public void CreditMonths_OneDayShortOfSix_Assistant_OneDayOver_Junior()
    {
        var p = LoanOfficerTierParameters.Default with { JuniorCreditMonthsStrict = false };
        var shortOne = Input(6, handled: 30, rates: [0m]) with { CreditWorkStart = AsOf.AddMonths(-6).AddDays(1) };
        Assert.Equal(LoanOfficerTier.Assistant, Eval(shortOne, p).Tier);
        var overOne = Input(6, handled: 30, rates: [0m]) with { CreditWorkStart = AsOf.AddMonths(-6).AddDays(-1) };
        var r = Eval(overOne);
        Assert.Equal(LoanOfficerTier.Junior, r.Tier);
        Assert.Contains("从事信贷工作 6 个月 1 天，已超过 6 个月", r.Explanation);
    }

    [Theory]
    [InlineData(29, "1", LoanOfficerTier.Assistant)]
    [InlineData(30, "1", LoanOfficerTier.Junior)]
    [InlineData(31, "0.99", LoanOfficerTier.Junior)]
    [InlineData(30, "1.01", LoanOfficerTier.Assistant)]
    public void JuniorLoansAndOverdue_Boundary(int handled, string rate, LoanOfficerTier expected) =>
        Assert.Equal(expected, Eval(Input(12, handled: handled, rates: [Kit.D(rate)])).Tier);

    [Theory]
    [InlineData(49, 12, "1.5", LoanOfficerTier.Junior)]
    [InlineData(50, 12, "1.5", LoanOfficerTier.Intermediate)]
    [InlineData(51, 11, "1", LoanOfficerTier.Junior)]
    [InlineData(50, 12, "1.5001", LoanOfficerTier.Junior)]
    public void Intermediate_Boundary(int managed, int juniorMonths, string rate, LoanOfficerTier expected)
    {
        var r = Kit.D(rate);
        Assert.Equal(expected, Eval(Input(40, handled: 100, managed: managed, juniorMonths: juniorMonths, rates: [2 * r - 0.5m, r, 0.5m])).Tier);
    }

    [Theory]
    [InlineData(69, 12, LoanOfficerTier.Intermediate)]
    [InlineData(70, 12, LoanOfficerTier.Senior)]
    [InlineData(71, 11, LoanOfficerTier.Intermediate)]
    public void Senior_Boundary(int managed, int intermediateMonths, LoanOfficerTier expected) =>
        Assert.Equal(expected, Eval(Input(60, handled: 300, managed: managed, juniorMonths: 30, intermediateMonths: intermediateMonths, rates: [1m, 1m, 1m])).Tier);

    [Fact]
    public void Proficiency_GivenFalse_NotJunior_EmptyCountsAsMetByDefault()
    {
        Assert.Equal(LoanOfficerTier.Assistant, Eval(Input(12, handled: 40, rates: [0m], proficient: false)).Tier);
        Assert.Equal(LoanOfficerTier.Junior, Eval(Input(12, handled: 40, rates: [0m])).Tier);
        var strict = LoanOfficerTierParameters.Default with { ProficiencyWhenEmpty = JudgmentWhenEmpty.NotMet };
        var r = Eval(Input(12, handled: 40, rates: [0m]), strict);
        Assert.Equal(LoanOfficerTier.Assistant, r.Tier);
        Assert.Contains("熟练办理信贷业务未填写，视为不具备", r.Explanation);
    }

    [Fact]
    public void OverdueRate_FromBalances_AndCountBasis()
    {
        var input = Input(12, handled: 40) with { MonthEnds = [new MonthEndLoans(Balance: 1_000_000, OverdueBalance: 9_000, Count: 50, OverdueCount: 1)] };
        var byBalance = Eval(input);
        Assert.Equal(LoanOfficerTier.Junior, byBalance.Tier);
        Assert.Contains("0.9%（9000 ÷ 1000000）", byBalance.Explanation);
        var byCount = Eval(input, LoanOfficerTierParameters.Default with { OverdueBasis = OverdueBasis.Count });
        Assert.Equal(LoanOfficerTier.Assistant, byCount.Tier); // 1/50 = 2%
        Assert.Contains("2%（1 ÷ 50）", byCount.Explanation);
    }

    [Fact]
    public void WeightedMean_DiffersFromSimpleMean()
    {
        // 3% / 2% / 0.5%: simple mean 1.8333% (> 1.5%); by balance 55 ÷ 10200 = 0.5392%.
        var input = Input(40, handled: 100, managed: 60, juniorMonths: 20) with
        {
            MonthEnds = [new(Balance: 100, OverdueBalance: 3), new(Balance: 100, OverdueBalance: 2), new(Balance: 10000, OverdueBalance: 50)],
        };
        Assert.Equal(LoanOfficerTier.Junior, Eval(input).Tier);
        var weighted = Eval(input, LoanOfficerTierParameters.Default with { OverdueMean = OverdueMean.Weighted });
        Assert.Equal(LoanOfficerTier.Intermediate, weighted.Tier);
        Assert.Contains("近 3 个月按余额加权平均逾期率 55 ÷ 10200 = 0.5392%，不超过 1.5%", weighted.Explanation);
    }

    [Fact]
    public void Lapse_RatedTierKeptByDefault_ReEvaluateDemotes_PreviousTierKept()
    {
        var input = Input(40, handled: 100, managed: 45, juniorMonths: 30, intermediateMonths: 14, rates: [0.5m, 0.5m, 0.5m]);
        var kept = Eval(input);
        Assert.Equal(LoanOfficerTier.Intermediate, kept.Tier);
        Assert.Contains("按方案保持中级客户经理", kept.Explanation);
        Assert.Equal(LoanOfficerTier.Junior, Eval(input, LoanOfficerTierParameters.Default with { Lapse = TierLapse.ReEvaluate }).Tier);
        var byPrevious = LoanOfficerTierParameters.Default with { Lapse = TierLapse.KeepHighestHeld };
        Assert.Equal(LoanOfficerTier.Junior, Eval(input, byPrevious).Tier);
        var prev = Eval(input with { PreviousTier = LoanOfficerTier.Senior }, byPrevious);
        Assert.Equal(LoanOfficerTier.Senior, prev.Tier);
        Assert.Contains("上月等级为高级客户经理", prev.Explanation);
    }

    [Fact]
    public void MissingMonthEnds_ConditionNotMetWithReason()
    {
        var r = Eval(Input(40, handled: 100, managed: 60, juniorMonths: 20, rates: [0.5m]));
        Assert.Equal(LoanOfficerTier.Junior, r.Tier);
        Assert.Contains("近 3 个月末逾期率只填了 1 个月，无法判断", r.Explanation);
    }

    [Fact]
    public void NoLoansAtMonthEnd_ZeroByDefault_UnknownOtherwise()
    {
        var input = Input(12, handled: 40) with { MonthEnds = [new MonthEndLoans(Balance: 0, OverdueBalance: 0)] };
        Assert.Equal(LoanOfficerTier.Junior, Eval(input).Tier);
        var r = Eval(input, LoanOfficerTierParameters.Default with { NoLoansIsZeroOverdue = false });
        Assert.Equal(LoanOfficerTier.Assistant, r.Tier);
        Assert.Contains("无数据（月末无贷款）", r.Explanation);
    }

    [Fact]
    public void BadInput_LocatedChineseProblems()
    {
        var input = Input(12, handled: -1) with
        {
            Month = 13,
            MonthEnds = [new MonthEndLoans(Balance: 100, OverdueBalance: 200), new MonthEndLoans(OverdueRate: 120)],
        };
        var r = LoanOfficerTiers.Evaluate(LoanOfficerTierParameters.Default, input);
        Assert.False(r.IsValid);
        var text = string.Join("\n", r.Problems);
        Assert.Contains("月份：应为 1–12（13）", text);
        Assert.Contains("经办贷款笔数：不能为负数（-1）", text);
        Assert.Contains("考核前第 2 个月末贷款质量·逾期贷款余额：200 大于贷款余额 100", text);
        Assert.Contains("考核前月末贷款质量·逾期率：应在 0%–100% 之间（120%）", text);
    }

    [Fact]
    public void FutureDates_AndIntermediateBeforeJunior_AreProblems()
    {
        var input = Input(12) with { CreditWorkStart = new DateOnly(2026, 8, 1), JuniorSince = new DateOnly(2025, 1, 1), IntermediateSince = new DateOnly(2024, 1, 1) };
        var text = string.Join("\n", LoanOfficerTiers.Evaluate(LoanOfficerTierParameters.Default, input).Problems);
        Assert.Contains("从事信贷工作起始日：2026-08-01 晚于考核月份", text);
        Assert.Contains("评定为中级客户经理日期：2024-01-01 早于评定为初级客户经理日期 2025-01-01", text);
    }
}

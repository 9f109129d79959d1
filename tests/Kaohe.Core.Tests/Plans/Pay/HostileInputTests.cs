using FsCheck.Xunit;
using Kaohe.Core.Plans.Pay;
using Xunit;

namespace Kaohe.Core.Tests.Plans.Pay;

/// <summary>Extreme and hostile values give Chinese problems, never exceptions.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void ExtremeParameters_AreProblems()
    {
        var p = LoanOfficerPayParameters.Default with
        {
            SeniorBasePay = decimal.MaxValue,
            Tiers = LoanOfficerTierParameters.Default with { JuniorCreditMonths = int.MaxValue, MeanOverdueMonths = 0 },
            CountPay = CountPayParameters.Default with { Bands = [new(1, decimal.MaxValue, decimal.MaxValue)] },
            Referral = ReferralParameters.Default with { Bands = [] },
        };
        var r = LoanOfficerPay.Compute(p, new LoanOfficerMonthInput { Tier = LoanOfficerTierTests.Input(10) });
        var text = string.Join("\n", r.Problems);
        Assert.Contains("方案·高级客户经理基础薪酬：应为 0–1000000000 元", text);
        Assert.Contains("方案·初级所需信贷工作月数：应为 0–1200 个月", text);
        Assert.Contains("方案·平均逾期率月数：应为 1–24（0）", text);
        Assert.Contains("方案·推荐奖励表：至少需要一档", text);
        Assert.Contains("方案·放款笔数计件表第 1 档", text);
    }

    [Fact]
    public void AncientDates_AndTinyTargets_AreProblems()
    {
        var input = AssistantPayTests.Input(sales: 1_000_000_000, target: 0.0000001m) with { HireDate = DateOnly.MinValue };
        var text = string.Join("\n", AssistantPay.Compute(AssistantPayParameters.Default, input).Problems);
        Assert.Contains("入职日期：0001-01-01 早于 1900 年", text);
        Assert.Contains("当月销售考核指标：应为 0 或不少于 0.01 元", text);
        var bank = BankGrades.Evaluate(BankGradeParameters.Default, new BankGradeInput { Year = 2026, Month = 7, BankWorkStart = DateOnly.MinValue, PriorBankMonths = 1200 });
        Assert.Contains("银行工作起始日：0001-01-01 早于 1900 年", string.Join("\n", bank.Problems));
    }

    [Property(MaxTest = 300)]
    public bool Assistant_NeverThrows(int year, int month, int days, decimal sales, decimal target, int machines, int buckets, int tenure, decimal rho, decimal bonusBase)
    {
        var input = new AssistantMonthInput
        {
            Year = year, Month = month, HireDate = new DateOnly(2000, 1, 1).AddDays(Math.Abs(tenure % 20000)), DaysWorked = days,
            SalesActual = sales, SalesTarget = target, MachinesCleaned = machines, BucketsRegular = buckets, BucketsUpgraded = buckets,
        };
        var p = AssistantPayParameters.Default with { SeniorityPay = 10, Bonus = AssistantBonusParameters.Default with { BucketsPerMachine = rho, BonusBase = bonusBase } };
        var r = AssistantPay.Compute(p, input);
        return r.IsValid ? r.Total == r.Lines.Sum(l => l.Amount) : r.Lines.IsEmpty && r.Problems.All(x => x.Field.Length > 0 && x.Message.Length > 0);
    }

    [Property(MaxTest = 300)]
    public bool LoanOfficer_NeverThrows(int year, int month, int handled, int managed, int fresh, int renewals, decimal amount, decimal balance, decimal overdue, decimal rate)
    {
        var input = new LoanOfficerMonthInput
        {
            Tier = new LoanOfficerTierInput
            {
                Year = year, Month = month, CreditWorkStart = new DateOnly(2020, 1, 1), JuniorSince = new DateOnly(2021, 1, 1),
                LoansHandled = handled, LoansManaged = managed,
                MonthEnds = [new MonthEndLoans(balance, overdue), new MonthEndLoans(OverdueRate: rate), new MonthEndLoans(balance, overdue, 3, 1)],
            },
            Loans = new LoanCounts(fresh, renewals),
            Referrals = [new ReferredLoan(amount)],
        };
        var p = LoanOfficerPayParameters.Default with { CountPay = CountPayParameters.Default with { Beyond = BeyondTable.LastBandRate } };
        var weighted = p with { Tiers = p.Tiers with { OverdueMean = OverdueMean.Weighted } };
        foreach (var pp in new[] { p, weighted })
        {
            var r = LoanOfficerPay.Compute(pp, input);
            if (r.IsValid ? r.Total != r.Lines.Sum(l => l.Amount) : !r.Lines.IsEmpty) return false;
        }
        return true;
    }
}

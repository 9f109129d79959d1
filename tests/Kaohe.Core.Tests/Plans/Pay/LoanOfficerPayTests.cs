using Kaohe.Core.Plans.Pay;
using Xunit;

namespace Kaohe.Core.Tests.Plans.Pay;

/// <summary>PR-03 and the loan officer's whole month (TPL-27).</summary>
public sealed class LoanOfficerPayTests
{
    private static PayResult Pay(LoanOfficerMonthInput input, LoanOfficerPayParameters? p = null)
    {
        var r = LoanOfficerPay.Compute(p ?? LoanOfficerPayParameters.Default, input);
        Assert.True(r.IsValid, string.Join("\n", r.Problems));
        Assert.Equal(r.Total, r.Lines.Sum(l => l.Amount));
        return r;
    }

    [Fact]
    public void Junior_BasePay2200()
    {
        var r = Pay(new LoanOfficerMonthInput { Tier = LoanOfficerTierTests.Input(14, handled: 35, rates: [0.8m]) });
        var line = r.Lines.Single(l => l.Label == "基础薪酬");
        Assert.Equal(2200, line.Amount);
        Assert.EndsWith("→ 初级客户经理基础薪酬 2200 元", line.Explanation);
        Assert.Contains("评定为初级客户经理", r.Notes.Single());
    }

    [Fact]
    public void Senior_BasePay3500()
    {
        var input = LoanOfficerTierTests.Input(60, handled: 300, managed: 80, juniorMonths: 40, intermediateMonths: 13, rates: [1m, 1m, 1m]);
        Assert.Equal(3500, Pay(new LoanOfficerMonthInput { Tier = input }).Lines[0].Amount);
    }

    [Theory]
    [InlineData(4, 0, null, 1800)]
    [InlineData(14, 0, null, 2200)]
    [InlineData(30, 13, null, 2700)]
    [InlineData(60, 40, 13, 3500)]
    public void BasePay_ByTier(int creditMonths, int juniorMonths, int? intermediateMonths, decimal expected)
    {
        var input = LoanOfficerTierTests.Input(creditMonths, handled: 100, managed: 80, juniorMonths: juniorMonths == 0 ? null : juniorMonths,
            intermediateMonths: intermediateMonths, rates: [1m, 1m, 0.5m]);
        Assert.Equal(expected, Pay(new LoanOfficerMonthInput { Tier = input }).Lines[0].Amount);
    }

    [Fact]
    public void WholeMonth_LinesAndTotal()
    {
        var input = new LoanOfficerMonthInput
        {
            Tier = LoanOfficerTierTests.Input(14, handled: 35, rates: [0.8m]),
            Loans = new LoanCounts(1, Extensions: 1),
            Referrals = [new ReferredLoan(30_000), new ReferredLoan(55_000), new ReferredLoan(1_500_000, Disbursed: false)],
            QualityPay = 123.456m,
        };
        var r = Pay(input);
        Assert.Equal(["基础薪酬", "放款笔数绩效薪酬", "贷款推荐奖励", "贷款质量绩效薪酬"], r.Lines.Select(l => l.Label));
        Assert.Equal([2200m, 45m, 80m, 123.46m], r.Lines.Select(l => l.Amount));
        Assert.Equal(2448.46m, r.Total);
        Assert.Equal("第 1 笔 3 万元，属于 1–5 万元 一档，奖励 30 元；第 2 笔 5.5 万元，属于 6–10 万元 一档，奖励 50 元；第 3 笔 150 万元，未成功发放，不奖励；合计 80 元",
            r.Lines[2].Explanation);
        Assert.Equal("按录入金额 123.46 元（办法未给出计算方法）", r.Lines[3].Explanation);
    }

    [Fact]
    public void BasePays_AreParameters()
    {
        var p = LoanOfficerPayParameters.Default with { AssistantBasePay = 2000 };
        Assert.Equal(2000, Pay(new LoanOfficerMonthInput { Tier = LoanOfficerTierTests.Input(2) }, p).Lines[0].Amount);
    }

    [Fact]
    public void BadInput_AllProblemsAtOnce_NoLines()
    {
        var input = new LoanOfficerMonthInput
        {
            Tier = LoanOfficerTierTests.Input(2) with { Year = 1800 },
            Referrals = [new ReferredLoan(0)],
            BalancePay = -5,
        };
        var r = LoanOfficerPay.Compute(LoanOfficerPayParameters.Default with { SeniorBasePay = -1 }, input);
        Assert.False(r.IsValid);
        Assert.Empty(r.Lines);
        var text = string.Join("\n", r.Problems);
        Assert.Contains("年份：应为 1900–2200 之间的年份（1800）", text);
        Assert.Contains("推荐贷款第 1 笔金额：应大于 0", text);
        Assert.Contains("贷款余额绩效薪酬：应为 0–10000000 元（-5）", text);
        Assert.Contains("方案·高级客户经理基础薪酬：应为 0–1000000000 元（-1）", text);
    }
}

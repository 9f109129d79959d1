using Kaohe.Core.Plans.Pay;
using Xunit;

namespace Kaohe.Core.Tests.Plans.Pay;

/// <summary>LN-10, OF-01, UB-12, WS-07 and PR-04: the 大客户经理助理's month (TPL-29).</summary>
public sealed class AssistantPayTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 31);

    internal static AssistantMonthInput Input(decimal sales = 900, decimal target = 1000, int machines = 100, int buckets = 1000,
        int tenureMonths = 8, int days = 26, bool full = true) => new()
    {
        Year = 2026, Month = 7, HireDate = AsOf.AddMonths(-tenureMonths), DaysWorked = days, FullAttendance = full,
        SalesActual = sales, SalesTarget = target, MachinesCleaned = machines, BucketsRegular = buckets,
    };

    internal static PayResult Pay(AssistantMonthInput input, AssistantPayParameters? p = null)
    {
        var r = AssistantPay.Compute(p ?? AssistantPayParameters.Default, input);
        Assert.True(r.IsValid, string.Join("\n", r.Problems));
        Assert.Equal(r.Total, r.Lines.Sum(l => l.Amount));
        return r;
    }

    private static decimal Amount(PayResult r, string label) => r.Lines.Single(l => l.Label == label).Amount;

    private static readonly string[] BonusLabels = ["销售指标奖金", "清洗饮水机、送水奖金", "超额洗机薪资", "超额送水薪资"];

    private static decimal Bonus(PayResult r) => r.Lines.Where(l => BonusLabels.Contains(l.Label) || l.Label is "清洗饮水机奖金" or "送水奖金").Sum(l => l.Amount);

    private static AssistantPayParameters With(Func<AssistantBonusParameters, AssistantBonusParameters> f) =>
        AssistantPayParameters.Default with { Bonus = f(AssistantBonusParameters.Default) };

    // ---------------------------------------------------------------- LN-10 / PC-05

    [Theory]
    [InlineData("900", "1000", "414")]     // example 1, Appendix B 53
    [InlineData("790", "1000", "0")]       // example 2
    [InlineData("1150", "1000", "460")]    // example 3 (capped)
    [InlineData("799.99", "1000", "0")]
    [InlineData("800", "1000", "368")]
    [InlineData("800.01", "1000", "368")]  // 368.0046 → 368.00
    [InlineData("1000", "1000", "460")]
    [InlineData("1000.01", "1000", "460")]
    [InlineData("2", "3", "0")]            // 66.67%
    [InlineData("17", "20", "391")]        // 85%
    public void Sales(string actual, string target, string expected) =>
        Assert.Equal(Kit.D(expected), Amount(Pay(Input(Kit.D(actual), Kit.D(target))), "销售指标奖金"));

    [Fact]
    public void Sales_Uncapped_529_AndProRataRounding()
    {
        Assert.Equal(529, Amount(Pay(Input(1150, 1000), With(b => b with { SalesAboveFull = SalesAboveFull.Proportional })), "销售指标奖金"));
        // 5/6 = 83.33…%: 460 × 5/6 = 383.333… → 383.33 at payout
        var r = Pay(Input(5, 6));
        Assert.Equal(383.33m, Amount(r, "销售指标奖金"));
        Assert.Equal("实际完成额 5 ÷ 当月考核指标 6 = 完成率 83.3333%，按实际完成率计：2300 × 20% × 83.3333% = 383.33 元", r.Lines.Single(l => l.Label == "销售指标奖金").Explanation);
    }

    [Fact]
    public void Sales_ZeroTarget_FullByDefault_NoneOtherwise()
    {
        Assert.Equal(460, Amount(Pay(Input(0, 0)), "销售指标奖金"));
        Assert.Equal(0, Amount(Pay(Input(50, 0), With(b => b with { ZeroSalesTarget = ZeroSalesTarget.None })), "销售指标奖金"));
    }

    [Fact]
    public void Sales_BelowGate_Explained()
    {
        var line = Pay(Input(79, 100)).Lines.Single(l => l.Label == "销售指标奖金");
        Assert.Equal("实际完成额 79 ÷ 当月考核指标 100 = 完成率 79%，低于 80%，无此项奖金 → 0 元", line.Explanation);
    }

    // ---------------------------------------------------------------- OF-01 / UB-12

    [Theory]
    [InlineData(120, 1100, "2", "2120")]  // example 1
    [InlineData(90, 1100, "2", "2000")]   // example 2, Appendix B 51
    [InlineData(90, 1100, "10", "1840")]
    [InlineData(80, 1020, "2", "40")]     // example 3
    [InlineData(80, 1020, "10", "40")]
    [InlineData(130, 950, "2", "1860")]   // example 4, Appendix B 52
    [InlineData(130, 950, "10", "1940")]
    [InlineData(100, 1000, "2", "1840")]  // D = 100 exactly is met
    [InlineData(99, 1000, "2", "0")]      // one short, nothing to offset
    [InlineData(101, 1000, "2", "1844")]
    [InlineData(100, 999, "2", "0")]
    [InlineData(100, 1001, "2", "1842")]
    [InlineData(99, 1002, "2", "1840")]   // 1 machine short, exactly 2 surplus buckets
    [InlineData(99, 1001, "2", "2")]      // 2 buckets needed, 1 available: item fails, the surplus bucket paid
    [InlineData(95, 990, "2", "0")]       // both short
    public void Service(int machines, int buckets, string rho, string expected)
    {
        var r = Pay(Input(sales: 0, machines: machines, buckets: buckets), With(b => b with { BucketsPerMachine = Kit.D(rho) }));
        Assert.Equal(Kit.D(expected), Bonus(r));
    }

    [Fact]
    public void Example3_VoidingReading_Zero()
    {
        var r = Pay(Input(sales: 0, machines: 80, buckets: 1020), With(b => b with { ExtrasWhenItemFails = ExtrasWhenItemFails.Voided }));
        Assert.Equal(0, Bonus(r));
        Assert.Contains("按方案不计", r.Lines.Single(l => l.Label == "超额送水薪资").Explanation);
    }

    [Fact]
    public void Example2_Explanations()
    {
        var r = Pay(Input(sales: 0, machines: 90, buckets: 1100));
        Assert.Equal("清洗饮水机 90 台，比标准 100 台少 10 台；送水 1100 桶，超过标准 1000 桶 100 桶，少的 10 台用 20 桶抵消（1 台折 2 桶）；完成率 100% → 2300 × 80% = 1840 元",
            r.Lines.Single(l => l.Label == "清洗饮水机、送水奖金").Explanation);
        Assert.Equal("超出标准 100 桶，其中 20 桶已用于抵消，计薪 80 桶：80 × 2 = 160 元", r.Lines.Single(l => l.Label == "超额送水薪资").Explanation);
    }

    [Fact]
    public void OffsetUnitsEarnExtras_Reading()
    {
        var r = Pay(Input(sales: 0, machines: 90, buckets: 1100), With(b => b with { OffsetUnitsEarnExtras = true }));
        Assert.Equal(1840 + 200, Bonus(r));
    }

    [Fact]
    public void Halves_PayTheMetHalf()
    {
        var p = With(b => b with { ServiceItems = ServiceItems.Halves });
        var r = Pay(Input(sales: 0, machines: 80, buckets: 1000), p);
        Assert.Equal(0, Amount(r, "清洗饮水机奖金"));
        Assert.Equal(920, Amount(r, "送水奖金"));
        Assert.Equal(1840 + 160, Bonus(Pay(Input(sales: 0, machines: 90, buckets: 1100), p)));
    }

    // ---------------------------------------------------------------- WS-07 and PR-04

    [Fact]
    public void WS07_Bonus2414()
    {
        var r = Pay(Input(sales: 900, target: 1000, machines: 90, buckets: 1100));
        Assert.Equal(2414, Bonus(r));
    }

    [Fact]
    public void PR04_Example1_3474()
    {
        var r = Pay(Input(sales: 900, target: 1000, machines: 90, buckets: 1100, tenureMonths: 8, days: 26, full: true));
        Assert.Equal(3474, r.Total);
        Assert.Equal(["基本工资", "午餐补贴", "满勤奖", "工龄奖", "养老补贴", "销售指标奖金", "清洗饮水机、送水奖金", "超额洗机薪资", "超额送水薪资"], r.Lines.Select(l => l.Label));
        Assert.Equal([900m, 130m, 30m, 0m, 0m, 414m, 1840m, 0m, 160m], r.Lines.Select(l => l.Amount));
        Assert.Equal("入职 8 个月 1 天，未满 12 个月 → 0 元", r.Lines[3].Explanation);
    }

    [Fact]
    public void PR04_Example2_3010()
    {
        var input = Input(sales: 500, target: 1000, machines: 100, buckets: 1000, tenureMonths: 24, days: 24, full: false) with { SeniorityPay = 50 };
        var r = Pay(input);
        Assert.Equal(3010, r.Total);
        Assert.Equal(1840, Bonus(r));
        Assert.Equal(50, Amount(r, "工龄奖"));
        Assert.Equal(100, Amount(r, "养老补贴"));
        Assert.Equal(0, Amount(r, "满勤奖"));
        // the same amount from the plan instead of the month's data
        Assert.Equal(3010, Pay(input with { SeniorityPay = null }, AssistantPayParameters.Default with { SeniorityPay = 50 }).Total);
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    [InlineData(13, true)]
    public void Seniority_AtOneYear(int months, bool paid)
    {
        var r = Pay(Input(tenureMonths: months), AssistantPayParameters.Default with { SeniorityPay = 50 });
        Assert.Equal(paid ? 100 : 0, Amount(r, "养老补贴"));
        Assert.Equal(paid ? 50 : 0, Amount(r, "工龄奖"));
    }

    [Fact]
    public void Seniority_StrictReading_ExactlyOneYearNotYet()
    {
        var p = AssistantPayParameters.Default with { SeniorityPay = 50, SeniorityMonthsStrict = true };
        Assert.Equal(0, Amount(Pay(Input(tenureMonths: 12), p), "养老补贴"));
    }

    [Fact]
    public void Seniority_AmountUnknown_IsAProblem()
    {
        var r = AssistantPay.Compute(AssistantPayParameters.Default, Input(tenureMonths: 24));
        Assert.Equal("工龄奖：入职 24 个月，已满 12 个月，应发工龄奖，但方案和本月数据都没有给出工龄奖每月金额", r.Problems.Single().ToString());
    }

    [Fact]
    public void Lunch_PerWorkingDay_Reading()
    {
        var p = AssistantPayParameters.Default with { LunchBasis = LunchBasis.WorkingDays };
        Assert.Equal(130, Amount(Pay(Input(days: 24, full: false) with { WorkingDays = 26 }, p), "午餐补贴"));
        Assert.Equal("应出勤天数：方案按应出勤天数发午餐补贴，需要填写", AssistantPay.Compute(p, Input()).Problems.Single().ToString());
    }

    [Fact]
    public void BucketsOfBothVersionsCount()
    {
        var r = Pay(Input(sales: 0, machines: 100, buckets: 600) with { BucketsUpgraded = 450 });
        Assert.Equal(1840 + 100, Bonus(r));
    }

    [Fact]
    public void BadInput_LocatedProblems()
    {
        var input = Input(days: 32, target: -1, machines: -3) with { WorkingDays = 20, FullAttendance = true, HireDate = new DateOnly(2026, 8, 2) };
        var r = AssistantPay.Compute(AssistantPayParameters.Default with { Bonus = AssistantBonusParameters.Default with { BucketsPerMachine = 0, SalesShare = 30 } }, input);
        var text = string.Join("\n", r.Problems);
        Assert.Contains("出勤天数：应为 0–31（32）", text);
        Assert.Contains("当月销售考核指标：不能为负数（-1）", text);
        Assert.Contains("清洗饮水机台数：应为 0–10000000 的整数（-3）", text);
        Assert.Contains("入职日期：2026-08-02 晚于考核月份", text);
        Assert.Contains("方案·一台洗机折合送水桶数：应大于 0 且不超过 1000000（0）", text);
        Assert.Contains("方案·销售指标权重：销售 30% 与清洗送水 80% 合计超过 100%", text);
        Assert.Empty(r.Lines);
    }

    [Fact]
    public void FullAttendance_WithFewerDaysThanRequired_IsAProblem()
    {
        var r = AssistantPay.Compute(AssistantPayParameters.Default, Input(days: 20, full: true) with { WorkingDays = 26 });
        Assert.Equal("满勤：出勤 20 天少于应出勤 26 天，不能是满勤", r.Problems.Single().ToString());
    }
}

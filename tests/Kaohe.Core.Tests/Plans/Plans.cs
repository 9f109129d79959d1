using Xunit;
using Kaohe.Core.Plans;

namespace Kaohe.Core.Tests.Plans;

/// <summary>The three source plans with their documented defaults, built in code (the YAML copies are tested in Kaohe.Schemes.Tests).</summary>
internal static class Plans
{
    public static readonly KpiRules Kpi80 = new(0.8m, [], [new("部门经理", 0.5m), new("销售管理", 0.2m), new("销售总监", 0.3m)]);

    /// <summary>Doc A with the illustrative 5% rate (the source gives none).</summary>
    public static KeyAccountPlan DocA(decimal rate = 0.05m) => new(
        "TPL-24", "大客户部客户经理季度奖金方案", 1.17m, null,
        new QuarterRules(null, rate, RateMode.Whole, OverTargetInQuarter.Carry),
        new ShortfallRules(ShortfallMode.Net, false),
        new FloatingWageRules(FloatingWageCondition.Base, true),
        0m,
        new AnnualRules(AnnualMode.Progressive, rate, rate, RateMode.Whole, rate, ClawbackPolicy.Offset, true, YearEnd.Settle),
        Kpi80,
        new RevenueRules(new Dictionary<RevenueType, RevenueTreatment>
        {
            [RevenueType.Product] = new(1m, true, null),
            [RevenueType.Implementation] = new(1m, true, null),
            [RevenueType.NotInFunnel] = new(1m, false, null),
        }, true, null, null, null, false, false),
        HalfYear.Calendar, false);

    public static KeyAccountPlan DocB() => new(
        "TPL-25", "大客户销售人员奖金方案", 1m, null,
        new QuarterRules(0.01424m, 0.0712m, RateMode.Whole, OverTargetInQuarter.Accrue, BigTicket: new(50_000m, 0.4m, BigTicketFallback.Usual)),
        new ShortfallRules(ShortfallMode.Net, false),
        new FloatingWageRules(FloatingWageCondition.None, false),
        0m,
        new AnnualRules(AnnualMode.Progressive, 0.01424m, 0.0712m, RateMode.Whole, 0.09968m, ClawbackPolicy.Offset, true, YearEnd.Settle),
        Kpi80 with { FixedShare = 0.7m, Raters = [] },
        new RevenueRules(new Dictionary<RevenueType, RevenueTreatment>
        {
            [RevenueType.Product] = new(1m, true, null),
            [RevenueType.Implementation] = new(1m, true, null),
            [RevenueType.ModuleService] = new(0.5m, true, null),
            [RevenueType.Service] = new(0m, false, 0.05m),
            [RevenueType.Maintenance] = new(0m, false, 0.05m),
            [RevenueType.Training] = new(0m, false, 0.05m),
            [RevenueType.Supplies] = new(0m, false, 0.05m),
            [RevenueType.DataConversion] = new(0m, false, null),
            [RevenueType.NotInFunnel] = new(0m, false, null),
        }, false, new JointSplitRule(0.7m, true), 0.3m, 100m, false, false),
        HalfYear.None, false);

    public static KeyAccountPlan DocC() => new(
        "TPL-26", "大客户部销售人员季度奖金方案", 1m, 0.5m,
        new QuarterRules(null, 0.04m, RateMode.Whole, OverTargetInQuarter.Carry, 300_000m, 0.05m),
        new ShortfallRules(ShortfallMode.Fifo, true),
        new FloatingWageRules(FloatingWageCondition.Target, false),
        600m,
        new AnnualRules(AnnualMode.None, 0.04m, 0.04m, RateMode.Whole, 0.05m, ClawbackPolicy.Offset, true, YearEnd.CarryOver),
        Kpi80 with { Raters = [] },
        new RevenueRules(new Dictionary<RevenueType, RevenueTreatment>
        {
            [RevenueType.Product] = new(1m, true, null),
            [RevenueType.Implementation] = new(1m, false, 0.06m),
            [RevenueType.TransferredImplementation] = new(1m, false, 0.04m),
            [RevenueType.Maintenance] = new(0m, false, 0.06m),
            [RevenueType.Training] = new(0m, false, 0.06m),
            [RevenueType.SecondaryDevelopment] = new(1m, true, null),
            [RevenueType.NotInFunnel] = new(0m, false, null),
        }, false, null, null, null, true, true),
        HalfYear.None, true);

    public const decimal Wan = 10_000m;

    /// <summary>A quarter of plain product collections with k = 1.</summary>
    public static QuarterInput Q(int quarter, decimal revenue, decimal target, decimal? @base = null, decimal k = 1m, decimal wage = 0m) =>
        new(quarter, target, @base, new Dictionary<RevenueType, decimal> { [RevenueType.Product] = revenue }, KpiInput.Of(k), wage);

    public static PersonLedger Run(KeyAccountPlan plan, params QuarterInput[] quarters) => Run(plan, null, quarters);

    public static PersonLedger Run(KeyAccountPlan plan, LedgerState? start, params QuarterInput[] quarters)
    {
        var outcome = LedgerEngine.Run(plan, new PersonLedgerInput("张三", "A01", 2026, quarters), start);
        Assert.True(outcome.Problems.Count == 0, string.Join("\n", outcome.Problems));
        return outcome.Ledger!;
    }
}

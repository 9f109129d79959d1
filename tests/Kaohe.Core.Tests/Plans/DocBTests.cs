using Kaohe.Core.Plans;
using Xunit;
using static Kaohe.Core.Tests.Plans.Plans;

namespace Kaohe.Core.Tests.Plans;

/// <summary>Doc B: 1.424% / 7.12% whole-amount quarterly rates, 9.968% above the year's target, annual true-up with clawback.</summary>
public class DocBTests
{
    private static QuarterInput B(int q, decimal wan) => Q(q, wan * Wan, 100 * Wan, 50 * Wan);

    [Fact]
    public void Year_QuarterlyRatesAndPositiveTrueUp()
    {
        var l = Run(DocB(), B(1, 40), B(2, 80), B(3, 120), B(4, 220));
        Assert.Equal([5_696m, 49_840m, 85_440m, 156_640m], l.Periods.Select(p => p.Accrued));
        Assert.Equal(10 * Wan, l.Periods[0].Shortfall);
        Assert.Equal(70 * Wan, l.Periods[1].Credited);
        Assert.Equal(297_616m, l.Annual!.QuarterlyAccrued);
        Assert.Equal(344_608m, l.Annual.Accrued);
        Assert.Equal(46_992m, l.Annual.TrueUp);
        Assert.Equal(46_992m, l.Annual.TrueUpActual);
    }

    [Fact]
    public void NoNettingReading_UsesTheRawQuarter()
    {
        var plan = DocB() with { Shortfall = new ShortfallRules(ShortfallMode.None, false) };
        var l = Run(plan, B(1, 40), B(2, 80), B(3, 120), B(4, 220));
        Assert.Equal(56_960m, l.Periods[1].Accrued);
        Assert.Equal(304_736m, l.Annual!.QuarterlyAccrued);
        Assert.Equal(39_872m, l.Annual.TrueUp);
    }

    [Fact]
    public void GraduatedReading_RatesTheBaseAt1424()
    {
        var plan = DocB() with { Quarter = DocB().Quarter with { Mode = RateMode.Graduated } };
        Assert.Equal(28_480m, Run(plan, B(2, 80)).Periods[0].Accrued);
    }

    [Fact]
    public void Clawback_NegativeTrueUp_IsOffsetAgainstNextYearsBonus()
    {
        var l = Run(DocB(), B(1, 60), B(2, 40), B(3, 50), B(4, 40));
        Assert.Equal([42_720m, 5_696m, 5_696m, 4_272m], l.Periods.Select(p => p.Accrued));
        Assert.Equal(58_384m, l.Annual!.QuarterlyAccrued);
        Assert.Equal(27_056m, l.Annual.Accrued);
        Assert.Equal(-31_328m, l.Annual.TrueUp);
        Assert.Equal(31_328m, l.Annual.Clawback);
        var next = LedgerEngine.Run(DocB(), new PersonLedgerInput("张三", "A01", 2027, [B(1, 60), B(2, 60)]), l.State).Ledger!;
        Assert.Equal(42_720m - 31_328m, next.Periods[0].Actual);
        Assert.Equal(31_328m, next.Periods[0].ClawbackOffset);
        Assert.Equal(42_720m, next.Periods[1].Actual);
    }

    [Fact]
    public void Clawback_FloorPolicy_KeepsTheTrueUpAtZero()
    {
        var plan = DocB() with { Annual = DocB().Annual with { Clawback = ClawbackPolicy.Floor } };
        var l = Run(plan, B(1, 60), B(2, 40), B(3, 50), B(4, 40));
        Assert.Equal(0m, l.Annual!.TrueUp);
        Assert.Equal(0m, l.Annual.Clawback);
    }

    [Fact]
    public void TrueUp_TakesTheYearsMeanKpi()
    {
        var l = Run(DocB(), Q(1, 40 * Wan, 100 * Wan, 50 * Wan, k: 1.2m), Q(2, 80 * Wan, 100 * Wan, 50 * Wan, k: 0.8m),
            Q(3, 120 * Wan, 100 * Wan, 50 * Wan, k: 1.2m), Q(4, 220 * Wan, 100 * Wan, 50 * Wan, k: 0.8m));
        Assert.Equal(46_992m, l.Annual!.TrueUp);
        Assert.Equal(46_992m, l.Annual.TrueUpActual);   // mean k = 1
        Assert.Equal(10_600m * 5_696m / 10_000m, l.Periods[0].Actual);
    }

    [Theory]
    [InlineData("1.2", "0.7", 10_600)]
    [InlineData("0.5", "0.7", 8_500)]
    [InlineData("0.82", "0.8", 9_640)]
    [InlineData("0", "0.8", 8_000)]
    public void ActualBonus_FixedPlusVariableTimesKpi(string k, string alpha, decimal actual)
    {
        static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        // 10,000 accrued: 1,000,000 at a plain 1% with no divisor.
        var plan = DocB() with
        {
            Quarter = new QuarterRules(null, 0.01m, RateMode.Whole, OverTargetInQuarter.Accrue),
            Kpi = DocB().Kpi with { FixedShare = D(alpha) },
        };
        var p = Run(plan, Q(1, 100 * Wan, 100 * Wan, 50 * Wan, D(k))).Periods[0];
        Assert.Equal(10_000m, p.Accrued);
        Assert.Equal(actual, p.Actual);
    }

    [Fact]
    public void BigTicket_ConditionMet_WholeAt712_EvenUnderTheGraduatedReading()
    {
        var plan = DocB() with { Quarter = DocB().Quarter with { Mode = RateMode.Graduated } };
        var q = Q(1, 20 * Wan, 30 * Wan, 15 * Wan) with { Deals = [8 * Wan, 6 * Wan, 3 * Wan, 2 * Wan, 1 * Wan] };
        Assert.Equal(14_240m, Run(plan, q).Periods[0].Accrued);
    }

    [Fact]
    public void BigTicket_ExactlyFiftyThousandIsNotBig_AndTheFailedCaseSaysTheTextIsIncomplete()
    {
        var q = Q(1, 18 * Wan, 30 * Wan, 15 * Wan) with { Deals = [6 * Wan, 3 * Wan, 3 * Wan, 3 * Wan, 3 * Wan] };
        var p = Run(DocB(), q).Periods[0];
        Assert.Contains(p.Explanation, e => e.Contains("条文残缺"));
        var refuse = DocB() with { Quarter = DocB().Quarter with { BigTicket = new(50_000m, 0.4m, BigTicketFallback.Refuse) } };
        var five = Q(1, 18 * Wan, 30 * Wan, 15 * Wan) with { Deals = [5 * Wan, 5 * Wan, 5 * Wan, 3 * Wan] };
        Assert.Contains(LedgerEngine.Run(refuse, new PersonLedgerInput("张三", "", 2026, [five])).Problems, x => x.Field == "单笔金额");
    }

    [Theory]
    [InlineData(JointParty.Signer, JointParty.Signer, false, 700_000)]
    [InlineData(JointParty.Local, JointParty.Signer, false, 300_000)]
    [InlineData(JointParty.Signer, JointParty.Local, false, 300_000)]
    [InlineData(JointParty.Local, JointParty.Local, false, 700_000)]
    [InlineData(JointParty.Signer, JointParty.Local, true, 1_000_000)]
    [InlineData(JointParty.Local, JointParty.Signer, true, 0)]
    public void JointSale_SplitByWhoCollects(JointParty party, JointParty collector, bool tobacco, decimal credited)
    {
        var q = new QuarterInput(1, 100 * Wan, 50 * Wan, new Dictionary<RevenueType, decimal>(), KpiInput.Of(1),
            JointSales: [new JointSale(100 * Wan, party, collector, tobacco)]);
        Assert.Equal(credited, Crediting.Credit(DocB().Revenue, q, []).Task);
    }

    [Fact]
    public void JointSale_ImplementationGoesWhollyToTheProvider()
    {
        var q = new QuarterInput(1, 100 * Wan, 50 * Wan, new Dictionary<RevenueType, decimal> { [RevenueType.Implementation] = 20 * Wan }, KpiInput.Of(1),
            JointSales: [new JointSale(100 * Wan, JointParty.Local, JointParty.Signer, false)]);
        Assert.Equal(50 * Wan, Crediting.Credit(DocB().Revenue, q, []).Task);
    }

    [Fact]
    public void RevenueTypes_ModuleServiceHalf_TrainingFivePercent_DataConversionNothing_Databases()
    {
        var q = new QuarterInput(1, 100 * Wan, 50 * Wan, new Dictionary<RevenueType, decimal>
        {
            [RevenueType.ModuleService] = 2 * Wan, [RevenueType.Training] = 3 * Wan, [RevenueType.DataConversion] = 9 * Wan,
        }, KpiInput.Of(1), DatabaseSets: 10);
        var c = Crediting.Credit(DocB().Revenue, q, []);
        Assert.Equal(1 * Wan, c.Task);
        Assert.Equal(1_500m, c.Separate);
        Assert.Equal(1_000m, c.Reimbursement);
    }

    [Fact]
    public void ImplementationFloor_BelowThirtyPercent_IsFlagged()
    {
        var q = new QuarterInput(1, 100 * Wan, 50 * Wan, new Dictionary<RevenueType, decimal> { [RevenueType.Implementation] = 25 * Wan }, KpiInput.Of(1),
            ContractTotal: 100 * Wan);
        Assert.Single(Crediting.Credit(DocB().Revenue, q, []).Warnings);
        var ok = q with { Revenue = new Dictionary<RevenueType, decimal> { [RevenueType.Implementation] = 30 * Wan } };
        Assert.Empty(Crediting.Credit(DocB().Revenue, ok, []).Warnings);
    }

    [Fact]
    public void NotInFunnel_CountsForNeither()
    {
        var q = new QuarterInput(1, 100 * Wan, 50 * Wan, new Dictionary<RevenueType, decimal> { [RevenueType.NotInFunnel] = 50 * Wan }, KpiInput.Of(1));
        var p = Run(DocB(), q).Periods[0];
        Assert.Equal(0m, p.Revenue);
        Assert.Equal(0m, p.Accrued);
    }

    [Fact]
    public void Contribution_SplitsTheProjectRevenue()
    {
        decimal Credit(decimal share) => Crediting.Credit(DocA().Revenue,
            Q(1, 60 * Wan, 100 * Wan, 50 * Wan) with { Share = share }, []).Task;
        Assert.Equal([30 * Wan, 18 * Wan, 12 * Wan], new[] { Credit(0.5m), Credit(0.3m), Credit(0.2m) });
    }
}

/// <summary>The "bonus" reading of a contribution share (Doc B/C "收入或奖金").</summary>
public class ContributionBonusSplitTests
{
    [Fact]
    public void BonusSplit_FullTaskCredit_BonusTimesShare()
    {
        var plan = DocC() with { Revenue = DocC().Revenue with { Split = ContributionSplit.Bonus } };
        var q = new QuarterInput(1, 20 * Wan, null, new Dictionary<RevenueType, decimal>
        {
            [RevenueType.Product] = 15 * Wan, [RevenueType.Maintenance] = 5 * Wan,
        }, KpiInput.Of(1), Share: 0.4m);
        var p = Run(plan, q).Periods[0];
        Assert.Equal(15 * Wan, p.Revenue);                   // full task credit
        Assert.Equal(6 * Wan * 0.04m, p.EngineAccrued);       // 40% of 15万 at 4%
        Assert.Equal(2 * Wan * 0.06m, p.SeparateBonus);       // 40% of 5万 at 6%
        var revenueSplit = Run(DocC(), q).Periods[0];
        Assert.Equal(6 * Wan, revenueSplit.Revenue);          // default: the share of the revenue
    }
}

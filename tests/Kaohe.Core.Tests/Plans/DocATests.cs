using Kaohe.Core.Plans;
using Xunit;
using static Kaohe.Core.Tests.Plans.Plans;

namespace Kaohe.Core.Tests.Plans;

/// <summary>Doc A: net collections ÷ 1.17 × rate, shortfall netted from the next quarter, floating wage withheld and paid back, annual true-up, half-year grade moves.</summary>
public class DocATests
{
    [Fact]
    public void Credit_DeductsPartnerShareAndCosts()
    {
        var q = new QuarterInput(1, 120 * Wan, 80 * Wan, new Dictionary<RevenueType, decimal> { [RevenueType.Product] = 1_170_000m }, KpiInput.Of(1),
            Costs: new CostDeductions(100_000m, 50_000m, 10_000m, 10_000m));
        Assert.Equal(1_000_000m, Crediting.Credit(DocA().Revenue, q, []).Task);
    }

    [Theory]
    [InlineData("1", 50_000)]
    [InlineData("1.1", 51_000)]
    [InlineData("0.9", 49_000)]
    public void Accrual_DividesBy117_ThenKpiSplit8020(string k, decimal actual)
    {
        var p = Run(DocA(), Q(1, 1_170_000m, 120 * Wan, 80 * Wan, decimal.Parse(k, System.Globalization.CultureInfo.InvariantCulture))).Periods[0];
        Assert.Equal(50_000m, p.Accrued);
        Assert.Equal(actual, p.Actual);
    }

    [Fact]
    public void Accrual_RoundsTheBookedAmountToTheFen()
    {
        var p = Run(DocA(), Q(1, 1_050_000m, 120 * Wan, 80 * Wan)).Periods[0];
        Assert.Equal(44_871.79m, p.Accrued);
    }

    [Theory]
    [InlineData("1.16", 50_431.03)]
    [InlineData("1.13", 51_769.91)]
    public void Divisor_IsASetting(string divisor, decimal accrued)
    {
        var plan = DocA() with { Divisor = decimal.Parse(divisor, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(accrued, Run(plan, Q(1, 1_170_000m, 120 * Wan, 80 * Wan)).Periods[0].Accrued);
    }

    [Fact]
    public void Sequence_ShortfallCarryAndFloatingWage()
    {
        var l = Run(DocA(), Q(1, 70 * Wan, 105 * Wan, 80 * Wan, wage: 3000), Q(2, 120 * Wan, 105 * Wan, 80 * Wan, wage: 3000), Q(3, 90 * Wan, 105 * Wan, 80 * Wan, wage: 3000));
        var p = l.Periods;
        Assert.Equal(0m, p[0].Accrued);
        Assert.Equal(10 * Wan, p[0].Shortfall);
        Assert.Equal(new FloatingWageLine(0, 3000, 0), p[0].FloatingWage);
        Assert.Equal(110 * Wan, p[1].Credited);
        Assert.Equal(44_871.79m, p[1].Accrued);
        Assert.Equal(5 * Wan, p[1].Carry);
        Assert.Equal(new FloatingWageLine(6000, 0, 3000), p[1].FloatingWage);
        Assert.Equal(95 * Wan, p[2].Credited);
        Assert.Equal(40_598.29m, p[2].Accrued);
        Assert.Null(l.Annual);
    }

    [Fact]
    public void WholeAmountReading_AccruesTheExcessInTheQuarter()
    {
        var plan = DocA() with { Quarter = DocA().Quarter with { OverTarget = OverTargetInQuarter.Accrue } };
        var l = Run(plan, Q(1, 70 * Wan, 105 * Wan, 80 * Wan), Q(2, 120 * Wan, 105 * Wan, 80 * Wan));
        Assert.Equal(47_008.55m, l.Periods[1].Accrued);
        Assert.Equal(0m, l.Periods[1].Carry);
    }

    [Fact]
    public void Annual_TrueUpSettlesTheYear_AndTheCarryDoesNotReachNextYear()
    {
        var l = Run(DocA(), Q(1, 70 * Wan, 105 * Wan, 80 * Wan), Q(2, 120 * Wan, 105 * Wan, 80 * Wan), Q(3, 90 * Wan, 105 * Wan, 80 * Wan), Q(4, 140 * Wan, 105 * Wan, 80 * Wan));
        // Q4: X = 140 → 105 credited, carry 35. Year: ΣR = 420 = T_y → 420万 / 1.17 × 5% = 179,487.18.
        Assert.Equal(44_871.79m, l.Periods[3].Accrued);
        Assert.Equal(179_487.18m, l.Annual!.Accrued);
        Assert.Equal(179_487.18m - (44_871.79m * 2 + 40_598.29m), l.Annual.TrueUp);
        Assert.Equal(0m, l.State.Carry);
    }

    [Fact]
    public void NotInFunnel_CountsTowardTheTask_ButEarnsNoBonus()
    {
        var q = new QuarterInput(1, 105 * Wan, 80 * Wan, new Dictionary<RevenueType, decimal>
        {
            [RevenueType.Product] = 40 * Wan, [RevenueType.NotInFunnel] = 50 * Wan,
        }, KpiInput.Of(1));
        var p = Run(DocA(), q).Periods[0];
        Assert.Equal(90 * Wan, p.Credited);          // reaches the base thanks to the 50万
        Assert.Equal(17_094.02m, p.Accrued);        // only 40万 / 1.17 × 5%
    }

    [Fact]
    public void Kpi_FromTheThreeRaters()
    {
        var q = Q(1, 1_170_000m, 120 * Wan, 80 * Wan) with { Kpi = new KpiInput(null, null, new Dictionary<string, decimal> { ["部门经理"] = 90, ["销售管理"] = 80, ["销售总监"] = 70 }) };
        var p = Run(DocA(), q).Periods[0];
        Assert.Equal(82m, p.KpiScore);
        Assert.Equal(0.82m, p.KpiCoefficient);
        Assert.Equal(48_200m, p.Actual);
    }

    [Fact]
    public void GradeMove_HalfYearBelowBase_GoesDown()
    {
        var l = Run(DocA(), Q(1, 70 * Wan, 105 * Wan, 80 * Wan), Q(2, 80 * Wan, 105 * Wan, 80 * Wan));
        Assert.Null(l.Periods[0].GradeMove);
        Assert.Equal(-1, l.Periods[1].GradeMove);
    }

    [Fact]
    public void GradeMove_ShortfallFilledAndTargetReached_GoesUp()
    {
        var l = Run(DocA(), Q(1, 70 * Wan, 105 * Wan, 80 * Wan), Q(2, 120 * Wan, 105 * Wan, 80 * Wan));
        Assert.Equal(1, l.Periods[1].GradeMove);
    }

    [Fact]
    public void GradeMove_AboveBaseButBelowTarget_Stays()
    {
        var l = Run(DocA(), Q(3, 90 * Wan, 105 * Wan, 80 * Wan), Q(4, 90 * Wan, 105 * Wan, 80 * Wan));
        Assert.Equal(0, l.Periods[1].GradeMove);
    }

    [Fact]
    public void FrozenState_ContinuesExactlyAsTheUnbrokenYear()
    {
        var all = Run(DocA(), Q(1, 70 * Wan, 105 * Wan, 80 * Wan, wage: 3000), Q(2, 60 * Wan, 105 * Wan, 80 * Wan, wage: 3000), Q(3, 150 * Wan, 105 * Wan, 80 * Wan, wage: 3000));
        var firstTwo = Run(DocA(), Q(1, 70 * Wan, 105 * Wan, 80 * Wan, wage: 3000), Q(2, 60 * Wan, 105 * Wan, 80 * Wan, wage: 3000));
        var third = Run(DocA(), firstTwo.State, Q(3, 150 * Wan, 105 * Wan, 80 * Wan, wage: 3000));
        Assert.Equal(all.Periods[2] with { Explanation = [], Warnings = [] }, third.Periods[0] with { Explanation = [], Warnings = [] });
        Assert.Equal(all.Periods[2].Explanation, third.Periods[0].Explanation);
        Assert.Equal(new FloatingWageLine(9000, 0, 6000), third.Periods[0].FloatingWage);
    }

    [Fact]
    public void ClosedQuarter_CannotBeComputedAgain()
    {
        var firstTwo = Run(DocA(), Q(1, 70 * Wan, 105 * Wan, 80 * Wan), Q(2, 60 * Wan, 105 * Wan, 80 * Wan));
        var outcome = LedgerEngine.Run(DocA(), new PersonLedgerInput("张三", "", 2026, [Q(2, 1, 105 * Wan, 80 * Wan)]), firstTwo.State);
        Assert.Contains(outcome.Problems, p => p.Field == "季度" && p.Message.Contains("已结算"));
    }
}

/// <summary>Settings beyond the source examples: rolling half-years and banded annual excess.</summary>
public class PlanSettingsTests
{
    [Fact]
    public void RollingHalfYear_JudgesTheLastTwoQuartersAtEveryQuarterEnd()
    {
        QuarterInput[] year = [Q(1, 90 * Wan, 105 * Wan, 80 * Wan), Q(2, 60 * Wan, 105 * Wan, 80 * Wan), Q(3, 70 * Wan, 105 * Wan, 80 * Wan), Q(4, 200 * Wan, 105 * Wan, 80 * Wan)];
        // Q2: 90 + 60 < 160 → down; Q3: 60 + 70 < 160 → down; Q4: 270 ≥ 160, shortfall 30 made up, 170 ≥ 105 → up.
        Assert.Equal([null, -1, -1, 1], Run(DocA() with { GradeMoves = HalfYear.Rolling }, year).Periods.Select(p => p.GradeMove));
        Assert.Equal([null, -1, null, 1], Run(DocA(), year).Periods.Select(p => p.GradeMove));
    }

    [Fact]
    public void AnnualExcess_BandsAreGraduatedByCompletion()
    {
        // T_y = 400万; A = 520万 → excess 120万: 0–80万 (100%–120%) at 9.968%, 80–120万 (>120%) at 12%.
        var plan = DocB() with { Annual = DocB().Annual with { OverTargetBands = [new OverTargetBand(1.2m, 0.12m)] } };
        var l = Run(plan, Q(1, 100 * Wan, 100 * Wan, 50 * Wan), Q(2, 100 * Wan, 100 * Wan, 50 * Wan), Q(3, 100 * Wan, 100 * Wan, 50 * Wan), Q(4, 220 * Wan, 100 * Wan, 50 * Wan));
        Assert.Equal(400 * Wan * 0.0712m + 80 * Wan * 0.09968m + 40 * Wan * 0.12m, l.Annual!.Accrued);
    }
}

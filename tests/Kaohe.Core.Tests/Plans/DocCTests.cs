using Kaohe.Core.Plans;
using Xunit;
using static Kaohe.Core.Tests.Plans.Plans;

namespace Kaohe.Core.Tests.Plans;

/// <summary>Doc C's quarterly algorithm: base = 50% of target, 4% / 5%, the 300,000 cap, −600 元, FIFO make-up with back-pay.</summary>
public class DocCTests
{
    [Fact]
    public void Year_FourQuarters_MatchTheWorkedSequence()
    {
        var l = Run(DocC(), Q(1, 8 * Wan, 20 * Wan, wage: 1000), Q(2, 16 * Wan, 20 * Wan, wage: 1000), Q(3, 25 * Wan, 20 * Wan, wage: 1000), Q(4, 30 * Wan, 20 * Wan, wage: 1000));
        var p = l.Periods;
        Assert.Equal(0m, p[0].Accrued);
        Assert.Equal(600m, p[0].Penalty);
        Assert.Equal(2 * Wan, p[0].Shortfall);
        Assert.Equal(new FloatingWageLine(0, 1000, 0), p[0].FloatingWage);

        Assert.Equal(9_600m, p[1].Accrued);
        Assert.Equal(4_000m, p[1].BackPay);
        Assert.Equal(0m, p[1].Shortfall);
        Assert.Equal(0m, p[1].Penalty);
        Assert.Equal(1000m, p[1].FloatingWage.Withheld);   // below target: not paid

        Assert.Equal(8_000m, p[2].Accrued);
        Assert.Equal(5 * Wan, p[2].Carry);
        Assert.Equal(1000m, p[2].FloatingWage.Paid);

        Assert.Equal(35 * Wan, p[3].Credited);
        Assert.Equal(13_000m, p[3].Accrued);
        Assert.Equal(5 * Wan, p[3].Carry);
        Assert.Equal(13_000m, p[3].Actual);
        // No annual formula: the year is the sum of the quarters, and the carry goes on into next year.
        Assert.Equal(0m, l.Annual!.TrueUp);
        Assert.Equal(30_600m, l.Annual.Accrued);
        Assert.Equal(5 * Wan, l.State.Carry);
        Assert.Equal(2027, l.State.Year);
    }

    [Fact]
    public void AboveCap_PrintedFormulaSetting_GivesTheLiteral3000()
    {
        var plan = DocC() with { Quarter = DocC().Quarter with { CapFormulaAmount = 100_000m } };
        var l = Run(plan, Q(3, 25 * Wan, 20 * Wan), Q(4, 30 * Wan, 20 * Wan));
        Assert.Equal(3_000m, l.Periods[1].Accrued);
    }

    [Fact]
    public void PartialFill_KeepsTheQuarterOpen_UntilFullyMadeUp()
    {
        var l = Run(DocC(), Q(1, 4 * Wan, 20 * Wan), Q(2, 14 * Wan, 20 * Wan), Q(3, 13 * Wan, 20 * Wan));
        Assert.Equal(6 * Wan, l.Periods[0].Shortfall);
        Assert.Equal(4_000m, l.Periods[1].Accrued);
        Assert.Equal(2 * Wan, l.Periods[1].Shortfall);
        Assert.Equal(0m, l.Periods[1].BackPay);
        Assert.Equal(8_400m, l.Periods[2].Accrued);
        Assert.Equal(4_000m, l.Periods[2].BackPay);
        Assert.Equal(0m, l.Periods[2].Shortfall);
    }

    [Fact]
    public void PriorShortfall_AboveTarget_FillsThenCapsAtTargetAndCarries()
    {
        var start = LedgerState.Start(2026) with { LastQuarter = 1, Shortfalls = [new OpenShortfall(2026, 1, 10 * Wan, 2 * Wan, 2 * Wan)] };
        var l = Run(DocC(), start, Q(2, 26 * Wan, 20 * Wan, wage: 800));
        var p = l.Periods[0];
        Assert.Equal(12_000m, p.Accrued);
        Assert.Equal(4 * Wan, p.Carry);
        Assert.Equal(800m, p.FloatingWage.Paid);
    }

    [Fact]
    public void PriorShortfall_AboveCap_DefaultCarriesAtTarget_ProgressiveAlternativeUsesTheCap()
    {
        var start = LedgerState.Start(2026) with { LastQuarter = 1, Shortfalls = [new OpenShortfall(2026, 1, 10 * Wan, 2 * Wan, 2 * Wan)] };
        var byDefault = Run(DocC(), start, Q(2, 40 * Wan, 20 * Wan)).Periods[0];
        // e = 30 → fill 2 → 28 + 10 = 38 → credit 20 × 4% = 8,000 + back-pay 4,000; carry 18.
        Assert.Equal(12_000m, byDefault.Accrued);
        Assert.Equal(18 * Wan, byDefault.Carry);
        var plan = DocC() with { Quarter = DocC().Quarter with { CapWithShortfall = CapWithShortfall.Progressive } };
        var progressive = Run(plan, start, Q(2, 40 * Wan, 20 * Wan)).Periods[0];
        // 38 > 30 → 8,000 + 5,000 + back-pay 4,000; carry 8.
        Assert.Equal(17_000m, progressive.Accrued);
        Assert.Equal(8 * Wan, progressive.Carry);
    }

    [Fact]
    public void BackPayBasis_FilledAmountAlternative_PaysOnlyWhatWasMissing()
    {
        var plan = DocC() with { Shortfall = new ShortfallRules(ShortfallMode.Fifo, true, BackPayBasis.FilledAmount) };
        var l = Run(plan, Q(1, 8 * Wan, 20 * Wan), Q(2, 16 * Wan, 20 * Wan));
        Assert.Equal(5_600m + 800m, l.Periods[1].Accrued);
    }

    [Theory]
    [InlineData(15, "1", 6_000)]
    [InlineData(15, "0.9", 5_880)]
    public void NoShortfall_BetweenBaseAndTarget_WholeAmountAt4Percent(int wan, string k, decimal actual)
    {
        var p = Run(DocC(), Q(1, wan * Wan, 20 * Wan, k: decimal.Parse(k, System.Globalization.CultureInfo.InvariantCulture))).Periods[0];
        Assert.Equal(6_000m, p.Accrued);
        Assert.Equal(actual, p.Actual);
    }

    [Fact]
    public void Boundaries_BaseTargetAndCap_GoToTheFavourableCase()
    {
        var atBase = Run(DocC(), Q(1, 10 * Wan, 20 * Wan, wage: 500)).Periods[0];
        Assert.Equal(4_000m, atBase.Accrued);
        Assert.Equal(0m, atBase.Penalty);
        var atTarget = Run(DocC(), Q(1, 20 * Wan, 20 * Wan, wage: 500)).Periods[0];
        Assert.Equal(8_000m, atTarget.Accrued);
        Assert.Equal(500m, atTarget.FloatingWage.Paid);
        var atCap = Run(DocC(), Q(1, 30 * Wan, 20 * Wan)).Periods[0];
        Assert.Equal(8_000m, atCap.Accrued);
        Assert.Equal(10 * Wan, atCap.Carry);
    }

    [Fact]
    public void NewHire_FirstQuarter_NoTask_RevenueAt4Percent()
    {
        var q = Q(1, 3 * Wan, 20 * Wan, wage: 500) with { NewHire = true };
        var p = Run(DocC(), q).Periods[0];
        Assert.Equal(1_200m, p.Accrued);
        Assert.Equal(0m, p.Penalty);
        Assert.Equal(0m, p.Shortfall);
        Assert.Equal(500m, p.FloatingWage.Paid);
    }

    [Fact]
    public void TargetAtOrAboveCap_IsRefused()
    {
        var outcome = LedgerEngine.Run(DocC(), new PersonLedgerInput("李四", "", 2026, [Q(1, 10 * Wan, 30 * Wan)]));
        Assert.Null(outcome.Ledger);
        var p = Assert.Single(outcome.Problems);
        Assert.Equal("目标", p.Field);
        Assert.Equal("2026Q1", p.Period);
    }

    [Fact]
    public void RevenueTypes_MaintenanceTraining_6PercentAndNoTask()
    {
        var q = new QuarterInput(1, 20 * Wan, null, new Dictionary<RevenueType, decimal>
        {
            [RevenueType.Maintenance] = 5 * Wan, [RevenueType.Training] = 2 * Wan,
        }, KpiInput.Of(1));
        var p = Run(DocC(), q).Periods[0];
        Assert.Equal(4_200m, p.SeparateBonus);
        Assert.Equal(0m, p.Revenue);
        Assert.Equal(4_200m, p.Accrued);
    }

    [Fact]
    public void RevenueTypes_SecondaryDevelopment_CountsAtMargin()
    {
        var q = new QuarterInput(1, 20 * Wan, null, new Dictionary<RevenueType, decimal> { [RevenueType.SecondaryDevelopment] = 20 * Wan },
            KpiInput.Of(1), SecondaryDevelopmentCost: 12 * Wan);
        var p = Run(DocC(), q).Periods[0];
        Assert.Equal(8 * Wan, p.Revenue);
    }

    [Fact]
    public void RevenueTypes_ImplementationBelowStandardQuote_TransfersFromTheLicence()
    {
        var q = new QuarterInput(1, 20 * Wan, null, new Dictionary<RevenueType, decimal>
        {
            [RevenueType.Product] = 100 * Wan, [RevenueType.Implementation] = 5 * Wan,
        }, KpiInput.Of(1), ImplementationStandardQuote: 15 * Wan);
        var credited = Crediting.Credit(DocC().Revenue, q, []);
        // 90万 licence + 5万 implementation + 10万 transferred count toward the task; the transferred 10万 earn 4% (4,000), the contracted 5万 6% (3,000).
        Assert.Equal(105 * Wan, credited.Task);
        Assert.Equal(15 * Wan, credited.TaskOnly);
        Assert.Equal(7_000m, credited.Separate);
    }

    [Fact]
    public void NotInCrm_CountsForNothing()
    {
        var q = new QuarterInput(1, 20 * Wan, null, new Dictionary<RevenueType, decimal> { [RevenueType.NotInFunnel] = 50 * Wan }, KpiInput.Of(1));
        var p = Run(DocC(), q).Periods[0];
        Assert.Equal(0m, p.Revenue);
        Assert.Equal(0m, p.Accrued);
    }
}

using FsCheck.Xunit;
using Kaohe.Core.Plans;
using Xunit;
using static Kaohe.Core.Tests.Plans.Plans;

namespace Kaohe.Core.Tests.Plans;

/// <summary>Invariants of the ledger for any figures, not only the worked examples.</summary>
public sealed class LedgerPropertyTests
{
    private static KeyAccountPlan Pick(byte which) => (which % 3) switch { 0 => DocA(), 1 => DocB(), _ => DocC() };

    private static QuarterInput[] Year(ushort a, ushort b, ushort c, ushort d, ushort target, byte k)
    {
        var t = (10 + target % 190) * Wan / 10;            // 1万 … 19.9万: below Doc C's cap
        var kpi = k % 16 / 10m;                              // 0 … 1.5
        return [.. new[] { a, b, c, d }.Select((r, i) => Q(i + 1, r % 400 * 1_000m, t, t / 2, kpi))];
    }

    [Property(MaxTest = 300)]
    public bool Year_QuarterlyAccrualsPlusTrueUp_EqualTheAnnualEntitlement(byte which, ushort a, ushort b, ushort c, ushort d, ushort target, byte k)
    {
        var l = Run(Pick(which), Year(a, b, c, d, target, k));
        return l.Periods.Sum(p => p.Accrued) + l.Annual!.TrueUp == l.Annual.Accrued;
    }

    [Property(MaxTest = 300)]
    public bool Year_NothingIsNegative_AndTheFloorPolicyNeverClawsBack(byte which, ushort a, ushort b, ushort c, ushort d, ushort target, byte k)
    {
        var plan = Pick(which);
        plan = plan with { Annual = plan.Annual with { Clawback = ClawbackPolicy.Floor } };
        var l = Run(plan, Year(a, b, c, d, target, k));
        return l.Periods.All(p => p.Accrued >= 0 && p.Actual >= 0 && p.Carry >= 0 && p.Shortfall >= 0 && p.FloatingWage.Paid >= 0)
               && l.Annual!.TrueUp >= 0 && l.State.Clawback == 0;
    }

    [Property(MaxTest = 200)]
    public bool FrozenState_AnyCutGivesTheSameQuarters(byte which, ushort a, ushort b, ushort c, ushort d, ushort target, byte k, byte cut)
    {
        var plan = Pick(which);
        var quarters = Year(a, b, c, d, target, k).Select(q => q with { FloatingWage = 1000 }).ToArray();
        var n = 1 + cut % 3;
        var whole = Run(plan, quarters);
        var head = Run(plan, quarters[..n]);
        var tail = Run(plan, head.State, quarters[n..]);
        var joined = head.Periods.Concat(tail.Periods).ToList();
        return joined.Select(p => (p.Accrued, p.Actual, p.Carry, p.Shortfall, p.FloatingWage))
                   .SequenceEqual(whole.Periods.Select(p => (p.Accrued, p.Actual, p.Carry, p.Shortfall, p.FloatingWage)))
               && tail.Annual == null == (whole.Annual == null)
               && tail.Annual!.TrueUp == whole.Annual!.TrueUp;
    }

    [Property(MaxTest = 200)]
    public bool DocC_FloatingWage_IsPaidOrWithheldNeverBoth(ushort a, ushort b, ushort c, ushort d, ushort target, byte k)
    {
        var l = Run(DocC(), Year(a, b, c, d, target, k).Select(q => q with { FloatingWage = 1000 }).ToArray());
        return l.Periods.All(p => p.FloatingWage.Paid + p.FloatingWage.Withheld == 1000);
    }

    [Property(MaxTest = 200)]
    public bool DocA_FloatingWage_EveryWithheldWageIsPaidOnceTheShortfallIsMadeUp(ushort a, ushort b, ushort c, ushort d, ushort target, byte k)
    {
        var l = Run(DocA(), Year(a, b, c, d, target, k).Select(q => q with { FloatingWage = 1000 }).ToArray());
        var paid = l.Periods.Sum(p => p.FloatingWage.Paid);
        var stillWithheld = l.State.Withheld.Sum(w => w.Amount);
        return paid + stillWithheld == 4000;
    }

    [Property(MaxTest = 200)]
    public bool JointSale_TheTwoPartiesAlwaysGetTheWhole(ushort amount, bool collectorIsSigner, bool tobacco, byte share)
    {
        var rule = new JointSplitRule(share % 101 / 100m, tobacco);
        var (signer, local) = Crediting.JointShares(rule, collectorIsSigner ? JointParty.Signer : JointParty.Local, tobacco);
        decimal Credit(JointParty party) => Crediting.Credit(DocB().Revenue with { JointSplit = rule },
            new QuarterInput(1, 1, 0, new Dictionary<RevenueType, decimal>(), KpiInput.Of(1),
                JointSales: [new JointSale(amount, party, collectorIsSigner ? JointParty.Signer : JointParty.Local, tobacco)]), []).Task;
        return signer + local == 1 && Credit(JointParty.Signer) + Credit(JointParty.Local) == amount;
    }

    [Property(MaxTest = 200)]
    public bool Contribution_SharesSummingToOne_CreditTheWholeProject(ushort amount, byte s1, byte s2)
    {
        var a = s1 % 101 / 100m;
        var b = Math.Min(1 - a, s2 % 101 / 100m);
        var shares = new[] { a, b, 1 - a - b };
        var total = shares.Sum(s => Crediting.Credit(DocA().Revenue, Q(1, amount, 1, 0) with { Share = s }, []).Task);
        return total == amount;
    }

    [Fact]
    public void Explanations_AreChinese_WithoutDeveloperCodes()
    {
        var l = Run(DocC(), Q(1, 8 * Wan, 20 * Wan), Q(2, 16 * Wan, 20 * Wan), Q(3, 25 * Wan, 20 * Wan), Q(4, 30 * Wan, 20 * Wan));
        var text = string.Join("\n", l.Periods.SelectMany(p => p.Explanation).Concat(l.Annual!.Explanation));
        Assert.DoesNotMatch(@"KA-|TPL|BP-|GR-|[A-Za-z]{3,}", text.Replace("KPI", ""));   // KPI is the seeds' own word
        Assert.Contains("扣发当季固定工资 600元", text);
        Assert.Contains("补发已补足季度的奖金：100,000元 × 4% = 4,000元", text);
    }
}

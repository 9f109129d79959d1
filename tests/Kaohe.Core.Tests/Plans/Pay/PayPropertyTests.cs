using FsCheck.Xunit;
using Kaohe.Core.Plans.Pay;

namespace Kaohe.Core.Tests.Plans.Pay;

/// <summary>Invariants of the pay calculators over generated months.</summary>
public sealed class PayPropertyTests
{
    private static readonly CountPayParameters FullTable = CountPayParameters.Default with
    {
        Bands = [new(1, 2, 30), new(3, 5, 40), new(6, 10, 45), new(11, null, 50)],
    };

    private static PayResult Officer(LoanCounts loans, CountPayParameters table) =>
        LoanOfficerPay.Compute(LoanOfficerPayParameters.Default with { CountPay = table }, CountPayTests.Month(loans));

    private static decimal CountLine(PayResult r) => r.Lines.Single(l => l.Label == "放款笔数绩效薪酬").Amount;

    [Property(MaxTest = 300)]
    public bool CountPay_NonDecreasingInEveryLoanKind(byte fresh, byte renewals, byte extensions, byte which, bool whole, bool roundDown)
    {
        var table = FullTable with
        {
            Method = whole ? CountPayMethod.WholeCount : CountPayMethod.Graduated,
            Fractions = roundDown ? FractionalLoans.RoundDown : FractionalLoans.ProRata,
        };
        var a = new LoanCounts(fresh, renewals, 0, extensions);
        var b = (which % 3) switch
        {
            0 => a with { NewLoans = a.NewLoans + 1 },
            1 => a with { Renewals = a.Renewals + 1 },
            _ => a with { Extensions = a.Extensions + 1 },
        };
        return CountLine(Officer(b, table)) >= CountLine(Officer(a, table));
    }

    [Property(MaxTest = 300)]
    public bool CountPay_GraduatedNeverAboveWholeCount_WhenRatesRise(byte fresh, byte renewals)
    {
        var loans = new LoanCounts(fresh, renewals);
        return CountLine(Officer(loans, FullTable)) <= CountLine(Officer(loans, FullTable with { Method = CountPayMethod.WholeCount }));
    }

    [Property(MaxTest = 300)]
    public bool Referral_NonDecreasingInAmount(uint a, uint b, bool floor)
    {
        var p = ReferralParameters.Default with { Gaps = floor ? BandGaps.FloorToWholeWan : BandGaps.RightClosed };
        var (lo, hi) = (Math.Min(a, b) % 3_000_000_000 + 1, Math.Max(a, b) % 3_000_000_000 + 1);
        if (lo > hi) (lo, hi) = (hi, lo);
        return ReferralReward.Of(p, new ReferredLoan(hi)).Amount >= ReferralReward.Of(p, new ReferredLoan(lo)).Amount;
    }

    [Property(MaxTest = 300)]
    public bool Assistant_LinesSumToTotal_AndMoreWorkNeverPaysLess(ushort sales, ushort target, ushort machines, ushort buckets, byte more, byte rho, bool halves, bool voided)
    {
        var p = AssistantPayParameters.Default with
        {
            Bonus = AssistantBonusParameters.Default with
            {
                BucketsPerMachine = 1 + rho % 12,
                ServiceItems = halves ? ServiceItems.Halves : ServiceItems.OneItem,
                ExtrasWhenItemFails = voided ? ExtrasWhenItemFails.Voided : ExtrasWhenItemFails.Paid,
            },
        };
        var baseInput = AssistantPayTests.Input(sales, target, machines % 300, buckets % 3000);
        var r = AssistantPay.Compute(p, baseInput);
        if (!r.IsValid || r.Total != r.Lines.Sum(l => l.Amount)) return false;
        var up = (more % 3) switch
        {
            0 => baseInput with { SalesActual = baseInput.SalesActual + more },
            1 => baseInput with { MachinesCleaned = baseInput.MachinesCleaned + more },
            _ => baseInput with { BucketsRegular = baseInput.BucketsRegular + more },
        };
        return AssistantPay.Compute(p, up).Total >= r.Total;
    }

    [Property(MaxTest = 200)]
    public bool Assistant_SalesPartNeverAboveItsShareWhenCapped(ushort sales, ushort target)
    {
        var r = AssistantPay.Compute(AssistantPayParameters.Default, AssistantPayTests.Input(sales, target));
        var s = r.Lines.Single(l => l.Label == "销售指标奖金").Amount;
        return s is 0 or (>= 368 and <= 460);
    }

    [Property(MaxTest = 200)]
    public bool Tier_MoreManagedLoansNeverLowerTier(byte managed, byte extra, byte juniorMonths, byte rateTenths)
    {
        var rate = rateTenths % 30 / 10m;
        var a = LoanOfficerTierTests.Input(60, handled: 100, managed: managed, juniorMonths: juniorMonths % 40 + 1, intermediateMonths: juniorMonths % 20 == 0 ? 12 : null,
            rates: [rate, rate, rate]) with { JuniorSince = null };
        var b = a with { LoansManaged = managed + extra };
        var p = LoanOfficerTierParameters.Default with { Lapse = TierLapse.ReEvaluate };
        return LoanOfficerTiers.Evaluate(p, b).Tier >= LoanOfficerTiers.Evaluate(p, a).Tier;
    }
}

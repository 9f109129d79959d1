using System.Collections.Immutable;
using Kaohe.Core.Plans;
using Kaohe.Core.Plans.Pay;
using Kaohe.Core.Text;

namespace Kaohe.Schemes.Plans;

/// <summary>
/// The monthly pay plans (<c>kind: loan_officer</c>, <c>kind: assistant</c>): the YAML keys are the snake_case names of
/// the parameter records' properties (docs/plans-pay.md), every key optional with the record's default.
/// </summary>
public static partial class PlanLoader
{
    private static readonly Dictionary<string, OverdueBasis> OverdueBases = new() { ["balance"] = OverdueBasis.Balance, ["count"] = OverdueBasis.Count };
    private static readonly Dictionary<string, OverdueMean> OverdueMeans = new() { ["simple"] = OverdueMean.Simple, ["weighted"] = OverdueMean.Weighted };
    private static readonly Dictionary<string, TierLapse> Lapses = new() { ["keep_rated_tier"] = TierLapse.KeepRatedTier, ["re_evaluate"] = TierLapse.ReEvaluate, ["keep_highest_held"] = TierLapse.KeepHighestHeld };
    private static readonly Dictionary<string, JudgmentWhenEmpty> Judgments = new() { ["met"] = JudgmentWhenEmpty.Met, ["not_met"] = JudgmentWhenEmpty.NotMet };
    private static readonly Dictionary<string, TenureDate> TenureDates = new() { ["month_end"] = TenureDate.MonthEnd, ["month_start"] = TenureDate.MonthStart };
    private static readonly Dictionary<string, CountPayMethod> CountMethods = new() { ["graduated"] = CountPayMethod.Graduated, ["whole_count"] = CountPayMethod.WholeCount };
    private static readonly Dictionary<string, FractionalLoans> FractionModes = new() { ["pro_rata"] = FractionalLoans.ProRata, ["round_down"] = FractionalLoans.RoundDown };
    private static readonly Dictionary<string, BeyondTable> Beyonds = new() { ["refuse"] = BeyondTable.Refuse, ["last_band_rate"] = BeyondTable.LastBandRate, ["no_pay"] = BeyondTable.NoPay };
    private static readonly Dictionary<string, BandGaps> GapModes = new() { ["right_closed"] = BandGaps.RightClosed, ["floor_to_whole_wan"] = BandGaps.FloorToWholeWan };
    private static readonly Dictionary<string, OutsideTable> Outsides = new() { ["nearest_band"] = OutsideTable.NearestBand, ["not_eligible"] = OutsideTable.NotEligible };
    private static readonly Dictionary<string, LunchBasis> LunchBases = new() { ["days_worked"] = LunchBasis.DaysWorked, ["working_days"] = LunchBasis.WorkingDays };
    private static readonly Dictionary<string, SalesAboveFull> AboveFulls = new() { ["capped"] = SalesAboveFull.Capped, ["proportional"] = SalesAboveFull.Proportional };
    private static readonly Dictionary<string, ZeroSalesTarget> ZeroTargets = new() { ["full"] = ZeroSalesTarget.Full, ["none"] = ZeroSalesTarget.None };
    private static readonly Dictionary<string, ServiceItems> ServiceItemModes = new() { ["one_item"] = ServiceItems.OneItem, ["halves"] = ServiceItems.Halves };
    private static readonly Dictionary<string, ExtrasWhenItemFails> ExtrasModes = new() { ["paid"] = ExtrasWhenItemFails.Paid, ["voided"] = ExtrasWhenItemFails.Voided };

    /// <summary>The largest money amount a pay parameter may hold (as the calculators check).</summary>
    private const decimal MaxPayMoney = 1_000_000_000m;

    private static LoanOfficerPayParameters ReadLoanOfficer(YamlNode root)
    {
        var d = LoanOfficerPayParameters.Default;
        var p = d with
        {
            AssistantBasePay = Money(root, "assistant_base_pay", d.AssistantBasePay),
            JuniorBasePay = Money(root, "junior_base_pay", d.JuniorBasePay),
            IntermediateBasePay = Money(root, "intermediate_base_pay", d.IntermediateBasePay),
            SeniorBasePay = Money(root, "senior_base_pay", d.SeniorBasePay),
            Tiers = root.Get("tiers") is { } tn ? ReadTiers(tn) : d.Tiers,
            CountPay = root.Get("count_pay") is { } cn ? ReadCountPay(cn) : d.CountPay,
            Referral = root.Get("referral") is { } rn ? ReadReferral(rn) : d.Referral,
        };
        Backstop(root, PayPlanCheck.Check(p), ("放款笔数计件表", ["count_pay", "bands"]), ("折算系数", ["count_pay"]), ("推荐奖励表", ["referral", "bands"]), ("方案·", ["tiers"]));
        return p;
    }

    private static LoanOfficerTierParameters ReadTiers(YamlNode t)
    {
        var d = LoanOfficerTierParameters.Default;
        var p = d with
        {
            JuniorCreditMonths = Whole(t, "junior_credit_months", d.JuniorCreditMonths, 0, 1200),
            JuniorCreditMonthsStrict = t.Bool("junior_credit_months_strict", d.JuniorCreditMonthsStrict),
            JuniorLoansHandled = Whole(t, "junior_loans_handled", d.JuniorLoansHandled, 0, 100_000),
            JuniorMaxOverdueRate = Points(t, "junior_max_overdue_rate", d.JuniorMaxOverdueRate, 100),
            IntermediateMonthsAsJunior = Whole(t, "intermediate_months_as_junior", d.IntermediateMonthsAsJunior, 0, 1200),
            IntermediateLoansManaged = Whole(t, "intermediate_loans_managed", d.IntermediateLoansManaged, 0, 100_000),
            IntermediateMaxMeanOverdueRate = Points(t, "intermediate_max_mean_overdue_rate", d.IntermediateMaxMeanOverdueRate, 100),
            SeniorMonthsAsIntermediate = Whole(t, "senior_months_as_intermediate", d.SeniorMonthsAsIntermediate, 0, 1200),
            SeniorLoansManaged = Whole(t, "senior_loans_managed", d.SeniorLoansManaged, 0, 100_000),
            SeniorMaxMeanOverdueRate = Points(t, "senior_max_mean_overdue_rate", d.SeniorMaxMeanOverdueRate, 100),
            MeanOverdueMonths = Whole(t, "mean_overdue_months", d.MeanOverdueMonths, 1, 24),
            OverdueBasis = t.Enum("overdue_basis", d.OverdueBasis, OverdueBases),
            OverdueMean = t.Enum("overdue_mean", d.OverdueMean, OverdueMeans),
            Lapse = t.Enum("lapse", d.Lapse, Lapses),
            ProficiencyWhenEmpty = t.Enum("proficiency_when_empty", d.ProficiencyWhenEmpty, Judgments),
            NoLoansIsZeroOverdue = t.Bool("no_loans_is_zero_overdue", d.NoLoansIsZeroOverdue),
            TenureDate = t.Enum("tenure_date", d.TenureDate, TenureDates),
        };
        t.RejectUnknown();
        return p;
    }

    private static CountPayParameters ReadCountPay(YamlNode c)
    {
        var d = CountPayParameters.Default;
        var factor = Fraction(c, "converted_loan_factor", d.ConvertedLoanFactor);
        var p = d with
        {
            Bands = Bands(c, "bands", d.Bands),
            ConvertedLoanFactor = factor ?? d.ConvertedLoanFactor,
            Method = c.Enum("method", d.Method, CountMethods),
            Fractions = c.Enum("fractions", d.Fractions, FractionModes),
            Beyond = c.Enum("beyond", d.Beyond, Beyonds),
        };
        c.RejectUnknown();
        return p;
    }

    private static ReferralParameters ReadReferral(YamlNode r)
    {
        var d = ReferralParameters.Default;
        var p = d with
        {
            Bands = Bands(r, "bands", d.Bands),
            Gaps = r.Enum("gaps", d.Gaps, GapModes),
            BelowFirstBand = r.Enum("below_first_band", d.BelowFirstBand, Outsides),
            AboveLastBand = r.Enum("above_last_band", d.AboveLastBand, Outsides),
        };
        r.RejectUnknown();
        return p;
    }

    private static AssistantPayParameters ReadAssistant(YamlNode root)
    {
        var d = AssistantPayParameters.Default;
        decimal? seniority = d.SeniorityPay;
        if (root.Get("seniority_pay") is { } sn && !sn.IsNull) seniority = Money(root, "seniority_pay", 0);
        else if (root.Get("seniority_pay") is not null) seniority = null;
        var p = d with
        {
            BasicPay = Money(root, "basic_pay", d.BasicPay),
            LunchPerDay = Money(root, "lunch_per_day", d.LunchPerDay),
            LunchBasis = root.Enum("lunch_basis", d.LunchBasis, LunchBases),
            FullAttendancePay = Money(root, "full_attendance_pay", d.FullAttendancePay),
            SeniorityPay = seniority,
            PensionAllowance = Money(root, "pension_allowance", d.PensionAllowance),
            SeniorityMonths = Whole(root, "seniority_months", d.SeniorityMonths, 0, 1200),
            SeniorityMonthsStrict = root.Bool("seniority_months_strict", d.SeniorityMonthsStrict),
            TenureDate = root.Enum("tenure_date", d.TenureDate, TenureDates),
            Bonus = root.Get("bonus") is { } bn ? ReadAssistantBonus(bn) : d.Bonus,
        };
        Backstop(root, PayPlanCheck.Check(p), ("方案·", ["bonus"]));
        return p;
    }

    private static AssistantBonusParameters ReadAssistantBonus(YamlNode b)
    {
        var d = AssistantBonusParameters.Default;
        var p = d with
        {
            BonusBase = Money(b, "bonus_base", d.BonusBase),
            SalesShare = Points(b, "sales_share", d.SalesShare, 100),
            SalesGate = Points(b, "sales_gate", d.SalesGate, 1000),
            SalesFull = Points(b, "sales_full", d.SalesFull, 1000),
            SalesAboveFull = b.Enum("sales_above_full", d.SalesAboveFull, AboveFulls),
            ZeroSalesTarget = b.Enum("zero_sales_target", d.ZeroSalesTarget, ZeroTargets),
            ServiceShare = Points(b, "service_share", d.ServiceShare, 100),
            MachineQuota = Whole(b, "machine_quota", d.MachineQuota, 0, 10_000_000),
            BucketQuota = Whole(b, "bucket_quota", d.BucketQuota, 0, 10_000_000),
            MachineExtraRate = Money(b, "machine_extra_rate", d.MachineExtraRate),
            BucketExtraRate = Money(b, "bucket_extra_rate", d.BucketExtraRate),
            BucketsPerMachine = Positive(b, "buckets_per_machine", d.BucketsPerMachine, 1_000_000),
            ServiceItems = b.Enum("service_items", d.ServiceItems, ServiceItemModes),
            ExtrasWhenItemFails = b.Enum("extras_when_item_fails", d.ExtrasWhenItemFails, ExtrasModes),
            OffsetUnitsEarnExtras = b.Bool("offset_units_earn_extras", d.OffsetUnitsEarnExtras),
        };
        b.RejectUnknown();
        return p;
    }

    /// <summary>A list of <c>{from, to, amount}</c>; <c>to</c> absent or <c>none</c> on the last band = open upwards.</summary>
    private static ImmutableArray<PayBand> Bands(YamlNode parent, string key, ImmutableArray<PayBand> fallback)
    {
        if (parent.Get(key) is not { } bn) return fallback;
        var bands = new List<PayBand>();
        foreach (var b in bn.Items())
        {
            if (bands.Count >= 100) { b.Error("最多 100 档"); break; }
            var from = Bounded(b, "from", null, 0, MaxPayMoney, true);
            var to = b.Has("to") ? Bounded(b, "to", null, 0, MaxPayMoney, false) : null;
            var amount = Bounded(b, "amount", null, 0, MaxPayMoney, true);
            bands.Add(new PayBand(from ?? 0, to, amount ?? 0));
            b.RejectUnknown();
        }
        if (bands.Count == 0 && bn.IsSequence) bn.Error("至少需要一档");
        return [.. bands];
    }

    /// <summary>
    /// Problems the calculators would find that the key-by-key checks cannot see (bands that do not join up, weights
    /// above 100%); each is placed at the first node whose field text it contains, else at the plan's top.
    /// </summary>
    private static void Backstop(YamlNode root, IReadOnlyList<PayProblem> problems, params (string Field, string[] Path)[] places)
    {
        foreach (var problem in problems)
        {
            var node = root;
            foreach (var (field, path) in places)
            {
                if (!problem.Field.Contains(field, StringComparison.Ordinal)) continue;
                var n = root;
                foreach (var k in path) n = n.Get(k) ?? n;
                node = n;
                break;
            }
            node.Error(problem.ToString());
        }
    }

    private static decimal? Bounded(YamlNode n, string key, decimal? fallback, decimal min, decimal max, bool required)
    {
        var v = n.Get(key, required);
        if (v is null) return fallback;
        if (v.IsNull) { if (required) v.Error("应为数值"); return fallback; }
        if (v.Decimal(percentAllowed: false) is not { } x) return fallback;
        if (x < min || x > max) { v.Error($"应在 {Fmt.Num(min, 4)} 到 {Fmt.Num(max, 4)} 之间，实为 {Fmt.Num(x, 6)}"); return fallback; }
        return x;
    }

    /// <summary>An amount in 元: 0 to 10 亿元.</summary>
    private static decimal Money(YamlNode n, string key, decimal fallback) => Bounded(n, key, fallback, 0, MaxPayMoney, false) ?? fallback;

    /// <summary>A percentage in percentage points (<c>1.5%</c> or <c>1.5</c> = 1.5%), 0 to <paramref name="max"/>.</summary>
    private static decimal Points(YamlNode n, string key, decimal fallback, decimal max)
    {
        var v = n.Get(key);
        if (v is null || v.IsNull) { v?.Error("应为百分数，例如 80%"); return fallback; }
        if (v.Decimal() is not { } x) return fallback;
        if (x < 0 || x > max) { v.Error($"应在 0% 到 {Fmt.Num(max, 4)}% 之间，实为 {Fmt.Num(x, 6)}%"); return fallback; }
        return x;
    }

    private static decimal Positive(YamlNode n, string key, decimal fallback, decimal max)
    {
        var x = Bounded(n, key, fallback, 0, max, false) ?? fallback;
        if (x == 0) { n.Get(key)?.Error("应大于 0"); return fallback; }
        return x;
    }

    private static int Whole(YamlNode n, string key, int fallback, int min, int max)
    {
        var x = Bounded(n, key, fallback, min, max, false) ?? fallback;
        if (x != decimal.Truncate(x)) { n.Get(key)?.Error($"应为整数，实为 {Fmt.Num(x, 6)}"); return fallback; }
        return (int)x;
    }
}

using System.Collections.Immutable;
using Kaohe.Core.Plans;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kaohe.Schemes.Plans;

/// <summary>
/// A loaded incentive plan file (docs/plan-format.md). <see cref="Kind"/> says which plan family it is:
/// <c>key_account</c> (<see cref="KeyAccount"/>), <c>loan_officer</c> (<see cref="LoanOfficer"/>) or <c>assistant</c>
/// (<see cref="Assistant"/>); exactly the one of its kind is set.
/// </summary>
/// <param name="Kind">The family: key_account, loan_officer or assistant.</param>
/// <param name="Id">The code the plan is selected by.</param>
/// <param name="Slug">An alias for the code.</param>
/// <param name="Name">The Chinese name shown to users.</param>
/// <param name="Description">What the plan is, in Chinese.</param>
/// <param name="Notes">Chinese notes on readings and placeholders.</param>
/// <param name="KeyAccount">The key-account plan, for that kind.</param>
public sealed record PlanDocument(string Kind, string Id, string Slug, string Name, string Description, ImmutableArray<string> Notes, KeyAccountPlan? KeyAccount)
{
    /// <summary>The loan officer's monthly pay parameters, for <c>kind: loan_officer</c>.</summary>
    public Kaohe.Core.Plans.Pay.LoanOfficerPayParameters? LoanOfficer { get; init; }

    /// <summary>The 大客户经理助理's monthly pay parameters, for <c>kind: assistant</c>.</summary>
    public Kaohe.Core.Plans.Pay.AssistantPayParameters? Assistant { get; init; }
}

/// <summary>The plan, or every error found (each with file, line, column and field).</summary>
/// <param name="Plan">The plan, when there was no error.</param>
/// <param name="Errors">The errors.</param>
public sealed record PlanLoadResult(PlanDocument? Plan, ImmutableArray<SchemeError> Errors);

/// <summary>Reads plan YAML with the same limits and located errors as the scheme loader.</summary>
public static partial class PlanLoader
{
    /// <summary>The plan kinds the format knows.</summary>
    public static readonly string[] Kinds = ["key_account", "loan_officer", "assistant"];

    /// <summary>Loads a plan file from disk (refused unread beyond <see cref="SchemeLimits.MaxTextChars"/>).</summary>
    public static PlanLoadResult LoadFile(string path) =>
        YamlBudget.ReadFile(path, out var text) is { } error ? new PlanLoadResult(null, [error]) : Load(text, path);

    /// <summary>Loads a plan from YAML text; <paramref name="file"/> names it in errors.</summary>
    public static PlanLoadResult Load(string yaml, string file)
    {
        yaml ??= "";
        var errors = new SchemeErrors();
        var stream = new YamlStream();
        try
        {
            if (YamlBudget.Check(yaml, file) is { } limit) return new PlanLoadResult(null, [limit]);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return new PlanLoadResult(null, [new SchemeError(file, (int)e.Start.Line, (int)e.Start.Column, "", "YAML 语法错误：" + SchemeLoader.WithoutMarks(e.Message))]);
        }
        catch (ArgumentException e)
        {
            return new PlanLoadResult(null, [new SchemeError(file, 0, 0, "", "YAML 中有重复的键：" + e.Message)]);
        }
        if (stream.Documents.Count != 1)
            return new PlanLoadResult(null, [new SchemeError(file, 1, 1, "", "文件应恰好包含一个 YAML 文档")]);
        var root = new YamlNode(stream.Documents[0].RootNode, file, errors);
        if (!root.IsMapping)
        {
            root.Error("方案文件的顶层应为映射");
            return new PlanLoadResult(null, errors.ToImmutableArray());
        }
        var plan = ReadDocument(root);
        return new PlanLoadResult(errors.Count == 0 ? plan : null, errors.ToImmutableArray());
    }

    private static PlanDocument? ReadDocument(YamlNode root)
    {
        var kind = root.String("kind", true);
        var id = root.String("id", true) ?? "";
        root.LimitLength("id", SchemeLimits.MaxIdChars, "方案编号（id）");
        var slug = root.String("slug") ?? id.ToLowerInvariant();
        root.LimitLength("slug", SchemeLimits.MaxIdChars, "方案别名（slug）");
        var name = root.String("name", true) ?? "";
        root.LimitLength("name", SchemeLimits.MaxNameChars, "方案名称");
        var description = root.String("description") ?? "";
        var notes = root.Get("notes") is { } n ? n.Items().Select(x => x.Text ?? "").ToImmutableArray() : [];
        if (kind is null) return null;
        if (!Kinds.Contains(kind))
        {
            root.Get("kind")!.Error($"“{kind}”不是可选的方案类型，可选：{string.Join("、", Kinds)}");
            return null;
        }
        if (kind == "loan_officer")
        {
            var officer = ReadLoanOfficer(root);
            root.RejectUnknown();
            return new PlanDocument(kind, id, slug, name, description, notes, null) { LoanOfficer = officer };
        }
        if (kind == "assistant")
        {
            var assistant = ReadAssistant(root);
            root.RejectUnknown();
            return new PlanDocument(kind, id, slug, name, description, notes, null) { Assistant = assistant };
        }
        var plan = ReadKeyAccount(root, id, name);
        root.RejectUnknown();
        return new PlanDocument(kind, id, slug, name, description, notes, plan);
    }

    /// <summary>The largest amount a plan may name (cap, penalty, threshold): far above any real quarter, far below overflow.</summary>
    private const decimal MaxAmount = 1_000_000_000_000m;

    private static readonly Dictionary<string, RateMode> RateModes = new() { ["whole"] = RateMode.Whole, ["graduated"] = RateMode.Graduated };
    private static readonly Dictionary<string, OverTargetInQuarter> OverTargets = new() { ["carry"] = OverTargetInQuarter.Carry, ["accrue"] = OverTargetInQuarter.Accrue };
    private static readonly Dictionary<string, CapWithShortfall> CapShortfalls = new() { ["carry"] = CapWithShortfall.Carry, ["progressive"] = CapWithShortfall.Progressive };
    private static readonly Dictionary<string, ShortfallMode> ShortfallModes = new() { ["net"] = ShortfallMode.Net, ["fifo"] = ShortfallMode.Fifo, ["none"] = ShortfallMode.None };
    private static readonly Dictionary<string, BackPayBasis> BackPayBases = new() { ["filled_base"] = BackPayBasis.FilledBase, ["filled_amount"] = BackPayBasis.FilledAmount };
    private static readonly Dictionary<string, FloatingWageCondition> WageConditions = new() { ["none"] = FloatingWageCondition.None, ["base"] = FloatingWageCondition.Base, ["target"] = FloatingWageCondition.Target };
    private static readonly Dictionary<string, AnnualMode> AnnualModes = new() { ["none"] = AnnualMode.None, ["progressive"] = AnnualMode.Progressive };
    private static readonly Dictionary<string, ClawbackPolicy> Clawbacks = new() { ["offset"] = ClawbackPolicy.Offset, ["refund"] = ClawbackPolicy.Refund, ["floor"] = ClawbackPolicy.Floor };
    private static readonly Dictionary<string, YearEnd> YearEnds = new() { ["settle"] = YearEnd.Settle, ["carry_over"] = YearEnd.CarryOver };
    private static readonly Dictionary<string, HalfYear> HalfYears = new() { ["none"] = HalfYear.None, ["calendar"] = HalfYear.Calendar, ["rolling"] = HalfYear.Rolling };
    private static readonly Dictionary<string, BigTicketFallback> Fallbacks = new() { ["usual"] = BigTicketFallback.Usual, ["refuse"] = BigTicketFallback.Refuse };

    private static KeyAccountPlan ReadKeyAccount(YamlNode root, string id, string name)
    {
        var divisor = root.Number("divisor", 1m) ?? 1m;
        if (divisor is < 1m or > 10m && root.Get("divisor") is { } dn) dn.Error("除数应在 1 到 10 之间（如 1.17、1.16、1.13；不除写 1）");
        var baseRatio = Fraction(root, "base_ratio", null);

        var quarter = root.Get("quarter", true) is { } qn ? ReadQuarter(qn) : new QuarterRules(null, 0, RateMode.Whole, OverTargetInQuarter.Carry);
        var shortfall = new ShortfallRules(ShortfallMode.Net, false);
        if (root.Get("shortfall") is { } sn)
        {
            shortfall = new ShortfallRules(sn.Enum("mode", ShortfallMode.Net, ShortfallModes), sn.Bool("back_pay", false),
                sn.Enum("back_pay_basis", BackPayBasis.FilledBase, BackPayBases));
            sn.RejectUnknown();
        }
        var wage = new FloatingWageRules(FloatingWageCondition.None, false);
        if (root.Get("floating_wage") is { } wn)
        {
            wage = new FloatingWageRules(wn.Enum("condition", FloatingWageCondition.None, WageConditions), wn.Bool("back_pay", false));
            wn.RejectUnknown();
        }
        var penalty = root.Number("below_base_penalty", 0m) ?? 0m;
        if (penalty is < 0 or > MaxAmount) root.Get("below_base_penalty")!.Error($"扣发金额应在 0 到 {PlanText.Yuan(MaxAmount)} 之间");
        var annual = root.Get("annual") is { } an ? ReadAnnual(an, quarter) : new AnnualRules(AnnualMode.None, 0, 0, RateMode.Whole, 0, ClawbackPolicy.Offset, true, YearEnd.Settle);
        var kpi = root.Get("kpi", true) is { } kn ? ReadKpi(kn) : new KpiRules(1, [], []);
        var revenue = root.Get("revenue", true) is { } rn ? ReadRevenue(rn) : null;
        return new KeyAccountPlan(id, name, divisor, baseRatio, quarter, shortfall, wage, penalty, annual, kpi,
            revenue ?? new RevenueRules(new Dictionary<RevenueType, RevenueTreatment>(), false, null, null, null, false, false),
            root.Enum("grade_moves", HalfYear.None, HalfYears), root.Bool("new_hire_first_quarter_free", false));
    }

    /// <summary>A rate or share written "4%" or 0.04, between 0 and <paramref name="max"/>; null when written "none".</summary>
    private static decimal? Fraction(YamlNode node, string key, decimal? fallback, decimal max = 1m)
    {
        var v = node.Ratio(key, fallback);
        if (v is { } f && node.Get(key) is { } n && !n.IsNull && (f < 0 || f > max))
            n.Error($"应在 0 到 {PlanText.Rate(max)} 之间，实为 {PlanText.Rate(f)}");
        return v;
    }

    private static decimal Required(YamlNode node, string key)
    {
        if (!node.Has(key)) { node.Get(key, true); return 0; }
        return Fraction(node, key, 0) ?? 0;
    }

    private static QuarterRules ReadQuarter(YamlNode q)
    {
        var rules = new QuarterRules(
            Fraction(q, "below_base_rate", null),
            Required(q, "in_target_rate"),
            q.Enum("rate_mode", RateMode.Whole, RateModes),
            q.Enum("over_target", OverTargetInQuarter.Carry, OverTargets),
            q.Number("cap", null),
            Fraction(q, "over_target_rate", 0) ?? 0,
            q.Number("cap_formula_amount", null),
            q.Enum("cap_with_shortfall", CapWithShortfall.Carry, CapShortfalls));
        if (rules.Cap is <= 0 or > MaxAmount && q.Get("cap") is { } cn) cn.Error($"封顶额应大于 0 且不超过 {PlanText.Yuan(MaxAmount)}");
        if (rules.CapFormulaAmount is < 0 or > MaxAmount && q.Get("cap_formula_amount") is { } cf) cf.Error($"应在 0 到 {PlanText.Yuan(MaxAmount)} 之间");
        if (q.Has("cap_formula_amount") && rules.Cap is null) q.Get("cap_formula_amount")!.Error("没有封顶额（cap）时不能写 cap_formula_amount");
        if (q.Get("big_ticket") is { } bn)
        {
            var threshold = bn.Number("threshold", null, true) ?? 0;
            if (threshold is < 0 or > MaxAmount) bn.Get("threshold")?.Error($"应在 0 到 {PlanText.Yuan(MaxAmount)} 之间");
            rules = rules with { BigTicket = new BigTicketRule(threshold, Required(bn, "share"), bn.Enum("when_failed", BigTicketFallback.Usual, Fallbacks)) };
            bn.RejectUnknown();
        }
        q.RejectUnknown();
        return rules;
    }

    private static AnnualRules ReadAnnual(YamlNode a, QuarterRules quarter)
    {
        var mode = a.Enum("mode", AnnualMode.None, AnnualModes);
        var inTarget = Fraction(a, "in_target_rate", quarter.InTargetRate) ?? quarter.InTargetRate;
        if (mode == AnnualMode.Progressive && !a.Has("in_target_rate")) a.Get("in_target_rate", true);
        var rules = new AnnualRules(mode,
            Fraction(a, "below_base_rate", inTarget) ?? inTarget,
            inTarget,
            a.Enum("rate_mode", RateMode.Whole, RateModes),
            Fraction(a, "over_target_rate", inTarget) ?? inTarget,
            a.Enum("clawback", ClawbackPolicy.Offset, Clawbacks),
            a.Bool("kpi_on_true_up", true),
            a.Enum("year_end", YearEnd.Settle, YearEnds));
        if (a.Get("over_target_bands") is { } bn)
        {
            var bands = new List<OverTargetBand>();
            foreach (var b in bn.Items())
            {
                var above = b.Ratio("above");
                if (above is null) b.Get("above", true);
                else if (above < 1m) b.Get("above")!.Error($"起点是年度目标的完成率，应不低于 100%，实为 {PlanText.Rate(above.Value)}");
                else if (bands.Any(x => x.AboveRatio == above)) b.Get("above")!.Error($"起点 {PlanText.Rate(above.Value)} 重复");
                bands.Add(new OverTargetBand(above ?? 1m, Required(b, "rate")));
                b.RejectUnknown();
            }
            rules = rules with { OverTargetBands = bands };
        }
        a.RejectUnknown();
        return rules;
    }

    private static KpiRules ReadKpi(YamlNode k)
    {
        var fixedShare = Required(k, "fixed_share");
        var raters = new List<KpiRater>();
        if (k.Get("raters") is { } rn)
        {
            foreach (var r in rn.Items())
            {
                var rater = new KpiRater(r.String("name", true) ?? "", Required(r, "weight"));
                r.LimitLength("name", SchemeLimits.MaxRaterNameChars, "评分人名称");
                if (raters.Any(x => x.Name == rater.Name)) r.Get("name")?.Error($"评分人“{rater.Name}”重复");
                raters.Add(rater);
                r.RejectUnknown();
            }
            if (raters.Count > 0 && raters.Sum(r => r.Weight) != 1m)
                rn.Error($"评分人权重之和应为 100%，实为 {PlanText.Rate(raters.Sum(r => r.Weight))}");
        }
        var bands = new List<KpiBand>();
        if (k.Get("table") is { } tn)
        {
            foreach (var b in tn.Items())
            {
                var band = new KpiBand(b.Number("min", null, true) ?? 0, b.Number("coefficient", null, true) ?? 0);
                if (band.Coefficient is < 0 or > 100) b.Get("coefficient")?.Error("系数应在 0 到 100 之间");
                if (Math.Abs(band.MinScore) > MaxAmount) b.Get("min")?.Error("得分下限过大");
                if (bands.Any(x => x.MinScore == band.MinScore)) b.Get("min")?.Error($"得分下限 {PlanText.Num(band.MinScore)} 重复");
                bands.Add(band);
                b.RejectUnknown();
            }
        }
        k.RejectUnknown();
        return new KpiRules(fixedShare, bands, raters);
    }
}

using System.Collections.Immutable;

namespace Kaohe.Core.Model;

/// <summary>A scheme (考核方案): the whole form with its sections, raters, grades, payout and ranking.</summary>
/// <param name="Id">Stable code (TPL-01 or a user's id).</param>
/// <param name="Slug">Readable alternative id (customer-department).</param>
/// <param name="Name">Title as the form prints it.</param>
/// <param name="Source">Where the form comes from (seed file and lines).</param>
/// <param name="TotalCap">Upper limit of the total; null = none (uncapped bonuses may exceed 100).</param>
/// <param name="TotalFloor">Lower limit of the total; null = none.</param>
/// <param name="NominalTotal">The total points the form is out of (100; TPL-20: 95), for display and lint.</param>
/// <param name="NormaliseTo">When set, the total is rescaled from <paramref name="NominalTotal"/> to this (TPL-20 × 100/95).</param>
/// <param name="CategoryCaps">Caps on the summed deductions of an indicator category (扣分 ≤ 30).</param>
/// <param name="VetoScore">The total when a veto item is triggered.</param>
/// <param name="Notes">Notes on the form: lost items, inferred weights, decisions.</param>
/// <param name="Lost">Items the seed lost that cannot be scored at all (lint lists them).</param>
public sealed record Scheme(
    string Id,
    string Slug,
    string Name,
    string? Source,
    SubjectKind SubjectKind,
    PeriodKind Period,
    ImmutableArray<Section> Sections,
    ImmutableArray<RaterRole> Raters,
    MissingRaterPolicy MissingRater,
    decimal? TotalCap,
    decimal? TotalFloor,
    decimal? NominalTotal,
    decimal? NormaliseTo,
    ImmutableDictionary<IndicatorCategory, decimal> CategoryCaps,
    decimal VetoScore,
    GradeScale? Grades,
    PayoutRule? Payout,
    RankingRule? Ranking,
    ImmutableArray<string> Notes,
    ImmutableArray<string> Lost)
{
    /// <summary>
    /// G5 alternative: when set, each item score is rounded half-up to this many decimals before it is
    /// summed (the default, null, sums exact scores and rounds only for display).
    /// </summary>
    public int? RoundItemsTo { get; init; }

    /// <summary>
    /// Rules over an appraisee's published history (GR-01 annual cap, GR-02 consecutive poor results); empty = none.
    /// They do not change a period's score: they are evaluated when results are published.
    /// </summary>
    public ImmutableArray<ConsequenceRule> Consequences { get; init; } = [];

    /// <summary>Every indicator of every section, in form order.</summary>
    public IEnumerable<Indicator> Indicators => Sections.SelectMany(s => s.Indicators);
}

/// <summary>A section (业绩考核, 行为考核 …).</summary>
/// <param name="Weight">The section's weight in the total (0.8); null = its points add up directly.</param>
/// <param name="ScaleTo">When set, the section score is rescaled from the sum of its items' points to this (WS-01: both on 100).</param>
/// <param name="Cap">Upper limit of the section score.</param>
/// <param name="Floor">Lower limit of the section score.</param>
public sealed record Section(
    string Name,
    decimal? Weight,
    decimal? ScaleTo,
    decimal? Cap,
    decimal? Floor,
    ImmutableArray<Indicator> Indicators);

/// <summary>An indicator (指标) with its rule.</summary>
/// <param name="Name">The name exactly as the form prints it; it is the input key.</param>
/// <param name="Points">The item's points (分值); null for open-ended bonus/penalty items.</param>
/// <param name="Weight">The printed weight (15%), for display and lint.</param>
/// <param name="ConvertTo">When set, the rule's score is converted: score / Points × ConvertTo (LV-05 items whose points exceed their weight).</param>
/// <param name="RatedBy">Rater roles who rate this indicator; empty = a single shared input.</param>
/// <param name="Floor">Item-level lower limit applied after the rule.</param>
/// <param name="Cap">Item-level upper limit applied after the rule.</param>
/// <param name="Manual">Whether the item is a manual entry because the seed lost its rule.</param>
/// <param name="Optional">Whether the input may be omitted (scores 0 / the rule's empty value).</param>
public sealed record Indicator(
    string Name,
    IndicatorCategory Category,
    decimal? Points,
    decimal? Weight,
    decimal? ConvertTo,
    Rule Rule,
    ImmutableArray<string> RatedBy,
    ImmutableArray<Coefficient> Coefficients,
    decimal? Floor,
    decimal? Cap,
    NotApplicablePolicy NotApplicable,
    ScoreUnit Unit,
    bool Manual,
    bool Optional,
    string? RuleRef,
    string? Note)
{
    /// <summary>
    /// The customer-base metric that supplies this indicator's value when the appraisal is computed from data
    /// (<c>kaohe appraise</c>); null for items entered by hand or by raters.
    /// </summary>
    public MetricBinding? Metric { get; init; }

    /// <summary>
    /// Other names an input may give this indicator (a traditional-character or older spelling): an input keyed by an
    /// alias is the indicator's. No alias equals another indicator's name or alias (the loader checks).
    /// </summary>
    public ImmutableArray<string> Aliases { get; init; } = [];
}

/// <summary>Where <c>kaohe appraise</c> takes an indicator's value from.</summary>
/// <param name="Code">Metric code (<c>churn_rate</c>, <c>KF-05</c> …; docs/metrics.md).</param>
/// <param name="Scope">Whose records: the appraised subject's own (unit subtree or staff member), or the whole company
/// (TPL-01's 当月公司客户流失率 is the company's rate, though the 客户部 is appraised).</param>
public sealed record MetricBinding(string Code, MetricBindingScope Scope)
{
    /// <summary>
    /// How the reading becomes the rule's input. <see cref="MetricBindingShape.Value"/>: the metric's value (with the
    /// baseline for a baseline rule); <see cref="MetricBindingShape.Counts"/>: <c>{value: 分子, target: 分母}</c> for rules
    /// that take an actual and a target (实际 / 目标: a sales volume against its target, checks passed of checks applicable).
    /// </summary>
    public MetricBindingShape Shape { get; init; } = MetricBindingShape.Value;

    /// <summary>
    /// The target word (目标 records of the subject's scope, e.g. 客户回访率) that gives the rule's <c>target</c> input
    /// beside the metric's value; null when the rule needs no target or has it in the scheme.
    /// </summary>
    public string? Target { get; init; }

    /// <summary>
    /// The period the rule's <c>baseline</c> input (基数) comes from for a rule that is not a baseline rule but measures a
    /// difference (bands or steps with <c>measure: difference</c>: this month's 合格率 against last month's).
    /// </summary>
    public BaselineSource? Baseline { get; init; }

    /// <summary>
    /// For a composite item whose every part comes from the data (<c>metric:</c> on each part): the part's binding by
    /// part name; the item's input is then the object of the parts' inputs. <see cref="Code"/> lists the parts' codes.
    /// </summary>
    public ImmutableDictionary<string, MetricBinding>? Parts { get; init; }

    /// <summary>
    /// Further named fields of the input filled from the data (<c>fields: { 當月成功組建數: groups_formed, 目標用戶數:
    /// { target: 4G目标用户数 } }</c>): a rule's fallback or coefficient input, or each counter of a per-unit item.
    /// With an empty <see cref="Code"/> the input is the object of these fields alone.
    /// </summary>
    public ImmutableDictionary<string, MetricField>? Fields { get; init; }
}

/// <summary>
/// One field of a bound input (<see cref="MetricBinding.Fields"/>): the value of metric <paramref name="Metric"/>, or,
/// with <paramref name="Target"/>, the 目标 of that word (exactly one of the two is set).
/// </summary>
public sealed record MetricField(string? Metric, string? Target)
{
    /// <summary>What the field reads, for people: the metric code or “目标：词”.</summary>
    public override string ToString() => Metric ?? $"目标：{Target}";
}

/// <summary>How a metric reading becomes an indicator's input (<see cref="MetricBinding.Shape"/>).</summary>
public enum MetricBindingShape
{
    /// <summary>The value.</summary>
    Value,
    /// <summary>The numerator as the actual and the denominator as the target.</summary>
    Counts,
}

/// <summary>Scope of a <see cref="MetricBinding"/>.</summary>
public enum MetricBindingScope
{
    /// <summary>The appraised subject: its unit with the subtree, or the staff member.</summary>
    Subject,
    /// <summary>The whole company.</summary>
    Company,
    /// <summary>
    /// The unit the appraised person works in, with its subtree (a 客服部经理 is measured by the 客服部's figures); for a
    /// unit subject the unit itself.
    /// </summary>
    Unit,
}

/// <summary>A rater role (自评, 直接上级 …) with its weight.</summary>
/// <param name="Weight">Weight in the combined score; 0 = informational only (MR-04 自评).</param>
public sealed record RaterRole(string Name, decimal Weight);

/// <summary>The keys an input may name an indicator by: its name and its aliases.</summary>
public static class IndicatorKeys
{
    /// <summary>Every name and alias of the scheme's indicators → the indicator (a name wins over an alias).</summary>
    public static Dictionary<string, Indicator> Of(Scheme scheme)
    {
        var map = new Dictionary<string, Indicator>(StringComparer.Ordinal);
        foreach (var i in scheme.Indicators) map.TryAdd(i.Name, i);
        foreach (var i in scheme.Indicators)
            foreach (var a in i.Aliases) map.TryAdd(a, i);
        return map;
    }

    /// <summary>The indicator's name for an input key that is a name or an alias; the key itself when it is neither.</summary>
    public static string Canonical(Scheme scheme, string key)
    {
        foreach (var i in scheme.Indicators)
            if (i.Name == key) return key;
        foreach (var i in scheme.Indicators)
            if (i.Aliases.Contains(key)) return i.Name;
        return key;
    }
}

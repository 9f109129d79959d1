using System.Collections.Immutable;
using Kaohe.Core.Formulas;

namespace Kaohe.Core.Model;

/// <summary>
/// A scoring rule: the closed set of rule kinds of RULES.md §1–§11, each parameterised so that every
/// reading the catalog lists is a setting, not a code change. Evaluated by
/// <see cref="Scoring.RuleEvaluator"/>; persisted in scheme YAML under the discriminator of each kind.
/// </summary>
public abstract record Rule
{
    /// <summary>The stable discriminator used in scheme files (<c>kind:</c>).</summary>
    public abstract string Kind { get; }
}

// ---------------------------------------------------------------- QR / LV: words and levels

/// <summary>One grade a rater may choose (优秀, 良好 …). A grade either gives fixed points or a range
/// within which the rater picks the value (QR-05 良 = 80–90% of the item).</summary>
/// <param name="Word">The grade word as the form prints it.</param>
/// <param name="Min">Lowest points of the grade.</param>
/// <param name="Max">Highest points of the grade; equal to <paramref name="Min"/> for a fixed grade.</param>
/// <param name="Default">Points used when the rater gives only the word for a ranged grade; null = the range must be chosen.</param>
/// <param name="Aliases">Other spellings accepted for the word (优, A …).</param>
public sealed record GradeOption(string Word, decimal Min, decimal Max, decimal? Default, ImmutableArray<string> Aliases)
{
    /// <summary>Whether the grade has a single value.</summary>
    public bool IsFixed => Min == Max;
}

/// <summary>How several grade words entered for one indicator combine (QR-07 commendations).</summary>
public enum MultipleGrades
{
    /// <summary>Exactly one word is expected.</summary>
    Single,
    /// <summary>A list of words; their points are summed (the default for QR-07).</summary>
    Sum,
    /// <summary>A list of words; the best one counts.</summary>
    Max,
}

/// <summary>QR / LV: the rater picks one grade word from a closed list, each mapping to points.</summary>
public sealed record GradeRule(ImmutableArray<GradeOption> Options, MultipleGrades Multiple) : Rule
{
    /// <inheritdoc />
    public override string Kind => "grade";
}

/// <summary>How a numeric rating maps to points (LV-02 readings A/B/C).</summary>
public enum RatingMapping
{
    /// <summary>A: rating / max × item points (LV-01: level 3 of 5 on 25 → 15).</summary>
    Proportional,
    /// <summary>B: the raw rating is the score.</summary>
    Raw,
    /// <summary>C: (rating − min) / (max − min) × item points, so the lowest rating scores 0.</summary>
    ZeroBased,
}

/// <summary>LV: a numeric rating on a scale <c>Min..Max</c> (1–5) mapped to the item's points.</summary>
/// <param name="Min">Lowest allowed rating (inclusive).</param>
/// <param name="Max">Highest allowed rating (inclusive).</param>
/// <param name="Integer">Whether only whole ratings are allowed.</param>
public sealed record RatingRule(decimal Min, decimal Max, bool Integer, RatingMapping Mapping) : Rule
{
    /// <inheritdoc />
    public override string Kind => "rating";
}

/// <summary>LV-05: a checklist; each ticked element earns a fixed number of points.</summary>
/// <param name="Elements">The element names (may be empty when only a count is known).</param>
/// <param name="ElementCount">The number of elements.</param>
/// <param name="PointsPerElement">Points per ticked element.</param>
public sealed record ChecklistRule(ImmutableArray<string> Elements, int ElementCount, decimal PointsPerElement) : Rule
{
    /// <inheritdoc />
    public override string Kind => "checklist";
}

/// <summary>A value entered directly within an allowed range (lost items, DD-14, QR-06 0–10, WS-03 sub-scores).</summary>
/// <param name="Min">Lowest allowed value (inclusive).</param>
/// <param name="Max">Highest allowed value (inclusive).</param>
/// <param name="Mean">Whether a list of values is accepted and averaged (WS-03 日常 = mean of daily scores).</param>
/// <param name="ExcludedRange">A range inside [Min, Max] that is not allowed (DD-14: (−1, 1) except 0).</param>
public sealed record ManualRule(decimal Min, decimal Max, bool Mean, Interval? ExcludedRange) : Rule
{
    /// <inheritdoc />
    public override string Kind => "manual";
}

/// <summary>否决: a yes/no input; "yes" voids the whole appraisal.</summary>
public sealed record VetoRule : Rule
{
    /// <inheritdoc />
    public override string Kind => "veto";
}

// ---------------------------------------------------------------- BL: baseline-relative

/// <summary>
/// BL: <c>score = clamp(base + up × n_up − down × n_down, floor, cap)</c> where n counts steps of the
/// difference between the value and its baseline on the good side (up) or bad side (down).
/// </summary>
/// <param name="Direction">Which side of the baseline is good.</param>
/// <param name="Base">Points when the value equals the baseline (15).</param>
/// <param name="Step">Step size in the value's unit (1 percentage point).</param>
/// <param name="UpPoints">Points added per step better than the baseline.</param>
/// <param name="DownPoints">Points deducted per step worse than the baseline (0 = no deduction, BL-04).</param>
/// <param name="Cap">Upper limit of the score; null = no cap.</param>
/// <param name="Floor">Lower limit of the score; null = may go negative.</param>
/// <param name="Rounding">How partial steps count.</param>
/// <param name="Difference">Percentage points or relative percent.</param>
/// <param name="Source">Where the baseline comes from.</param>
/// <param name="Constant">The baseline when <paramref name="Source"/> is constant.</param>
/// <param name="NoData">What "无数据" (zero denominator) scores.</param>
/// <param name="Label">Short name of the measured value for explanations (流失率).</param>
public sealed record BaselineRule(
    Direction Direction,
    decimal Base,
    decimal Step,
    decimal UpPoints,
    decimal DownPoints,
    decimal? Cap,
    decimal? Floor,
    StepRounding Rounding,
    DifferenceMode Difference,
    BaselineSource Source,
    decimal? Constant,
    ValueUnit Unit,
    NoDataPolicy NoData,
    string? Label) : Rule
{
    /// <inheritdoc />
    public override string Kind => "baseline";
}

// ---------------------------------------------------------------- TB / LN piecewise bands

/// <summary>What a band of a <see cref="BandRule"/> scores.</summary>
public abstract record BandOutcome;

/// <summary>Fixed points.</summary>
public sealed record FixedOutcome(decimal Points) : BandOutcome;

/// <summary>The rater chooses a value in [Min, Max] (LV-03 "6-8").</summary>
public sealed record ChoiceOutcome(decimal Min, decimal Max) : BandOutcome;

/// <summary>Linear between the band's ends: <c>AtLower</c> at the lower bound, <c>AtUpper</c> at the upper bound (reading R).</summary>
public sealed record LinearOutcome(decimal AtLower, decimal AtUpper) : BandOutcome;

/// <summary>Proportional: <c>Points × measure / Reference</c> (reading P; Reference 100 for a percent measure).</summary>
public sealed record ProportionalOutcome(decimal Points, decimal Reference) : BandOutcome;

/// <summary>One band: an interval of the measure and what it scores.</summary>
public sealed record Band(Interval Range, BandOutcome Outcome, string? Note);

/// <summary>What a <see cref="BandRule"/> measures.</summary>
public enum BandMeasure
{
    /// <summary>The input value itself.</summary>
    Value,
    /// <summary>value / target × 100, in percent (completion).</summary>
    RatioToTarget,
    /// <summary>value − baseline (BL-06: sales vs same period last year).</summary>
    DifferenceFromBaseline,
}

/// <summary>
/// TB / LN: threshold bands on a measure. Bands are tried in order and the first that contains the
/// measure wins, so a boundary claimed by two bands goes to the one listed first (the favourable one, §0 G1).
/// A measure in no band scores <see cref="Gap"/> (the seeds' unspecified gaps, e.g. TB-01 80–85%).
/// </summary>
public sealed record BandRule(
    ImmutableArray<Band> Bands,
    ValueUnit Unit,
    BandMeasure Measure,
    decimal Gap,
    NoDataPolicy NoData,
    string? Label) : Rule
{
    /// <inheritdoc />
    public override string Kind => "bands";
}

// ---------------------------------------------------------------- LN linear on achievement

/// <summary>Reading of "X%–100% 线性得分" (§5).</summary>
public enum LinearMode
{
    /// <summary>P: score = W × a for a in [X, 1].</summary>
    Proportional,
    /// <summary>R: score = W × (a − X)/(1 − X), 0 at X.</summary>
    Rescaled,
}

/// <summary>PC-03: a fallback below the threshold — when an auxiliary count reaches a minimum, fixed points.</summary>
/// <param name="Input">The auxiliary input (当月组建数).</param>
/// <param name="AtLeast">The minimum it must reach (inclusive).</param>
/// <param name="Points">The points given.</param>
public sealed record ThresholdFallback(string Input, decimal AtLeast, decimal Points);

/// <summary>
/// LN: achievement a = actual / target; a ≥ 1 scores the item's points (plus <see cref="ExtraPerUnit"/>
/// per unit above the target, LN-01), a in [Threshold, 1) scores by <see cref="Mode"/>, below the threshold
/// <see cref="BelowThreshold"/> (or the <see cref="Fallback"/>). Negative achievement scores as 0.
/// </summary>
/// <param name="Points">W, the item's full points at 100%.</param>
/// <param name="Threshold">X as a fraction (0.8); 0 = linear from zero.</param>
/// <param name="Capped">Whether the score stops at W above the target (when <see cref="ExtraPerUnit"/> is null).</param>
/// <param name="ExtraPerUnit">Points per unit of (actual − target) above the target, uncapped (LN-01 +5 per family).</param>
/// <param name="Target">A constant target; null = the <c>目标</c> input.</param>
public sealed record LinearRule(
    decimal Points,
    decimal Threshold,
    LinearMode Mode,
    bool Capped,
    decimal? ExtraPerUnit,
    decimal BelowThreshold,
    ThresholdFallback? Fallback,
    decimal? Target,
    ValueUnit Unit,
    NoDataPolicy NoData,
    string? Label) : Rule
{
    /// <inheritdoc />
    public override string Kind => "linear";
}

// ---------------------------------------------------------------- UB per-unit

/// <summary>One counted quantity of a <see cref="UnitRule"/>.</summary>
/// <param name="Name">The input name of the count (综合接入净增).</param>
/// <param name="PointsPerUnit">Points per unit (negative for penalties).</param>
public sealed record UnitCounter(string Name, decimal PointsPerUnit);

/// <summary>UB: <c>Base + Σ count × points</c>, capped and floored as the form says.</summary>
/// <param name="Cap">Upper limit; null = uncapped ("上不封顶", §0 G4 default for bonuses).</param>
/// <param name="Floor">Lower limit; null = may go negative.</param>
/// <param name="AllowNegativeCounts">Whether counts may be negative (net adds).</param>
public sealed record UnitRule(
    ImmutableArray<UnitCounter> Counters,
    decimal Base,
    decimal? Cap,
    decimal? Floor,
    bool AllowNegativeCounts,
    ValueUnit Unit) : Rule
{
    /// <inheritdoc />
    public override string Kind => "per_unit";
}

// ---------------------------------------------------------------- DD per-occurrence deductions

/// <summary>A count-to-deduction table row of a clause (TB-10: 2 lates → 1, ≥ 3 → 5).</summary>
public sealed record DeductionStep(Interval Range, decimal Points);

/// <summary>How a clause of a <see cref="DeductionRule"/> turns its input into a deduction.</summary>
public enum ClauseMode
{
    /// <summary>Points × count (×/次).</summary>
    PerOccurrence,
    /// <summary>Points once if the count is ≥ 1 (clauses without "/次").</summary>
    Once,
    /// <summary>Each occurrence deducts a rater-chosen value in [Min, Max]; the input is the list of values.</summary>
    Ranged,
    /// <summary>The input is the deduction amount itself (rater-assigned, DD-10).</summary>
    Amount,
    /// <summary>The count is looked up in <see cref="DeductionClause.Table"/>.</summary>
    Table,
    /// <summary>Points × rounded quantity (hours over, days missing), rounded by <see cref="DeductionClause.Rounding"/>.</summary>
    PerQuantity,
    /// <summary>If the count is ≥ 1, the total deduction is at least <see cref="DeductionClause.Points"/> (DD-02 ≥ 3-day leave).</summary>
    AtLeast,
}

/// <summary>One clause of a deduction item. A negative <see cref="Points"/> adds (DD-04 挽回 +5).</summary>
public sealed record DeductionClause(
    string Name,
    ClauseMode Mode,
    decimal Points,
    decimal Min,
    decimal Max,
    ImmutableArray<DeductionStep> Table,
    StepRounding Rounding,
    decimal Step,
    ValueUnit Unit);

/// <summary>
/// DD: <c>Start − Σ clause deductions</c>, with the deduction total capped at <see cref="MaxDeduction"/>
/// (DD-05 category caps) and the score floored at <see cref="Floor"/> ("扣完为止" = 0; null for forms that
/// allow negatives, DD-03).
/// </summary>
public sealed record DeductionRule(
    decimal Start,
    ImmutableArray<DeductionClause> Clauses,
    decimal? MaxDeduction,
    decimal? Floor,
    decimal? Cap) : Rule
{
    /// <inheritdoc />
    public override string Kind => "deduction";
}

// ---------------------------------------------------------------- ST steps around a pivot

/// <summary>One side of a <see cref="StepRule"/>: base points plus or minus points per step of distance from the pivot.</summary>
/// <param name="Base">Points at the pivot on this side.</param>
/// <param name="StepSize">The step in the measure's unit; 0 = no steps (fixed <see cref="Base"/>).</param>
/// <param name="PointsPerStep">Points per step; added above, deducted below.</param>
public sealed record StepSide(decimal Base, decimal StepSize, decimal PointsPerStep, StepRounding Rounding);

/// <summary>A gate: a measure below <see cref="Below"/> scores <see cref="Points"/> (PC-02 completion &lt; 50% → 0; ST-09 &lt; 92% → −0.5).</summary>
public sealed record StepGate(Bound Below, decimal Points);

/// <summary>PC-06: the cap applies unless an auxiliary input reaches a minimum (target users ≥ 100).</summary>
public sealed record CapWaiver(string Input, decimal AtLeast);

/// <summary>
/// ST: around a pivot P, a measure m ≥ P scores <c>Above.Base + Above.PointsPerStep × steps(m − P)</c>,
/// m &lt; P scores <c>Below.Base − Below.PointsPerStep × steps(P − m)</c>; gates apply first; then floor and cap.
/// </summary>
/// <param name="Pivot">The pivot; null = the <c>目标</c> input gives it (ST-08 per-manager target).</param>
/// <param name="Measure">Value, or completion = value / target × 100.</param>
public sealed record StepRule(
    decimal? Pivot,
    BandMeasure Measure,
    StepSide Above,
    StepSide Below,
    ImmutableArray<StepGate> Gates,
    decimal? Floor,
    decimal? Cap,
    CapWaiver? CapWaiver,
    ValueUnit Unit,
    NoDataPolicy NoData,
    string? Label) : Rule
{
    /// <summary>G2: steps of percentage points (default) or of percent relative to the pivot.</summary>
    public DifferenceMode Difference { get; init; } = DifferenceMode.Points;

    /// <inheritdoc />
    public override string Kind => "steps";
}

// ---------------------------------------------------------------- AC capped achievement

/// <summary>AC-01: <c>p = min(actual / target, CapRatio)</c>; score = p × item points (target / actual for lower-is-better).</summary>
public sealed record AchievementRule(decimal Points, decimal? CapRatio, Direction Direction, ValueUnit Unit, NoDataPolicy NoData) : Rule
{
    /// <inheritdoc />
    public override string Kind => "achievement";
}

// ---------------------------------------------------------------- OF offsets

/// <summary>One side of an <see cref="OffsetRule"/>: a quantity with its quota and the pay per unit above it.</summary>
public sealed record OffsetQuantity(string Name, decimal Quota, decimal ExtraPerUnit, string UnitName);

/// <summary>
/// OF-01: two quantities with quotas whose shortfalls may be offset by the other's surplus at
/// <see cref="Ratio"/> units of <see cref="Second"/> per unit of <see cref="First"/>. Met → <see cref="Amount"/>;
/// surplus units not consumed by the offset earn their extra pay.
/// </summary>
/// <param name="ExtrasWhenFailed">Whether surplus extras are still paid when the item fails (default yes).</param>
public sealed record OffsetRule(OffsetQuantity First, OffsetQuantity Second, decimal Ratio, decimal Amount, bool ExtrasWhenFailed) : Rule
{
    /// <inheritdoc />
    public override string Kind => "offset";
}

// ---------------------------------------------------------------- formula and composite

/// <summary>A named input of a <see cref="FormulaRule"/> with its unit.</summary>
public sealed record FormulaInput(string Name, ValueUnit Unit);

/// <summary>The formula kind: a safe expression over named inputs (percentages as fractions), floored and capped.</summary>
public sealed record FormulaRule(Formula Expression, ImmutableArray<FormulaInput> Inputs, decimal? Floor, decimal? Cap) : Rule
{
    /// <inheritdoc />
    public override string Kind => "formula";
}

/// <summary>One part of a <see cref="CompositeRule"/>.</summary>
/// <param name="Name">The part name; its input is <c>指标名[部件名]</c>.</param>
/// <param name="Points">The part's nominal points, for display and lint.</param>
public sealed record RulePart(string Name, decimal? Points, Rule Rule)
{
    /// <summary>The customer-base metric that gives this part's input (<c>metric:</c> on the part); null when entered.</summary>
    public MetricBinding? Metric { get; init; }
}

/// <summary>Several sub-rules whose scores add up (TB-05, TB-09, DD-12), then floored and capped.</summary>
public sealed record CompositeRule(ImmutableArray<RulePart> Parts, decimal? Floor, decimal? Cap) : Rule
{
    /// <inheritdoc />
    public override string Kind => "composite";
}

// ---------------------------------------------------------------- PC modifiers

/// <summary>PC-01: multiplies the score by a coefficient found from an auxiliary input by bands
/// (a band's outcome gives the coefficient; proportional outcomes give k = v).</summary>
public sealed record Coefficient(string Input, ValueUnit Unit, ImmutableArray<Band> Bands, decimal Gap);

namespace Kaohe.Core.Plans;

/// <summary>
/// A key-account (大客户) incentive plan: how a salesperson's quarterly collections become credited revenue, a
/// quarterly accrued bonus, a floating wage paid or withheld, a fixed-salary penalty, and an annual settlement.
/// Every reading the source leaves open is a setting here; the built-in plans set the documented defaults.
/// </summary>
/// <param name="Code">The code the plan is selected by (e.g. TPL-25); never shown to users.</param>
/// <param name="Name">The plan's Chinese name.</param>
/// <param name="Divisor">The VAT divisor applied to the engine's revenue before the rate (1.17, 1.16, 1.13; 1 = none).</param>
/// <param name="BaseRatio">Base = target × ratio when a period's base is not given (e.g. 0.5); null = the base must be given.</param>
/// <param name="Quarter">The quarterly accrual.</param>
/// <param name="Shortfall">How a quarter below its base is made up later.</param>
/// <param name="FloatingWage">When the quarter's floating wage is paid, withheld, and paid back.</param>
/// <param name="BelowBasePenalty">元 deducted from the fixed salary in a quarter below its base (0 = none).</param>
/// <param name="Annual">The year-end settlement.</param>
/// <param name="Kpi">The KPI split of the payout and the score → coefficient table.</param>
/// <param name="Revenue">How each revenue type counts toward the task and the bonus.</param>
/// <param name="GradeMoves">Whether and over which half-year salary-grade moves are judged (up/down one grade).</param>
/// <param name="NewHireFirstQuarterFree">A new salesperson's first quarter carries no task (target = base = 0).</param>
public sealed record KeyAccountPlan(
    string Code,
    string Name,
    decimal Divisor,
    decimal? BaseRatio,
    QuarterRules Quarter,
    ShortfallRules Shortfall,
    FloatingWageRules FloatingWage,
    decimal BelowBasePenalty,
    AnnualRules Annual,
    KpiRules Kpi,
    RevenueRules Revenue,
    HalfYear GradeMoves,
    bool NewHireFirstQuarterFree);

/// <summary>Which half-year the salary-grade judgement looks at.</summary>
public enum HalfYear
{
    /// <summary>No grade moves.</summary>
    None,
    /// <summary>Calendar halves, judged at the end of Q2 and Q4 (default).</summary>
    Calendar,
    /// <summary>The last two quarters, judged at every quarter end from the year's second quarter on.</summary>
    Rolling,
}

/// <summary>A band of the annual excess above target: from <paramref name="AboveRatio"/> × the year's target (≥ 1) at <paramref name="Rate"/>.</summary>
/// <param name="AboveRatio">Where the band starts, as completion of the year's target (1.2 = 120%).</param>
/// <param name="Rate">The rate of the excess in this band.</param>
public sealed record OverTargetBand(decimal AboveRatio, decimal Rate);

/// <summary>How the whole amount is rated across the bands below base and within target.</summary>
public enum RateMode
{
    /// <summary>全额累进: the whole amount at the rate of the band it reaches.</summary>
    Whole,
    /// <summary>Graduated: the part below base at the below-base rate, the rest at the in-target rate.</summary>
    Graduated,
}

/// <summary>What happens in a quarter to the amount above the quarter's target.</summary>
public enum OverTargetInQuarter
{
    /// <summary>Only the target is accrued; the excess is carried into the next quarter.</summary>
    Carry,
    /// <summary>The whole amount is accrued in the quarter at the in-target rate; nothing is carried.</summary>
    Accrue,
}

/// <summary>
/// The quarterly accrual. <paramref name="BelowBaseRate"/> null means no bonus in a quarter below its base.
/// <paramref name="Cap"/> (e.g. 300,000): above it, and with no open shortfall (or with <see cref="CapWithShortfall.Progressive"/>),
/// the quarter accrues target × in-target rate + (<paramref name="CapFormulaAmount"/> − target) × <paramref name="OverTargetRate"/>
/// and carries the amount above the cap.
/// </summary>
/// <param name="BelowBaseRate">Rate below base (a fraction, 0.01424), or null: no bonus.</param>
/// <param name="InTargetRate">Rate from base up to target (a fraction).</param>
/// <param name="Mode">Whole-amount or graduated rating.</param>
/// <param name="OverTarget">What happens to the amount above target.</param>
/// <param name="Cap">The quarterly cap amount, or null.</param>
/// <param name="OverTargetRate">Rate between target and the cap.</param>
/// <param name="CapFormulaAmount">The amount the over-target formula uses (the cap by default; the printed 100,000 is the literal alternative).</param>
/// <param name="CapWithShortfall">What the cap does when earlier shortfalls were open at the quarter's start.</param>
public sealed record QuarterRules(
    decimal? BelowBaseRate,
    decimal InTargetRate,
    RateMode Mode,
    OverTargetInQuarter OverTarget,
    decimal? Cap = null,
    decimal OverTargetRate = 0m,
    decimal? CapFormulaAmount = null,
    CapWithShortfall CapWithShortfall = CapWithShortfall.Carry,
    BigTicketRule? BigTicket = null);

/// <summary>When the big-ticket condition fails, since the source text breaks off there.</summary>
public enum BigTicketFallback
{
    /// <summary>Rate the quarter as usual and say that the source is incomplete (default).</summary>
    Usual,
    /// <summary>Refuse the quarter as not computable.</summary>
    Refuse,
}

/// <summary>
/// Big-ticket condition: when deals above <paramref name="Threshold"/> (strictly) make at least <paramref name="Share"/> of the
/// quarter's deals and the quarter reaches its base, the whole amount is rated at the in-target rate.
/// </summary>
/// <param name="Threshold">A deal counts as big when strictly above this (50,000).</param>
/// <param name="Share">The big deals' minimum share of the total (0.4, inclusive).</param>
/// <param name="Fallback">What a failed condition does.</param>
public sealed record BigTicketRule(decimal Threshold, decimal Share, BigTicketFallback Fallback);

/// <summary>A quarter above the cap while earlier shortfalls are open.</summary>
public enum CapWithShortfall
{
    /// <summary>Fill the shortfalls, credit up to the target, carry the rest (default).</summary>
    Carry,
    /// <summary>Fill the shortfalls, then apply the capped over-target rate to what remains.</summary>
    Progressive,
}

/// <summary>How an amount below base is made up in later quarters.</summary>
public enum ShortfallMode
{
    /// <summary>The outstanding shortfall is subtracted from the next quarter's amount before it is compared with the base.</summary>
    Net,
    /// <summary>The amount above the next quarters' base fills the open quarters oldest first.</summary>
    Fifo,
    /// <summary>No make-up: every quarter stands alone.</summary>
    None,
}

/// <summary>What a fully made-up quarter pays back.</summary>
public enum BackPayBasis
{
    /// <summary>The made-up quarter's whole base (the default reading of "已补足基数任务的总额").</summary>
    FilledBase,
    /// <summary>Only the amounts used to fill it.</summary>
    FilledAmount,
}

/// <summary>Shortfall make-up. <paramref name="BackPay"/>: a fully made-up quarter's bonus is paid back at the in-target rate.</summary>
/// <param name="Mode">Net, FIFO or none.</param>
/// <param name="BackPay">Whether a made-up quarter's bonus is paid back.</param>
/// <param name="BackPayBasis">What the back-pay is computed on.</param>
public sealed record ShortfallRules(ShortfallMode Mode, bool BackPay, BackPayBasis BackPayBasis = BackPayBasis.FilledBase);

/// <summary>When the floating wage of a quarter is paid.</summary>
public enum FloatingWageCondition
{
    /// <summary>The plan has no floating-wage rule: it is always paid.</summary>
    None,
    /// <summary>Paid when the quarter reaches its base.</summary>
    Base,
    /// <summary>Paid when the quarter reaches its target.</summary>
    Target,
}

/// <summary>Floating wage: the condition, and whether a withheld wage is paid in the quarter its shortfall is made up.</summary>
/// <param name="Condition">What the quarter must reach.</param>
/// <param name="BackPayOnMakeUp">True: withheld, paid later when made up; false: not paid at all.</param>
public sealed record FloatingWageRules(FloatingWageCondition Condition, bool BackPayOnMakeUp);

/// <summary>The year-end settlement's form.</summary>
public enum AnnualMode
{
    /// <summary>No separate annual formula: the year is the sum of its quarters (true-up 0).</summary>
    None,
    /// <summary>The year's revenue rated against the year's base and target with the annual rates.</summary>
    Progressive,
}

/// <summary>A negative true-up.</summary>
public enum ClawbackPolicy
{
    /// <summary>Kept as an amount to deduct from the next bonuses (default).</summary>
    Offset,
    /// <summary>Repaid at once.</summary>
    Refund,
    /// <summary>Not recovered: the true-up is floored at 0.</summary>
    Floor,
}

/// <summary>What the year end does to the carry and the open shortfalls.</summary>
public enum YearEnd
{
    /// <summary>The annual settlement covers them; they are cleared.</summary>
    Settle,
    /// <summary>They go on into the next year's first quarter.</summary>
    CarryOver,
}

/// <summary>
/// The annual settlement. Progressive: in-target part = min(A, T_y) at the band rate (below/in by <paramref name="Mode"/>),
/// plus (A − T_y) × <paramref name="OverTargetRate"/>; true-up = annual − Σ quarterly engine accruals.
/// </summary>
/// <param name="Mode">None or progressive.</param>
/// <param name="BelowBaseRate">Annual rate below the year's base.</param>
/// <param name="InTargetRate">Annual rate from base to target.</param>
/// <param name="RateMode">Whole or graduated for the in-target part.</param>
/// <param name="OverTargetRate">Rate on the excess above the year's target.</param>
/// <param name="Clawback">A negative true-up.</param>
/// <param name="KpiOnTrueUp">Whether the true-up is paid × (fixed + variable × the year's mean KPI coefficient).</param>
/// <param name="YearEnd">What happens to carry and shortfall at year end.</param>
/// <param name="OverTargetBands">差额累进 bands of the excess above the year's target (graduated); empty = <paramref name="OverTargetRate"/> throughout.
/// The excess below the first band's start is rated at <paramref name="OverTargetRate"/>.</param>
public sealed record AnnualRules(
    AnnualMode Mode,
    decimal BelowBaseRate,
    decimal InTargetRate,
    RateMode RateMode,
    decimal OverTargetRate,
    ClawbackPolicy Clawback,
    bool KpiOnTrueUp,
    YearEnd YearEnd,
    IReadOnlyList<OverTargetBand>? OverTargetBands = null);

/// <summary>One rater of the KPI score with its weight (e.g. 部门经理 0.5).</summary>
/// <param name="Name">The rater's Chinese title, also the input column name of their score.</param>
/// <param name="Weight">The weight, a fraction.</param>
public sealed record KpiRater(string Name, decimal Weight);

/// <summary>A KPI band: a score at or above <paramref name="MinScore"/> gives <paramref name="Coefficient"/>.</summary>
/// <param name="MinScore">Inclusive lower bound of the band.</param>
/// <param name="Coefficient">The KPI bonus coefficient.</param>
public sealed record KpiBand(decimal MinScore, decimal Coefficient);

/// <summary>
/// actual = accrued × (<paramref name="FixedShare"/> + (1 − FixedShare) × k). k comes from the input directly, or from
/// the KPI score through <paramref name="Bands"/> (highest band whose lower bound the score reaches), or — with no bands —
/// k = score / 100 (a placeholder, the group standard is not given).
/// </summary>
/// <param name="FixedShare">The fixed share α (0.8 or 0.7).</param>
/// <param name="Bands">The score → coefficient table, or empty for score / 100.</param>
/// <param name="Raters">Raters whose weighted scores make the KPI score, or empty.</param>
public sealed record KpiRules(decimal FixedShare, IReadOnlyList<KpiBand> Bands, IReadOnlyList<KpiRater> Raters);

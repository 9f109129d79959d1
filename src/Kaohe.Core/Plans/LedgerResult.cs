namespace Kaohe.Core.Plans;

/// <summary>A quarter's floating wage: paid this quarter (its own and any paid back), withheld, and the part of paid that is back-pay.</summary>
/// <param name="Paid">元 paid this quarter, including back-pay.</param>
/// <param name="Withheld">元 of this quarter's wage not paid.</param>
/// <param name="BackPaid">元 of earlier quarters paid back this quarter.</param>
public sealed record FloatingWageLine(decimal Paid, decimal Withheld, decimal BackPaid);

/// <summary>
/// One quarter of the ledger. Money fields are rounded to 0.01 元 (half-up) where the quarter pays or books them
/// (accrued, actual, back-pay); revenue amounts are exact.
/// </summary>
/// <param name="Period">"2026Q1".</param>
/// <param name="Quarter">1–4.</param>
/// <param name="Revenue">Task revenue of the quarter (after types, shares, deductions; before carry and make-up).</param>
/// <param name="Credited">The quarter's completed amount compared with base and target (revenue + carry − netted shortfall).</param>
/// <param name="Base">The quarter's base.</param>
/// <param name="Target">The quarter's target.</param>
/// <param name="CarryIn">Carried in from the previous quarter.</param>
/// <param name="Carry">Carried out to the next quarter.</param>
/// <param name="Shortfall">Open shortfall after the quarter.</param>
/// <param name="Filled">Shortfall made up in this quarter.</param>
/// <param name="EngineAccrued">The engine's accrual incl. back-pay (0.01 元).</param>
/// <param name="BackPay">Bonus paid back for made-up quarters (0.01 元).</param>
/// <param name="SeparateBonus">Bonuses outside the engine (0.01 元).</param>
/// <param name="Accrued">计提奖金 = engine + separate (0.01 元).</param>
/// <param name="KpiScore">The KPI score, when entered as scores.</param>
/// <param name="KpiCoefficient">k.</param>
/// <param name="Actual">实际奖金 = accrued × (α + (1 − α)k) − clawback offset (0.01 元).</param>
/// <param name="ClawbackOffset">An earlier negative true-up deducted from this quarter.</param>
/// <param name="FloatingWage">The floating wage.</param>
/// <param name="Penalty">Fixed salary deducted (元, ≥ 0).</param>
/// <param name="Reimbursement">Expenses reimbursed (database sets), not a bonus.</param>
/// <param name="GradeMove">−1, 0 or +1 at a half-year end when the plan judges grades; null otherwise.</param>
/// <param name="Warnings">Things a clerk should look at (e.g. implementation below its floor).</param>
/// <param name="Explanation">Chinese sentences with the numbers.</param>
public sealed record PeriodLine(
    string Period,
    int Quarter,
    decimal Revenue,
    decimal Credited,
    decimal Base,
    decimal Target,
    decimal CarryIn,
    decimal Carry,
    decimal Shortfall,
    decimal Filled,
    decimal EngineAccrued,
    decimal BackPay,
    decimal SeparateBonus,
    decimal Accrued,
    decimal? KpiScore,
    decimal KpiCoefficient,
    decimal Actual,
    decimal ClawbackOffset,
    FloatingWageLine FloatingWage,
    decimal Penalty,
    decimal Reimbursement,
    int? GradeMove,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Explanation);

/// <summary>The year-end settlement.</summary>
/// <param name="Accrued">The year's entitlement: the annual engine amount + the bonuses outside the engine (0.01 元).</param>
/// <param name="QuarterlyAccrued">Σ quarterly accruals.</param>
/// <param name="TrueUp">Entitlement − Σ quarterly (after the clawback policy; negative = to recover).</param>
/// <param name="TrueUpActual">The true-up after the KPI factor (0.01 元).</param>
/// <param name="Clawback">What is left to deduct from later bonuses (offset policy).</param>
/// <param name="Explanation">Chinese sentences with the numbers.</param>
public sealed record AnnualLine(
    decimal Accrued, decimal QuarterlyAccrued, decimal TrueUp, decimal TrueUpActual, decimal Clawback, IReadOnlyList<string> Explanation);

/// <summary>One person's ledger: the quarters, the annual settlement (when the year's fourth quarter is in), and the state after.</summary>
/// <param name="Name">姓名.</param>
/// <param name="Id">工号.</param>
/// <param name="Periods">The quarters computed.</param>
/// <param name="Annual">The settlement, or null before the year's end.</param>
/// <param name="State">The state after the last quarter (and the settlement).</param>
public sealed record PersonLedger(string Name, string Id, IReadOnlyList<PeriodLine> Periods, AnnualLine? Annual, LedgerState State);

/// <summary>A problem with the input of one person's quarter, in Chinese.</summary>
/// <param name="Person">姓名 (工号).</param>
/// <param name="Period">"2026Q1", or empty.</param>
/// <param name="Field">The input field, or empty.</param>
/// <param name="Message">What is wrong.</param>
public sealed record LedgerProblem(string Person, string Period, string Field, string Message)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Person}{(Period.Length > 0 ? " " + Period : "")}{(Field.Length > 0 ? " “" + Field + "”" : "")}：{Message}";
}

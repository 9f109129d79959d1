namespace Kaohe.Core.Plans;

/// <summary>A quarter whose base is not yet made up: its base and what is still missing.</summary>
/// <param name="Quarter">The quarter it belongs to (1–4).</param>
/// <param name="Year">Its year.</param>
/// <param name="Base">The quarter's base.</param>
/// <param name="Missing">What was missing when the quarter closed.</param>
/// <param name="Remaining">What is still missing (&gt; 0).</param>
public sealed record OpenShortfall(int Year, int Quarter, decimal Base, decimal Missing, decimal Remaining);

/// <summary>A floating wage withheld and payable once its quarter is made up.</summary>
/// <param name="Year">Its year.</param>
/// <param name="Quarter">The quarter it was withheld in.</param>
/// <param name="Amount">元.</param>
public sealed record WithheldWage(int Year, int Quarter, decimal Amount);

/// <summary>The running sums of the year the annual settlement and the half-year grade judgement need.</summary>
/// <param name="Task">Σ task revenue (after types, shares and deductions, before carry and make-up).</param>
/// <param name="TaskOnly">Σ revenue that counts toward the task without earning the engine's bonus.</param>
/// <param name="Base">Σ quarterly bases.</param>
/// <param name="Target">Σ quarterly targets.</param>
/// <param name="EngineAccrued">Σ quarterly engine accruals, each rounded to 0.01 元.</param>
/// <param name="SeparateAccrued">Σ bonuses outside the engine.</param>
/// <param name="KpiSum">Σ KPI coefficients.</param>
/// <param name="Quarters">Number of quarters in the sums.</param>
/// <param name="HalfTask">Σ task revenue of the current half-year.</param>
/// <param name="HalfBase">Σ bases of the current half-year.</param>
/// <param name="LastTask">The previous quarter's task revenue (for a rolling half-year).</param>
/// <param name="LastBase">The previous quarter's base.</param>
public sealed record YearSums(
    decimal Task, decimal TaskOnly, decimal Base, decimal Target, decimal EngineAccrued, decimal SeparateAccrued,
    decimal KpiSum, int Quarters, decimal HalfTask, decimal HalfBase, decimal LastTask = 0, decimal LastBase = 0)
{
    /// <summary>Nothing yet.</summary>
    public static readonly YearSums Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// Everything one quarter hands to the next: carry, open shortfalls (oldest first), withheld wages, an unrecovered
/// clawback and the year's running sums. A closed (frozen) quarter's state is the input of the next quarter, so a later
/// quarter can be computed without recomputing the earlier ones.
/// </summary>
/// <param name="Year">The year of the last quarter computed (or the year about to start).</param>
/// <param name="LastQuarter">The last quarter computed in <paramref name="Year"/> (0 = none yet).</param>
/// <param name="Carry">Amount carried into the next quarter.</param>
/// <param name="Shortfalls">Open shortfalls, oldest first.</param>
/// <param name="Withheld">Withheld floating wages awaiting make-up.</param>
/// <param name="Clawback">A negative true-up still to be deducted from later bonuses (≥ 0).</param>
/// <param name="Sums">The year's running sums.</param>
public sealed record LedgerState(
    int Year,
    int LastQuarter,
    decimal Carry,
    IReadOnlyList<OpenShortfall> Shortfalls,
    IReadOnlyList<WithheldWage> Withheld,
    decimal Clawback,
    YearSums Sums)
{
    /// <summary>The state before a person's first quarter of <paramref name="year"/>.</summary>
    public static LedgerState Start(int year) => new(year, 0, 0m, [], [], 0m, YearSums.Empty);

    /// <summary>Σ open shortfall.</summary>
    public decimal OutstandingShortfall => Shortfalls.Sum(s => s.Remaining);
}

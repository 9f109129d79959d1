using Kaohe.Core.Scoring;
using Kaohe.Data.Model;

namespace Kaohe.Data.Results;

/// <summary>
/// One line of a results history: a published cycle result or a roll-up. Money in 元 (0.01), totals exact (display
/// rounds). <see cref="RankOf"/> is the number of ranked appraisees of the cycle, <see cref="UnitRankOf"/> of the unit.
/// </summary>
public sealed record HistoryRow(
    string Period, string SchemeCode, string SchemeName, int? CycleId, int? SubjectId, int? RollupId, bool IsRollup,
    decimal? Total, string? Grade, int? Rank, int? RankOf, int? UnitRank, int? UnitRankOf,
    decimal? Payout, decimal? RankAmount, decimal? Money, string State, string? Note,
    IReadOnlyList<ConsequenceRow> Consequences);

/// <summary>A person's history (员工档案): every published result and roll-up, oldest first.</summary>
public sealed record PersonHistory(int StaffId, string EmployeeNo, string Name, string UnitName, int UnitId, IReadOnlyList<HistoryRow> Rows);

/// <summary>A person in the archive list with their latest published result.</summary>
public sealed record PersonSummary(
    int StaffId, string EmployeeNo, string Name, string UnitName, int Results, string? LastPeriod, string? LastScheme,
    decimal? LastTotal, string? LastGrade, int OpenConsequences);

/// <summary>How many appraisees got a grade in a period (for a unit or a cycle).</summary>
public sealed record GradeTally(string Grade, int Count);

/// <summary>One period of a unit's history: its people's published results of one scheme summed up.</summary>
public sealed record UnitPeriodRow(
    string Period, string SchemeCode, string SchemeName, int People, decimal? Average, decimal? Best, decimal? Worst,
    decimal PayoutTotal, decimal RankAmountTotal, decimal MoneyTotal, IReadOnlyList<GradeTally> Grades);

/// <summary>A unit's history: the unit's own results (when the unit itself is appraised) and its people's, by period.</summary>
public sealed record UnitHistory(int UnitId, string UnitName, IReadOnlyList<HistoryRow> Own, IReadOnlyList<UnitPeriodRow> Periods);

/// <summary>A consequence due from the history, as HR's list shows it.</summary>
public sealed record ConsequenceRow(
    int Id, int? StaffId, string Code, string Name, string UnitName, string SchemeCode, string Period, ConsequenceType Type,
    string TypeName, string Title, string Explanation, string? CapGrade, int? CapYear, ConsequenceStatus Status, string StatusName,
    DateTime CreatedAt, string? HandledBy, DateTime? HandledAt, string? HandledNote, int? CycleId, int Version);

/// <summary>HR records what was done about a consequence.</summary>
public sealed record HandleConsequenceRequest(string Note, int Version);

/// <summary>
/// Roll up the published results of a scheme into a quarter or a year (2026-Q4, 2026) for the appraisees in the
/// actor's scope. Weights: one per sub-period in order (empty = equal); Missing: how a period without a result counts.
/// </summary>
public sealed record RollupRequest(string SchemeCode, string Period, IReadOnlyList<decimal>? Weights = null,
    MissingPeriodPolicy Missing = MissingPeriodPolicy.MeanOfPresent);

/// <summary>One sub-period of a roll-up: its published total and grade (null = no published result).</summary>
public sealed record RollupPartRow(string Period, decimal? Total, string? Grade);

/// <summary>A stored roll-up result.</summary>
public sealed record RollupRow(
    int Id, int? StaffId, string Code, string Name, string UnitName, string SchemeCode, string SchemeName, string Period,
    string Method, IReadOnlyList<RollupPartRow> Parts, int Missing, decimal? Total, string? GradeBeforeCap, string? Grade,
    string Explanation, DateTime CreatedAt, string CreatedBy);

/// <summary>What a roll-up run did.</summary>
public sealed record RollupRun(string SchemeCode, string Period, int Computed, int Changed, IReadOnlyList<RollupRow> Rows, IReadOnlyList<string>? Notes = null);

/// <summary>Which results a pay sheet covers: one period (2026-10, 2026-Q4, 2026) and optionally a unit's subtree.</summary>
public sealed record PaySheetQuery(string Period, int? UnitId = null);

/// <summary>The kind of a pay-sheet line.</summary>
public enum PayLineKind
{
    /// <summary>A person's (or a team's) result.</summary>
    Person,
    /// <summary>单位小计.</summary>
    UnitSubtotal,
    /// <summary>合计 of the whole sheet.</summary>
    GrandTotal,
}

/// <summary>
/// One line of the pay sheet (绩效工资表). <see cref="Amounts"/> follow <see cref="PaySheetLayout.MoneyColumns"/>;
/// <see cref="Sum"/> is their sum (合计).
/// </summary>
public sealed record PayLine(
    PayLineKind Kind, string EmployeeNo, string Name, string UnitName, string SchemeName, string Period,
    decimal? Total, string? Grade, int? Rank, IReadOnlyList<decimal?> Amounts, decimal Sum, int People);

/// <summary>The pay sheet's heading: what it covers and what it leaves out.</summary>
public sealed record PaySheetSummary(
    string Period, string ScopeName, IReadOnlyList<string> MoneyColumns, int People, decimal GrandTotal,
    IReadOnlyList<PayLine> Units, IReadOnlyList<string> Cycles, IReadOnlyList<string> NotPublished);

/// <summary>A cycle's grade bands and forced-distribution limits, with the check of its current results.</summary>
public sealed record GradingView(
    int CycleId, bool BandsEditable, bool LimitsEditable, bool Overridden, IReadOnlyList<GradeBandInput> Bands,
    IReadOnlyList<DistributionLimitInput> Limits, IReadOnlyList<GradeTally> Counts, int Graded,
    IReadOnlyList<string> Breaches, string? Override, int Version);

/// <summary>A grade band as HR types it: total ≥ Min (&gt; when Above) → Grade; Min null = everything below.</summary>
public sealed record GradeBandInput(string Grade, decimal? Min, bool Above = false);

/// <summary>A forced-distribution limit in percent as HR types it (优秀 at most 20, 不合格 at least 5).</summary>
public sealed record DistributionLimitInput(string Grade, decimal? MaxPercent, decimal? MinPercent);

/// <summary>Sets a cycle's grade bands (null = keep; empty = back to the scheme's) and distribution limits (null = keep; empty = none).</summary>
public sealed record GradingRequest(IReadOnlyList<GradeBandInput>? Bands, IReadOnlyList<DistributionLimitInput>? Limits, int Version);

/// <summary>An appraisee in a cycle's ranking chart.</summary>
public sealed record RankedEntry(string Code, string Name, string UnitName, decimal? Total, string? Grade, int? Rank, decimal? RankAmount);

/// <summary>A unit's average in a cycle.</summary>
public sealed record UnitAverage(int UnitId, string UnitName, int People, decimal? Average);

/// <summary>The charts of one cycle: grade distribution, ranking, unit averages.</summary>
public sealed record CycleCharts(int CycleId, string Name, string Period, IReadOnlyList<GradeTally> Grades,
    IReadOnlyList<RankedEntry> Ranking, IReadOnlyList<UnitAverage> Units);

/// <summary>One month (or period) of a unit's trend: average total, payout total, people.</summary>
public sealed record TrendPoint(string Period, int People, decimal? Average, decimal PayoutTotal);

/// <summary>HR's and managers' home charts: the latest published cycles and the trend of their scope.</summary>
public sealed record Dashboard(string ScopeName, IReadOnlyList<CycleCharts> Cycles, IReadOnlyList<TrendPoint> Trend);

/// <summary>The money columns of the pay sheet, in order. Later incentive plans add their lines here.</summary>
public static class PaySheetLayout
{
    /// <summary>绩效奖金 (the scheme's payout), 排名奖罚 (RK), 其他奖扣 (items scored in 元).</summary>
    public static readonly IReadOnlyList<string> MoneyColumns = ["绩效奖金", "排名奖罚", "其他奖扣"];
}

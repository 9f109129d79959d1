namespace Kaohe.Data.Model;

// The customer information base (issue 3, RULES.md §25). Conventions:
// - Every record type has a natural key (a code from the source system, or a documented combination) with a
//   unique index; imports upsert on it, so importing the same file twice changes nothing.
// - Money is stored in 分 (long) and other aggregatable quantities in units of 1/10,000 (long): SQLite keeps
//   .NET decimals as text and cannot sum them in SQL, and integers are exact on both providers.
// - Dated records carry `Month` = yyyymm of the date the metrics group them by (G9: calendar months), so
//   every metric is a GROUP BY on plain integer columns, the same on SQLite and PostgreSQL.
// - Records carry the org unit they count for at the time they happened (`UnitId`), taken from the staff
//   member or customer owner when the import row does not name one.

/// <summary>Kind of an org unit (公司 / 部门 / 办事处 / 小组 …).</summary>
public enum UnitKind
{
    Company = 0,
    Department = 1,
    Office = 2,
    Team = 3,
    Region = 4,
    Function = 5,
    Project = 6,
}

/// <summary>An org unit; units form a tree with one company at the root.</summary>
public sealed class OrgUnit
{
    public int Id { get; set; }
    /// <summary>Natural key (单位编码).</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public UnitKind Kind { get; set; }
    public int? ParentId { get; set; }
    public OrgUnit? Parent { get; set; }
}

/// <summary>
/// Closure of the unit tree: one row per (ancestor, descendant) pair, including each unit with itself
/// (depth 0). A unit's subtree is a join on this table, so subtree totals stay one set-based query.
/// </summary>
public sealed class UnitClosure
{
    public int AncestorId { get; set; }
    public int DescendantId { get; set; }
    public int Depth { get; set; }
}

/// <summary>A staff member (员工).</summary>
public sealed class Staff
{
    public int Id { get; set; }
    /// <summary>Natural key (工号).</summary>
    public string EmployeeNo { get; set; } = "";
    public string Name { get; set; } = "";
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    /// <summary>Role as the company names it (客户经理, 办事处主任 …).</summary>
    public string Role { get; set; } = "";
    public int? SupervisorId { get; set; }
    public DateOnly? HiredOn { get; set; }
    public DateOnly? LeftOn { get; set; }
}

/// <summary>A customer. Current owner and status are kept here; the history is in <see cref="CustomerEvent"/>.</summary>
public sealed class Customer
{
    public int Id { get; set; }
    /// <summary>Natural key (客户编号).</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Class as the company names it: A, B, C, 大客户, 集团 …</summary>
    public string Class { get; set; } = "";
    public int? OwnerStaffId { get; set; }
    public int OwnerUnitId { get; set; }
    /// <summary>Date the customer was acquired (开发日期); an <see cref="CustomerEventKind.Acquired"/> event mirrors it.</summary>
    public DateOnly AcquiredOn { get; set; }
    /// <summary>Set while the customer is lost (流失); cleared by a recovery.</summary>
    public DateOnly? LostOn { get; set; }
}

/// <summary>Kind of a customer lifecycle event.</summary>
public enum CustomerEventKind
{
    Acquired = 0,
    Lost = 1,
    Recovered = 2,
    Transferred = 3,
}

/// <summary>
/// A customer lifecycle event. <see cref="UnitId"/> is the unit whose customer count changes: the acquiring
/// or recovering unit (+1), the losing unit (−1), or for a transfer the receiving unit (+1) with
/// <see cref="FromUnitId"/> (−1). Natural key: (customer, kind, date).
/// </summary>
public sealed class CustomerEvent
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public CustomerEventKind Kind { get; set; }
    public DateOnly OccurredOn { get; set; }
    public int Month { get; set; }
    public int UnitId { get; set; }
    public int? StaffId { get; set; }
    public int? FromUnitId { get; set; }
    public int? FromStaffId { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A customer complaint (投诉), from receipt to resolution.</summary>
public sealed class Complaint
{
    public long Id { get; set; }
    /// <summary>Natural key (投诉编号).</summary>
    public string Code { get; set; } = "";
    public int? CustomerId { get; set; }
    /// <summary>The unit the complaint counts for (the handler's unit, else the customer owner's).</summary>
    public int UnitId { get; set; }
    public int? HandlerStaffId { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>yyyymm of <see cref="ReceivedAt"/>.</summary>
    public int Month { get; set; }
    public DateTime? RespondedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    /// <summary>yyyymm of <see cref="ResolvedAt"/> (the month the complaint was handled).</summary>
    public int? ResolvedMonth { get; set; }
    /// <summary>Minutes from receipt to resolution, for KF-04 (computed on import).</summary>
    public long? ResolutionMinutes { get; set; }
    public string? Channel { get; set; }
    public string? Category { get; set; }
    public string? Outcome { get; set; }
    /// <summary>Customer satisfied with the resolution (客户对解决结果满意).</summary>
    public bool? Satisfied { get; set; }
    /// <summary>Satisfaction score given by the customer, in 1/10,000 units.</summary>
    public long? Score { get; set; }
}

/// <summary>A visit or follow-up (拜访 / 回访), planned and/or done.</summary>
public sealed class Visit
{
    public long Id { get; set; }
    /// <summary>Natural key (记录编号).</summary>
    public string Code { get; set; } = "";
    public int CustomerId { get; set; }
    public int StaffId { get; set; }
    public int UnitId { get; set; }
    /// <summary>拜访, 回访, 电话回访 … as the company names it; a name containing 回访 is a follow-up.</summary>
    public string Kind { get; set; } = "";
    public bool IsFollowUp { get; set; }
    /// <summary>Planned (计划内) visit: counts in the denominator of KF-03.</summary>
    public bool Planned { get; set; }
    public DateOnly? PlannedOn { get; set; }
    public DateOnly? DoneOn { get; set; }
    /// <summary>yyyymm of the done date, else of the planned date.</summary>
    public int Month { get; set; }
    public bool? Success { get; set; }
    public int? Attempt { get; set; }
}

/// <summary>A sale (销售 / 订单).</summary>
public sealed class Sale
{
    public long Id { get; set; }
    /// <summary>Natural key (订单编号).</summary>
    public string Code { get; set; } = "";
    public int CustomerId { get; set; }
    public int? StaffId { get; set; }
    public int UnitId { get; set; }
    public DateOnly Date { get; set; }
    public int Month { get; set; }
    /// <summary>Amount in 分.</summary>
    public long AmountFen { get; set; }
    public string? ProductType { get; set; }
}

/// <summary>A collection (回款).</summary>
public sealed class Collection
{
    public long Id { get; set; }
    /// <summary>Natural key (回款编号).</summary>
    public string Code { get; set; } = "";
    public int CustomerId { get; set; }
    public string? SaleCode { get; set; }
    public int? StaffId { get; set; }
    public int UnitId { get; set; }
    public DateOnly Date { get; set; }
    public int Month { get; set; }
    public long AmountFen { get; set; }
    public DateOnly? DueOn { get; set; }
}

/// <summary>A target (目标) for a staff member or unit, for a period and a metric.</summary>
public sealed class Target
{
    public long Id { get; set; }
    /// <summary>Natural key part: <c>U:单位编码</c> or <c>S:工号</c>.</summary>
    public string ScopeKey { get; set; } = "";
    public int? UnitId { get; set; }
    public int? StaffId { get; set; }
    /// <summary>Period as written: 2026-10, 2026-Q4 or 2026.</summary>
    public string Period { get; set; } = "";
    /// <summary>First and last month (yyyymm) the period covers.</summary>
    public int FirstMonth { get; set; }
    public int LastMonth { get; set; }
    /// <summary>What the target is for, e.g. 销售额, 服务费用预算 (see docs/data.md).</summary>
    public string Metric { get; set; } = "";
    /// <summary>Target value in 1/10,000 units (money targets in 元 × 10,000).</summary>
    public long Value { get; set; }
    /// <summary>Base value (基数), in 1/10,000 units.</summary>
    public long? BaseValue { get; set; }
    public long? Weight { get; set; }
}

/// <summary>A touchpoint check result (触点考核) of a unit for a quarter.</summary>
public sealed class TouchpointCheck
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>Quarter as written: 2026-Q3. Natural key: (unit, quarter).</summary>
    public string Quarter { get; set; } = "";
    /// <summary>First month (yyyymm) of the quarter.</summary>
    public int Month { get; set; }
    public int ItemsApplicable { get; set; }
    public int ItemsPassed { get; set; }
    public DateOnly? SubmittedOn { get; set; }
}

/// <summary>A satisfaction survey response (客户满意度 or 部门协作满意度).</summary>
public sealed class Survey
{
    public long Id { get; set; }
    /// <summary>Natural key (问卷编号).</summary>
    public string Code { get; set; } = "";
    /// <summary>客户满意度 (KF-08) or 部门协作满意度 (KF-09).</summary>
    public string Kind { get; set; } = "";
    public int? CustomerId { get; set; }
    /// <summary>The unit the survey rates.</summary>
    public int UnitId { get; set; }
    public int? StaffId { get; set; }
    public string? Respondent { get; set; }
    public DateOnly Date { get; set; }
    public int Month { get; set; }
    /// <summary>Score in 1/10,000 units.</summary>
    public long Score { get; set; }
}

/// <summary>
/// A service task with a deadline or standard time (意见反馈, 信息传递, 调研任务, 流程改进, 业务量):
/// KF-01, KF-02, KF-10, KF-12, KF-13 count them.
/// </summary>
public sealed class ServiceTask
{
    public long Id { get; set; }
    /// <summary>Natural key (事项编号).</summary>
    public string Code { get; set; } = "";
    public string Kind { get; set; } = "";
    public int UnitId { get; set; }
    public int? StaffId { get; set; }
    public int? CustomerId { get; set; }
    /// <summary>Due date (planned or required by).</summary>
    public DateOnly DueOn { get; set; }
    public int Month { get; set; }
    public DateOnly? DoneOn { get; set; }
    /// <summary>Done within the standard time (在标准时间内).</summary>
    public bool WithinStandard { get; set; }
    /// <summary>Quantity (e.g. business volume) in 1/10,000 units; 1 for a single task.</summary>
    public long Planned { get; set; }
    public long Completed { get; set; }
}

/// <summary>A call of the call centre (呼入 / 呼出), for KF-14 and KF-15.</summary>
public sealed class Call
{
    public long Id { get; set; }
    /// <summary>Natural key (呼叫编号).</summary>
    public string Code { get; set; } = "";
    public int UnitId { get; set; }
    public int? StaffId { get; set; }
    public DateTime At { get; set; }
    public int Month { get; set; }
    public bool Inbound { get; set; }
    public bool Connected { get; set; }
    public bool Transferred { get; set; }
    public bool Abandoned { get; set; }
}

/// <summary>An expenditure (费用开支) of a unit, for KF-11 and KF-16.</summary>
public sealed class Expense
{
    public long Id { get; set; }
    /// <summary>Natural key (费用编号).</summary>
    public string Code { get; set; } = "";
    public int UnitId { get; set; }
    /// <summary>服务费用 (KF-11) or 部门费用 (KF-16).</summary>
    public string Category { get; set; } = "";
    public DateOnly Date { get; set; }
    public int Month { get; set; }
    public long AmountFen { get; set; }
}

/// <summary>
/// A reported actual of an indicator that has no record type of its own (产品合格率, 出账收入, 回收金额,
/// 4G换卡用户数 …), for a unit or staff member and a month. Natural key: (scope, month, metric).
/// </summary>
public sealed class IndicatorActual
{
    public long Id { get; set; }
    public string ScopeKey { get; set; } = "";
    public int UnitId { get; set; }
    public int? StaffId { get; set; }
    public int Month { get; set; }
    public string Metric { get; set; } = "";
    /// <summary>Value in 1/10,000 units.</summary>
    public long Value { get; set; }
}

/// <summary>An explicitly closed period (月); its metrics are frozen in <see cref="MetricValue"/>.</summary>
public sealed class ClosedPeriod
{
    public int Month { get; set; }
    public DateTime ClosedAt { get; set; }
    public string ClosedBy { get; set; } = "";
}

/// <summary>Kind of the scope a metric value is computed for.</summary>
public enum ScopeKind
{
    Company = 0,
    Unit = 1,
    Staff = 2,
}

/// <summary>
/// A stored metric value: numerator and denominator as computed from the records, and the value
/// (null when the denominator is 0: N/A, G6). Rows of closed periods are frozen.
/// </summary>
public sealed class MetricValue
{
    public long Id { get; set; }
    public string Metric { get; set; } = "";
    public ScopeKind ScopeKind { get; set; }
    /// <summary>Unit id (company and unit scopes) or staff id.</summary>
    public int ScopeId { get; set; }
    /// <summary>Period as written: 2026-10, 2026-Q4, 2026.</summary>
    public string Period { get; set; } = "";
    public decimal Numerator { get; set; }
    public decimal? Denominator { get; set; }
    public decimal? Value { get; set; }
    public bool Frozen { get; set; }
    public DateTime ComputedAt { get; set; }
}

/// <summary>One import run (kept for the audit trail and the import report).</summary>
public sealed class ImportRun
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string FileName { get; set; } = "";
    public string FileSha256 { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public int Rows { get; set; }
    public int Inserted { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    /// <summary>Who imported it: the login name in the web, the operating-system user in the CLI.</summary>
    public string? Actor { get; set; }
}

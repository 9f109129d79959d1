using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Metrics;

/// <summary>One metric value: numerator and denominator from the records, and the value (null = N/A, G6).</summary>
public sealed record MetricResult(string Metric, ScopeKind ScopeKind, int ScopeId, Period Period, decimal Numerator, decimal? Denominator, decimal? Value);

/// <summary>
/// One record counted by a metric, projected to a common shape: the unit and staff it counts for, its month and
/// its contribution (1 for a count, an amount in 1/10,000 or 分·100, minutes …). Queries over facts are composed
/// by EF Core into one SQL statement per metric side and scope level.
/// </summary>
public sealed class Fact
{
    public string Table { get; set; } = "";
    public string Code { get; set; } = "";
    public int UnitId { get; set; }
    public int? StaffId { get; set; }
    public int Month { get; set; }
    public long Value { get; set; }
    /// <summary>The customer, for metrics that count distinct customers (KF-03).</summary>
    public int? CustomerId { get; set; }
}

/// <summary>One side (numerator or denominator) of an explanation: how many records, their sum, the first of them.</summary>
public sealed record ExplainedSide(string Label, int Count, long Sum, IReadOnlyList<Fact> Records);

/// <summary>The records behind a metric value.</summary>
public sealed record MetricExplanation(MetricDefinition Metric, ScopeKind ScopeKind, int ScopeId, Period Period, ExplainedSide Numerator, ExplainedSide? Denominator);

/// <summary>A fact with the key of the period it falls in.</summary>
public sealed class KeyedFact
{
    public int UnitId { get; set; }
    public int? StaffId { get; set; }
    public int Key { get; set; }
    public long Value { get; set; }
    public int? CustomerId { get; set; }
}

/// <summary>
/// Computes metrics in the database: for every metric, one GROUP BY per scope level (company; every unit with
/// its subtree through <c>unit_closure</c>; every staff member) over the period keys of a range of months.
/// Only the aggregated rows (scopes × periods) come back to C#, where numerator / denominator are divided in
/// <c>decimal</c> and the customer-count snapshots are summed up month by month.
/// </summary>
public sealed class MetricEngine(KaoheDb db)
{
    private readonly KaoheDb _db = db;

    /// <summary>
    /// Sum the sides that read the same table in one query (the default). Off, every side has its own query: the
    /// same results, slower; tests compare the two.
    /// </summary>
    public bool ShareQueries { get; init; } = true;

    /// <summary>The company unit (root of kind Company).</summary>
    public int CompanyId() =>
        _db.Units.AsNoTracking().Where(u => u.ParentId == null && u.Kind == UnitKind.Company).Select(u => u.Id).ToList() switch
        {
            [var id] => id,
            [] => throw new InvalidOperationException("组织中没有公司（最上级、类型为公司的单位）：请先导入组织（单位）"),
            _ => throw new InvalidOperationException("组织中有多个最上级的公司单位，无法确定公司口径"),
        };

    /// <summary>Every metric (or those named) for every scope and every period of <paramref name="kind"/> in [first, last] months.</summary>
    public List<MetricResult> Compute(PeriodKind kind, int firstMonth, int lastMonth, IEnumerable<string>? metrics = null)
    {
        var company = CompanyId();
        var wanted = metrics?.Select(m => MetricCatalog.Get(m).Code).ToHashSet() ?? MetricCatalog.All.Select(m => m.Code).ToHashSet();
        var results = new List<MetricResult>();
        var defs = MetricCatalog.All.Where(d => wanted.Contains(d.Code) && !(d.MonthOnly && kind != PeriodKind.Month)).ToList();
        var sides = defs.Where(d => !IsSnapshot(d.Code) && d.ReportedLevel is null && d.Code is not ("KF-18" or "KF-03")).ToDictionary(d => d.Code, d => Sides(d.Code));
        var batched = RunBatches(sides.Values.SelectMany(x => new[] { x.Numerator, x.Denominator }).OfType<Side>(), kind, firstMonth, lastMonth);
        foreach (var def in defs)
        {
            switch (def.Code)
            {
                case "churn_rate":
                case "growth_rate":
                case "customer_retention":
                case "key_retention":
                    results.AddRange(Snapshot(def, kind, firstMonth, lastMonth, company));
                    break;
                case "KF-18":
                    results.AddRange(MonthDifference(def, firstMonth, lastMonth, company));
                    break;
                case var _ when def.ReportedLevel is not null:
                    results.AddRange(ReportedLevel(def, firstMonth, lastMonth, company));
                    break;
                case "KF-03":
                    results.AddRange(FollowUpCustomers(def, kind, firstMonth, lastMonth, company));
                    break;
                default:
                    results.AddRange(Ratio(def, sides[def.Code], batched, kind, firstMonth, lastMonth, company));
                    break;
            }
        }
        return results;
    }

    /// <summary>Every metric for one period.</summary>
    public List<MetricResult> Compute(Period period, IEnumerable<string>? metrics = null) =>
        Compute(period.Kind, period.FirstMonth, period.LastMonth, metrics);

    // ------------------------------------------------------------------ fact sources

    /// <summary>How a side of a metric is summed over the scopes.</summary>
    private enum Rollup
    {
        /// <summary>A unit counts its whole subtree (records).</summary>
        Subtree,
        /// <summary>A unit counts only its own rows (targets, rates reported per unit).</summary>
        Own,
    }

    /// <param name="Batch">Set when the side is one filter and value over a table that other sides share: Compute
    /// then sums all those sides in one conditional-aggregate query instead of one query each.</param>
    private sealed record Side(IQueryable<Fact> Facts, Rollup Rollup, bool YearToDate = false, BatchPart? Batch = null);

    private (Side Numerator, Side? Denominator) Sides(string code)
    {
        var key = MetricWords.KeyCustomerClasses.ToList();
        return code switch
        {
            "complaint_satisfaction" => (
                Complaints(c => c.ResolvedMonth != null, c => c.Satisfied == true ? 1 : 0, resolved: true),
                Complaints(c => c.ResolvedMonth != null, c => 1, resolved: true)),
            "KF-01" => (Tasks(MetricWords.Feedback, t => t.WithinStandard ? 1 : 0), Tasks(MetricWords.Feedback, t => 1)),
            "KF-02" => (Tasks(MetricWords.InfoTransfer, t => t.WithinStandard ? 1 : 0), Tasks(MetricWords.InfoTransfer, t => 1)),
            "KF-03" => (
                new Side(_db.Visits.Where(v => v.IsFollowUp && v.Planned && v.DoneOn != null)
                    .Select(v => new Fact { Table = "visits", Code = v.Code, UnitId = v.UnitId, StaffId = v.StaffId, Month = v.Month, Value = 1, CustomerId = v.CustomerId }),
                    Rollup.Subtree),
                new Side(_db.Visits.Where(v => v.IsFollowUp && v.Planned)
                    .Select(v => new Fact { Table = "visits", Code = v.Code, UnitId = v.UnitId, StaffId = v.StaffId, Month = v.Month, Value = 1, CustomerId = v.CustomerId }),
                    Rollup.Subtree)),
            "KF-04" => (
                Complaints(c => c.ResolvedMonth != null && c.ResolutionMinutes != null, c => c.ResolutionMinutes ?? 0, resolved: true),
                Complaints(c => c.ResolvedMonth != null && c.ResolutionMinutes != null, c => 1, resolved: true)),
            "KF-05" => (Complaints(c => true, c => c.Satisfied == true ? 1 : 0, resolved: false), Complaints(c => true, c => 1, resolved: false)),
            "KF-06" => (new Side(
                from e in _db.CustomerEvents
                join c in _db.Customers on e.CustomerId equals c.Id
                where e.Kind == CustomerEventKind.Lost && key.Contains(c.Class)
                select new Fact { Table = "customer_events", Code = c.Code, UnitId = e.UnitId, StaffId = e.StaffId, Month = e.Month, Value = 1 },
                Rollup.Subtree), null),
            "KF-07" => (new Side(
                from v in _db.Visits
                join c in _db.Customers on v.CustomerId equals c.Id
                where v.IsFollowUp && v.DoneOn != null && key.Contains(c.Class)
                select new Fact { Table = "visits", Code = v.Code, UnitId = v.UnitId, StaffId = v.StaffId, Month = v.Month, Value = 1 },
                Rollup.Subtree), null),
            "KF-08" => (Surveys(MetricWords.CustomerSatisfaction, s => s.Score), Surveys(MetricWords.CustomerSatisfaction, s => 1)),
            "KF-09" => (Surveys(MetricWords.DepartmentSatisfaction, s => s.Score), Surveys(MetricWords.DepartmentSatisfaction, s => 1)),
            "KF-10" => (Tasks(MetricWords.BusinessVolume, t => t.Completed), Tasks(MetricWords.BusinessVolume, t => t.Planned)),
            "KF-11" => (Expenses(MetricWords.ServiceExpense), Targets(MetricWords.ServiceBudget)),
            "KF-12" => (Tasks(MetricWords.SurveyTask, t => t.DoneOn != null ? 1 : 0), Tasks(MetricWords.SurveyTask, t => 1)),
            "KF-13" => (Tasks(MetricWords.Improvement, t => t.DoneOn != null ? 1 : 0), Tasks(MetricWords.Improvement, t => 1)),
            "KF-14" => (Calls(c => c.Connected && c.Transferred), Calls(c => c.Connected)),
            "KF-15" => (Calls(c => true), null),
            "KF-16" => (Expenses(MetricWords.DepartmentExpense), Targets(MetricWords.DepartmentBudget)),
            "KF-17" => (Actuals(MetricWords.Recovered, ytd: true), Actuals(MetricWords.Billed, ytd: true)),
            "KF-19" => (new Side(_db.Sales.Select(s => new Fact { Table = "sales", Code = s.Code, UnitId = s.UnitId, StaffId = s.StaffId, Month = s.Month, Value = s.AmountFen * 100 }), Rollup.Subtree),
                Targets(MetricWords.SalesTarget)),
            "KF-20" => (Actuals(MetricWords.Swapped4G, ytd: true), Targets(MetricWords.Target4G)),
            "package_4g_rate" => (Actuals(MetricWords.Repackaged4G, ytd: true), Targets(MetricWords.Target4G)),
            "first_visit_success" => VisitAttempt(1),
            "second_visit_success" => VisitAttempt(2),
            "third_visit_success" => VisitAttempt(3),
            "survey_satisfaction_rate" => (Surveys(MetricWords.CustomerSatisfaction, s => s.Score >= 40000 ? 1 : 0), Surveys(MetricWords.CustomerSatisfaction, s => 1)),
            "call_answer_rate" => (Calls(c => c.Connected), Calls(c => true)),
            "complaint_count" => (Complaints(c => true, c => 1, resolved: false), null),
            "complaint_resolution_rate" => (Complaints(c => c.ResolvedMonth != null, c => 1, resolved: false), Complaints(c => true, c => 1, resolved: false)),
            "complaint_score" => (Complaints(c => c.ResolvedMonth != null && c.Score != null, c => c.Score ?? 0, resolved: true),
                Complaints(c => c.ResolvedMonth != null && c.Score != null, c => 1, resolved: true)),
            "service_completion" => (
                Over("service_tasks", _db.ServiceTasks, "service_tasks", t => t.Code, t => t.UnitId, t => t.StaffId, t => t.Month,
                    t => t.Kind != MetricWords.BusinessVolume, t => t.DoneOn != null ? 1 : 0),
                Over("service_tasks", _db.ServiceTasks, "service_tasks", t => t.Code, t => t.UnitId, t => t.StaffId, t => t.Month,
                    t => t.Kind != MetricWords.BusinessVolume, t => 1)),
            "touchpoint_rate" => (
                new Side(_db.TouchpointChecks.Select(t => new Fact { Table = "touchpoint_checks", Code = t.Quarter, UnitId = t.UnitId, StaffId = null, Month = t.Month, Value = t.ItemsPassed }), Rollup.Subtree),
                new Side(_db.TouchpointChecks.Select(t => new Fact { Table = "touchpoint_checks", Code = t.Quarter, UnitId = t.UnitId, StaffId = null, Month = t.Month, Value = t.ItemsApplicable }), Rollup.Subtree)),
            "new_customers" => (new Side(_db.CustomerEvents.Where(e => e.Kind == CustomerEventKind.Acquired)
                .Join(_db.Customers, e => e.CustomerId, c => c.Id, (e, c) => new Fact { Table = "customer_events", Code = c.Code, UnitId = e.UnitId, StaffId = e.StaffId, Month = e.Month, Value = 1 }), Rollup.Subtree), null),
            // Receptions of the sales-office register that the staff member brought (输送人), counted for them and their unit's
            // subtree, × 10,000 like the plan they are measured against (the 目标 of the reported word).
            "site_deliveries" => (new Side(_db.SalesReceptions.Where(r => r.BroughtByStaffId != null)
                .Join(_db.Staff, r => r.BroughtByStaffId, st => (int?)st.Id, (r, st) => new Fact
                    { Table = "sales_receptions", Code = r.Customer, UnitId = st.UnitId, StaffId = r.BroughtByStaffId, Month = r.Month, Value = 10000 }),
                Rollup.Subtree), Targets("输送到案场客户数")),
            _ when MetricCatalog.Get(code).Reported is { } r => (ReportedActuals(r.Actual), r.Target is { } t ? Targets(t) : null),
            _ => throw new InvalidOperationException($"指标 {code} 没有定义数据来源"),
        };
    }

    private Side Complaints(System.Linq.Expressions.Expression<Func<Complaint, bool>> where,
        System.Linq.Expressions.Expression<Func<Complaint, long>> value, bool resolved) =>
        Over(resolved ? "complaints/resolved" : "complaints/received", _db.Complaints, "complaints", c => c.Code, c => c.UnitId, c => c.HandlerStaffId,
            resolved ? c => c.ResolvedMonth ?? 0 : c => c.Month, where, value);

    private Side Tasks(string kind, System.Linq.Expressions.Expression<Func<ServiceTask, long>> value) =>
        Over("service_tasks", _db.ServiceTasks, "service_tasks", t => t.Code, t => t.UnitId, t => t.StaffId, t => t.Month, t => t.Kind == kind, value);

    private Side Surveys(string kind, System.Linq.Expressions.Expression<Func<Survey, long>> value) =>
        Over("surveys", _db.Surveys, "surveys", s => s.Code, s => s.UnitId, s => s.StaffId, s => s.Month, s => s.Kind == kind, value);

    /// <summary>
    /// Success of the <paramref name="attempt"/>-th follow-up (首访 / 再访 / 三访, TB-05): follow-ups of that attempt that
    /// succeeded over those done; the denominator of 再访/三访 is the follow-ups that needed that attempt (done).
    /// </summary>
    private (Side, Side) VisitAttempt(int attempt) => (
        Over("visits", _db.Visits, "visits", v => v.Code, v => v.UnitId, v => (int?)v.StaffId, v => v.Month,
            v => v.IsFollowUp && v.Attempt == attempt && v.DoneOn != null, v => v.Success == true ? 1 : 0),
        Over("visits", _db.Visits, "visits", v => v.Code, v => v.UnitId, v => (int?)v.StaffId, v => v.Month,
            v => v.IsFollowUp && v.Attempt == attempt && v.DoneOn != null, v => 1));

    private Side Calls(System.Linq.Expressions.Expression<Func<Call, bool>> where) =>
        Over("calls", _db.Calls, "calls", c => c.Code, c => c.UnitId, c => c.StaffId, c => c.Month, where, c => 1);

    /// <summary>
    /// A side that is one filter and value over a table: its facts, and the batch <paramref name="group"/> in which
    /// Compute sums it together with the other sides over the same table and month.
    /// </summary>
    private static Side Over<T>(string group, IQueryable<T> table, string tableName,
        System.Linq.Expressions.Expression<Func<T, string>> code,
        System.Linq.Expressions.Expression<Func<T, int>> unit,
        System.Linq.Expressions.Expression<Func<T, int?>> staff,
        System.Linq.Expressions.Expression<Func<T, int>> month,
        System.Linq.Expressions.Expression<Func<T, bool>> where,
        System.Linq.Expressions.Expression<Func<T, long>> value) =>
        new(Project(table.Where(where), value, tableName, code, unit, staff, month), Rollup.Subtree,
            Batch: new BatchPart(group, new BatchSource<T>(table, unit, staff, month), where, value));

    private Side Expenses(string category) =>
        new(_db.Expenses.Where(e => e.Category == category)
            .Select(e => new Fact { Table = "expenses", Code = e.Code, UnitId = e.UnitId, StaffId = null, Month = e.Month, Value = e.AmountFen * 100 }), Rollup.Subtree);

    /// <summary>
    /// Monthly targets of a metric word, each counted for its own unit or staff member only (a department's budget
    /// is its own, not the sum of its offices'); a quarter's or year's target is the sum of its months.
    /// </summary>
    private Side Targets(string metric) =>
        new(_db.Targets.Where(t => t.Metric == metric && t.FirstMonth == t.LastMonth)
            .Select(t => new Fact { Table = "targets", Code = t.ScopeKey + " " + t.Period, UnitId = t.UnitId ?? 0, StaffId = t.StaffId, Month = t.FirstMonth, Value = t.Value }), Rollup.Own);

    /// <summary>Reported figures of a word, summed over a unit's subtree; one query for all words (conditional sums).</summary>
    private static Side ReportedActualsOver(IQueryable<IndicatorActual> table, string word) =>
        Over("indicator_actuals", table, "indicator_actuals", a => a.ScopeKey + " " + a.Metric, a => a.UnitId, a => a.StaffId, a => a.Month,
            a => a.Metric == word, a => a.Value);

    private Side ReportedActuals(string word) => ReportedActualsOver(_db.IndicatorActuals, word);

    /// <summary>The metric counts customers from their lifecycle events: each record it lists adds +1 or −1 customer.</summary>
    public static bool IsSnapshot(string code) => code is "churn_rate" or "growth_rate" or "customer_retention" or "key_retention";

    private Side Actuals(string metric, bool ytd) =>
        new(_db.IndicatorActuals.Where(a => a.Metric == metric)
            .Select(a => new Fact { Table = "indicator_actuals", Code = a.ScopeKey + " " + a.Metric, UnitId = a.UnitId, StaffId = a.StaffId, Month = a.Month, Value = a.Value }), Rollup.Subtree, ytd);

    private static IQueryable<Fact> Project<T>(IQueryable<T> q, System.Linq.Expressions.Expression<Func<T, long>> value, string table,
        System.Linq.Expressions.Expression<Func<T, string>> code,
        System.Linq.Expressions.Expression<Func<T, int>> unit,
        System.Linq.Expressions.Expression<Func<T, int?>> staff,
        System.Linq.Expressions.Expression<Func<T, int>> month)
    {
        var p = value.Parameters[0];
        var init = System.Linq.Expressions.Expression.MemberInit(
            System.Linq.Expressions.Expression.New(typeof(Fact)),
            QueryExpressions.Bind<Fact>(nameof(Fact.Table), System.Linq.Expressions.Expression.Constant(table)),
            QueryExpressions.Bind<Fact>(nameof(Fact.Code), QueryExpressions.Inline(code, p)),
            QueryExpressions.Bind<Fact>(nameof(Fact.UnitId), QueryExpressions.Inline(unit, p)),
            QueryExpressions.Bind<Fact>(nameof(Fact.StaffId), QueryExpressions.Inline(staff, p)),
            QueryExpressions.Bind<Fact>(nameof(Fact.Month), QueryExpressions.Inline(month, p)),
            QueryExpressions.Bind<Fact>(nameof(Fact.Value), value.Body));
        return q.Select(System.Linq.Expressions.Expression.Lambda<Func<T, Fact>>(init, p));
    }

    // ------------------------------------------------------------------ explain

    /// <summary>
    /// The records behind a metric's numerator and denominator for one scope and period (at most
    /// <paramref name="limit"/> per side, with the full count and sum). For 客户流失率 / 客户增长率 the
    /// denominator lists the customers counted at the start of the period.
    /// </summary>
    public MetricExplanation Explain(string metric, ScopeKind kind, int scopeId, Period period, int limit = 50)
    {
        var def = MetricCatalog.Get(metric);
        var first = period.FirstMonth;
        var last = period.LastMonth;
        IQueryable<Fact> InScope(IQueryable<Fact> facts, Rollup rollup, bool staffSide = true) => kind switch
        {
            ScopeKind.Staff => facts.Where(f => f.StaffId == scopeId),
            ScopeKind.Unit when rollup == Rollup.Own => facts.Where(f => f.UnitId == scopeId && f.StaffId == null),
            ScopeKind.Company when rollup == Rollup.Own => facts.Where(f => f.UnitId == scopeId && f.StaffId == null),
            ScopeKind.Unit => facts.Where(f => _db.UnitClosure.Any(c => c.AncestorId == scopeId && c.DescendantId == f.UnitId)),
            _ => facts,
        };
        ExplainedSide Side(IQueryable<Fact> facts, string label)
        {
            var rows = facts.OrderBy(f => f.Month).ThenBy(f => f.Code).Take(limit).ToList();
            return new ExplainedSide(label, facts.Count(), facts.Sum(f => (long?)f.Value) ?? 0, rows);
        }
        if (IsSnapshot(def.Code))
        {
            IQueryable<CustomerEvent> e = _db.CustomerEvents;
            if (def.Code == "key_retention")
            {
                var key = MetricWords.KeyCustomerClasses.ToList();
                e = e.Where(x => _db.Customers.Any(c => c.Id == x.CustomerId && key.Contains(c.Class)));
            }
            var lostOrNet = def.Code != "growth_rate"
                ? InScope(e.Where(x => x.Kind == CustomerEventKind.Lost && x.Month >= first && x.Month <= last)
                    .Join(_db.Customers, x => x.CustomerId, c => c.Id, (x, c) => new Fact { Table = "customer_events", Code = c.Code, UnitId = x.UnitId, StaffId = x.StaffId, Month = x.Month, Value = 1 }), Rollup.Subtree)
                : InScope(SnapshotFacts(e.Where(x => x.Month >= first && x.Month <= last)), Rollup.Subtree);
            // Customers counted at the start: net event deltas before the period, per customer, in the scope.
            var before = InScope(SnapshotFacts(e.Where(x => x.Month < first)), Rollup.Subtree);
            var atStart = before.GroupBy(f => f.Code).Where(g => g.Sum(f => f.Value) > 0)
                .Select(g => new Fact { Table = "customers", Code = g.Key, Month = g.Max(f => f.Month), Value = g.Sum(f => f.Value) });
            var label = def.Code switch
            {
                "churn_rate" => "期内流失的客户",
                "growth_rate" => "期内客户增减事件（+1 开发/挽回/转入，−1 流失/转出）",
                _ => "期内流失的客户（保有 = 期初 − 流失）",
            };
            return new MetricExplanation(def, kind, scopeId, period,
                Side(lostOrNet, label),
                Side(atStart, def.Code == "key_retention" ? "期初大客户" : "期初客户"));
        }
        if (def.ReportedLevel is { } levelWord)
        {
            var reported = InScope(Actuals(levelWord, false).Facts, Rollup.Own);
            return new MetricExplanation(def, kind, scopeId, period, Side(reported.Where(f => f.Month >= first && f.Month <= last), $"上报的{def.Name}"), null);
        }
        if (def.Code == "KF-18")
        {
            var previous = period.Previous().FirstMonth;
            var actual = InScope(Actuals(MetricWords.PassRate, false).Facts, Rollup.Own);
            return new MetricExplanation(def, kind, scopeId, period,
                Side(actual.Where(f => f.Month == first), "本月产品合格率"), Side(actual.Where(f => f.Month == previous), "上月产品合格率"));
        }
        var (num, den) = Sides(def.Code);
        var numFirst = num.YearToDate ? first / 100 * 100 + 1 : first;
        var denFirst = den is { YearToDate: true } ? first / 100 * 100 + 1 : first;
        return new MetricExplanation(def, kind, scopeId, period,
            Side(InScope(num.Facts, num.Rollup).Where(f => f.Month >= numFirst && f.Month <= last), "分子"),
            den is null ? null : Side(InScope(den.Facts, den.Rollup).Where(f => f.Month >= denFirst && f.Month <= last), "分母"));
    }

    private IQueryable<Fact> SnapshotFacts(IQueryable<CustomerEvent> events) =>
        events.Join(_db.Customers, x => x.CustomerId, c => c.Id, (x, c) => new Fact
            {
                Table = "customer_events", Code = c.Code, UnitId = x.UnitId, StaffId = x.StaffId, Month = x.Month,
                Value = x.Kind == CustomerEventKind.Lost ? -1 : 1,
            })
            .Concat(events.Where(x => x.Kind == CustomerEventKind.Transferred && x.FromUnitId != null)
                .Join(_db.Customers, x => x.CustomerId, c => c.Id, (x, c) => new Fact
                {
                    Table = "customer_events", Code = c.Code, UnitId = x.FromUnitId ?? 0, StaffId = x.FromStaffId, Month = x.Month, Value = -1,
                }));

    // ------------------------------------------------------------------ aggregation

    /// <summary>The facts of [first, last] with the key of their period (<see cref="QueryExpressions.PeriodKey"/>).</summary>
    private static IQueryable<KeyedFact> Keyed(IQueryable<Fact> facts, PeriodKind kind, int first, int last)
    {
        var f = System.Linq.Expressions.Expression.Parameter(typeof(Fact), "f");
        System.Linq.Expressions.Expression Of(string property) => System.Linq.Expressions.Expression.Property(f, property);
        var project = System.Linq.Expressions.Expression.Lambda<Func<Fact, KeyedFact>>(System.Linq.Expressions.Expression.MemberInit(
            System.Linq.Expressions.Expression.New(typeof(KeyedFact)),
            QueryExpressions.Bind<KeyedFact>(nameof(KeyedFact.UnitId), Of(nameof(Fact.UnitId))),
            QueryExpressions.Bind<KeyedFact>(nameof(KeyedFact.StaffId), Of(nameof(Fact.StaffId))),
            QueryExpressions.Bind<KeyedFact>(nameof(KeyedFact.Key), QueryExpressions.PeriodKey(Of(nameof(Fact.Month)), kind)),
            QueryExpressions.Bind<KeyedFact>(nameof(KeyedFact.Value), Of(nameof(Fact.Value))),
            QueryExpressions.Bind<KeyedFact>(nameof(KeyedFact.CustomerId), Of(nameof(Fact.CustomerId)))), f);
        return facts.Where(x => x.Month >= first && x.Month <= last).Select(project);
    }

    /// <summary>Sums of a side per (scope, period key): three set-based queries (company, unit subtree or own, staff).</summary>
    private Dictionary<(ScopeKind, int, int), long> Sum(Side side, PeriodKind kind, int first, int last, int company, List<Cell>? cells = null)
    {
        var sums = new Dictionary<(ScopeKind, int, int), long>();
        if (side.YearToDate)
        {
            // Year to date: monthly sums from January of the first year, accumulated per year in C#.
            var monthly = Sum(side with { YearToDate = false }, PeriodKind.Month, first / 100 * 100 + 1, last, company);
            foreach (var group in monthly.GroupBy(k => (k.Key.Item1, k.Key.Item2)))
            {
                var byMonth = group.ToDictionary(k => k.Key.Item3, k => k.Value);
                foreach (var p in PeriodsIn(kind, first, last))
                {
                    long total = 0;
                    for (var m = p.Year * 100 + 1; m <= p.LastMonth; m++) total += byMonth.GetValueOrDefault(m);
                    if (byMonth.Keys.Any(m => m >= p.Year * 100 + 1 && m <= p.LastMonth))
                        sums[(group.Key.Item1, group.Key.Item2, p.Key)] = total;
                }
            }
            return sums;
        }
        var keyed = Keyed(side.Facts, kind, first, last);
        // One GROUP BY (unit, staff, period) in the database; the few aggregated cells are then added up to the
        // company, to every ancestor unit (closure) and to the staff member.
        foreach (var c in cells ?? Cells(keyed))
        {
            if (side.Rollup == Rollup.Subtree)
            {
                Add(sums, (ScopeKind.Company, company, c.Key), c.Sum);
                if (Ancestors.TryGetValue(c.UnitId, out var ancestors))
                    foreach (var a in ancestors) Add(sums, (ScopeKind.Unit, a, c.Key), c.Sum);
            }
            else if (c.StaffId is null)
            {
                Add(sums, (ScopeKind.Unit, c.UnitId, c.Key), c.Sum);
                if (c.UnitId == company) Add(sums, (ScopeKind.Company, company, c.Key), c.Sum);
            }
            if (c.StaffId is { } staffId) Add(sums, (ScopeKind.Staff, staffId, c.Key), c.Sum);
        }
        return sums;
    }

    private static void Add(Dictionary<(ScopeKind, int, int), long> sums, (ScopeKind, int, int) key, long value) =>
        sums[key] = sums.GetValueOrDefault(key) + value;

    /// <summary>A side summed per (unit, staff, period key): one set-based query.</summary>
    private static List<Cell> Cells(IQueryable<KeyedFact> keyed) =>
        keyed.GroupBy(f => new { f.UnitId, f.StaffId, f.Key })
            .Select(g => new { g.Key.UnitId, g.Key.StaffId, g.Key.Key, Sum = g.Sum(x => x.Value) })
            .AsEnumerable()
            .Select(r => new Cell(r.UnitId, r.StaffId, r.Key, r.Sum))
            .ToList();

    /// <summary>
    /// The sides that share a table (tasks, calls, surveys, complaints by month received or resolved), each summed
    /// in one query per table: <c>SUM(CASE WHEN filter THEN value END)</c> and <c>SUM(CASE WHEN filter THEN 1 END)</c>
    /// per side, grouped by (unit, staff, period). A side's cells are those where its filter matched a record, exactly
    /// as its own query would return them.
    /// </summary>
    private Dictionary<Side, List<Cell>> RunBatches(IEnumerable<Side> sides, PeriodKind kind, int first, int last)
    {
        var result = new Dictionary<Side, List<Cell>>(ReferenceEqualityComparer.Instance);
        if (!ShareQueries) return result;
        foreach (var group in sides.Where(x => x.Batch is not null && !x.YearToDate).GroupBy(x => x.Batch!.Group))
        {
            var members = group.ToList();
            if (members.Count < 2) continue;
            for (var start = 0; start < members.Count; start += BatchSlots)
            {
                var chunk = members.Skip(start).Take(BatchSlots).ToList();
                var rows = chunk[0].Batch!.Source.Sums(chunk.Select(x => (x.Batch!.Where, x.Batch.Value)).ToList(), kind, first, last);
                for (var i = 0; i < chunk.Count; i++)
                    result[chunk[i]] = rows.Where(r => r.Counts[i] > 0).Select(r => new Cell(r.UnitId, r.StaffId, r.Key, r.Sums[i])).ToList();
            }
        }
        return result;
    }

    /// <summary>
    /// KF-03: customers with a done planned follow-up / customers with a planned follow-up, each customer counted once
    /// per scope and period. Both sides in one query per scope level (distinct counts do not add up across levels).
    /// Same records as the KF-03 sides that <see cref="Explain"/> lists.
    /// </summary>
    private IEnumerable<MetricResult> FollowUpCustomers(MetricDefinition def, PeriodKind kind, int first, int last, int company)
    {
        var planned = Keyed(_db.Visits.Where(v => v.IsFollowUp && v.Planned)
            .Select(v => new Fact { UnitId = v.UnitId, StaffId = v.StaffId, Month = v.Month, Value = v.DoneOn != null ? 1 : 0, CustomerId = v.CustomerId }),
            kind, first, last);
        var counts = new Dictionary<(ScopeKind, int, int), (long Done, long All)>();
        foreach (var r in planned.GroupBy(f => f.Key)
            .Select(g => new { g.Key, All = g.Select(f => f.CustomerId).Distinct().Count(), Done = g.Where(f => f.Value == 1).Select(f => f.CustomerId).Distinct().Count() })
            .ToList())
            counts[(ScopeKind.Company, company, r.Key)] = (r.Done, r.All);
        foreach (var r in planned.Join(_db.UnitClosure, f => f.UnitId, c => c.DescendantId, (f, c) => new { c.AncestorId, f.Key, f.Value, f.CustomerId })
            .GroupBy(x => new { x.AncestorId, x.Key })
            .Select(g => new
            {
                g.Key.AncestorId, g.Key.Key,
                All = g.Select(x => x.CustomerId).Distinct().Count(), Done = g.Where(x => x.Value == 1).Select(x => x.CustomerId).Distinct().Count(),
            })
            .ToList())
            counts[(ScopeKind.Unit, r.AncestorId, r.Key)] = (r.Done, r.All);
        foreach (var r in planned.Where(f => f.StaffId != null).GroupBy(f => new { f.StaffId, f.Key })
            .Select(g => new
            {
                g.Key.StaffId, g.Key.Key,
                All = g.Select(f => f.CustomerId).Distinct().Count(), Done = g.Where(f => f.Value == 1).Select(f => f.CustomerId).Distinct().Count(),
            })
            .ToList())
            counts[(ScopeKind.Staff, r.StaffId!.Value, r.Key)] = (r.Done, r.All);
        foreach (var (k, (done, all)) in counts.OrderBy(k => k.Key.Item1).ThenBy(k => k.Key.Item2).ThenBy(k => k.Key.Item3))
            yield return new MetricResult(def.Code, k.Item1, k.Item2, Period.FromKey(kind, k.Item3), done, all, Value(def, done, all));
    }

    /// <summary>How many sides one batch query sums (each needs a sum and a count column).</summary>
    internal const int BatchSlots = 12;

    private Dictionary<int, int[]>? _ancestors;

    /// <summary>Unit → the units whose subtree contains it (itself included), from <c>unit_closure</c>.</summary>
    private Dictionary<int, int[]> Ancestors => _ancestors ??= _db.UnitClosure.AsNoTracking()
        .Select(c => new { c.DescendantId, c.AncestorId }).AsEnumerable()
        .GroupBy(c => c.DescendantId).ToDictionary(g => g.Key, g => g.Select(c => c.AncestorId).ToArray());

    private static IEnumerable<Period> PeriodsIn(PeriodKind kind, int first, int last)
    {
        var p = Period.FromKey(kind, Period.KeyOf(kind, first));
        while (p.FirstMonth <= last)
        {
            yield return p;
            p = p.Next();
        }
    }

    /// <summary>Scale from the stored integers to the metric's value: 1/10,000 amounts cancel in ratios; minutes → hours; scores ÷ 10,000.</summary>
    private static decimal? Value(MetricDefinition def, long num, long? den)
    {
        if (den is null) return def.Reported is not null ? num / 10000m : num;
        if (den == 0) return null;
        return def.Code switch
        {
            // One division of exact integers, so the value is the correctly rounded quotient.
            "KF-04" => num / ((decimal)den * 60m),
            "KF-08" or "KF-09" or "complaint_score" => num / ((decimal)den * 10000m),
            _ => num / (decimal)den,
        };
    }

    private List<(ScopeKind Kind, int Id)>? _scopes;

    /// <summary>Every scope: the company, every unit, every staff member.</summary>
    private List<(ScopeKind Kind, int Id)> AllScopes(int company) => _scopes ??=
    [
        (ScopeKind.Company, company),
        .. _db.Units.AsNoTracking().Select(u => u.Id).ToList().Select(id => (ScopeKind.Unit, id)),
        .. _db.Staff.AsNoTracking().Select(x => x.Id).ToList().Select(id => (ScopeKind.Staff, id)),
    ];

    private IEnumerable<MetricResult> Ratio(MetricDefinition def, (Side Numerator, Side? Denominator) sides,
        Dictionary<Side, List<Cell>> batched, PeriodKind kind, int first, int last, int company)
    {
        var (numSide, denSide) = sides;
        var num = Sum(numSide, kind, first, last, company, batched.GetValueOrDefault(numSide));
        var den = denSide is null ? null : Sum(denSide, kind, first, last, company, batched.GetValueOrDefault(denSide));
        IEnumerable<(ScopeKind, int, int)> keys = den is null ? num.Keys : num.Keys.Union(den.Keys);
        // A count (no denominator) is 0, not missing, for a scope and period without records.
        if (den is null) keys = keys.Union(AllScopes(company).SelectMany(s => PeriodsIn(kind, first, last).Select(p => (s.Kind, s.Id, p.Key))));
        foreach (var k in keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2).ThenBy(k => k.Item3))
        {
            var n = num.GetValueOrDefault(k);
            long? d = den is null ? null : den.GetValueOrDefault(k);
            yield return new MetricResult(def.Code, k.Item1, k.Item2, Period.FromKey(kind, k.Item3),
                Display(def, n), d is null ? null : Display(def, d.Value, denominator: true), Value(def, n, d));
        }
    }

    /// <summary>Numerator and denominator as a clerk reads them: counts as counts, money in 元, scores and minutes as stored sums.</summary>
    public static decimal Display(MetricDefinition def, long raw, bool denominator = false) => def.Code switch
    {
        _ when def.Reported is not null => raw / 10000m,
        "complaint_score" when !denominator => raw / 10000m,
        "KF-10" or "KF-11" or "KF-16" or "KF-19" => raw / 10000m,
        "KF-08" or "KF-09" when !denominator => raw / 10000m,
        "KF-17" or "KF-20" or "package_4g_rate" or "site_deliveries" => raw / 10000m,
        _ when def.ReportedLevel is not null => raw / 10000m,
        "KF-04" when !denominator => raw / 60m,
        _ => raw,
    };

    // ------------------------------------------------------------------ customer-count snapshots

    /// <summary>
    /// 客户流失率 and 客户增长率. Event deltas (acquired / recovered +1, lost −1, transfer +1 to the receiving and −1
    /// to the giving side) are summed in SQL per (scope, month); the running count before each month is summed
    /// up in C# over that small result.
    /// </summary>
    private IEnumerable<MetricResult> Snapshot(MetricDefinition def, PeriodKind kind, int first, int last, int company)
    {
        var monthly = MonthlyCustomerChanges(last, company, keyOnly: def.Code == "key_retention");
        foreach (var (scope, byMonth) in monthly.OrderBy(s => s.Key.Item1).ThenBy(s => s.Key.Item2))
        {
            foreach (var p in PeriodsIn(kind, first, last))
            {
                long start = 0, change = 0, lost = 0;
                foreach (var (month, (delta, lostInMonth)) in byMonth)
                {
                    if (month < p.FirstMonth) start += delta;
                    else if (month <= p.LastMonth) { change += delta; lost += lostInMonth; }
                }
                decimal numerator = def.Code switch
                {
                    "churn_rate" => lost,
                    "customer_retention" or "key_retention" => start - lost,
                    _ => change,
                };
                yield return new MetricResult(def.Code, scope.Item1, scope.Item2, p, numerator, start,
                    start == 0 ? null : numerator / start);
            }
        }
    }

    private readonly Dictionary<(int Last, bool KeyOnly), Dictionary<(ScopeKind, int), Dictionary<int, (long Delta, long Lost)>>> _customerChanges = [];

    /// <summary>
    /// Per scope and month up to <paramref name="last"/>: the change in the number of customers (acquired and
    /// recovered +1, lost −1, a transfer +1 to the receiving and −1 to the giving side) and the customers lost.
    /// Two GROUP BY queries over the events; shared by 客户流失率 and 客户增长率.
    /// </summary>
    private Dictionary<(ScopeKind, int), Dictionary<int, (long Delta, long Lost)>> MonthlyCustomerChanges(int last, int company, bool keyOnly = false)
    {
        if (_customerChanges.TryGetValue((last, keyOnly), out var cached)) return cached;
        var e = _db.CustomerEvents.AsNoTracking();
        if (keyOnly)
        {
            // 大客户保有率: only the events of key customers (their class as the customer base holds it now).
            var key = MetricWords.KeyCustomerClasses.ToList();
            e = e.Where(x => _db.Customers.Any(c => c.Id == x.CustomerId && key.Contains(c.Class)));
        }
        var cells = e.Where(x => x.Month <= last)
            .GroupBy(x => new { x.UnitId, x.StaffId, x.Month })
            .Select(g => new
            {
                g.Key.UnitId, g.Key.StaffId, g.Key.Month,
                Delta = g.Sum(x => x.Kind == CustomerEventKind.Lost ? -1 : 1),
                Lost = g.Sum(x => x.Kind == CustomerEventKind.Lost ? 1 : 0),
            })
            .AsEnumerable().Select(r => (r.UnitId, r.StaffId, r.Month, Delta: (long)r.Delta, Lost: (long)r.Lost))
            .Concat(e.Where(x => x.Month <= last && x.Kind == CustomerEventKind.Transferred && x.FromUnitId != null)
                .GroupBy(x => new { x.FromUnitId, x.FromStaffId, x.Month })
                .Select(g => new { g.Key.FromUnitId, g.Key.FromStaffId, g.Key.Month, N = g.Count() })
                .AsEnumerable().Select(r => (UnitId: r.FromUnitId ?? 0, StaffId: r.FromStaffId, r.Month, Delta: -(long)r.N, Lost: 0L)))
            .ToList();
        var changes = new Dictionary<(ScopeKind, int), Dictionary<int, (long Delta, long Lost)>>();
        void AddTo((ScopeKind, int) scope, int month, long delta, long lost)
        {
            if (!changes.TryGetValue(scope, out var byMonth)) changes[scope] = byMonth = [];
            var old = byMonth.GetValueOrDefault(month);
            byMonth[month] = (old.Delta + delta, old.Lost + lost);
        }
        foreach (var c in cells)
        {
            AddTo((ScopeKind.Company, company), c.Month, c.Delta, c.Lost);
            if (Ancestors.TryGetValue(c.UnitId, out var ancestors))
                foreach (var a in ancestors) AddTo((ScopeKind.Unit, a), c.Month, c.Delta, c.Lost);
            if (c.StaffId is { } staff) AddTo((ScopeKind.Staff, staff), c.Month, c.Delta, c.Lost);
        }
        _customerChanges[(last, keyOnly)] = changes;
        return changes;
    }

    // ------------------------------------------------------------------ reported rates and KF-18

    /// <summary>
    /// A level (产品合格率, 成长度 …) as reported for each month, per unit or staff member as reported: a rate as a
    /// percent number (98.5 = 98.5 %), an amount in 元.
    /// </summary>
    private IEnumerable<MetricResult> ReportedLevel(MetricDefinition def, int first, int last, int company)
    {
        var word = def.ReportedLevel!;
        var scale = def.IsPercent ? 1_000_000m : 10000m;
        var rows = _db.IndicatorActuals.AsNoTracking()
            .Where(a => a.Metric == word && a.Month >= first && a.Month <= last)
            .Select(a => new { a.UnitId, a.StaffId, a.Month, a.Value })
            .ToList();
        foreach (var r in rows.OrderBy(r => r.StaffId is null ? 0 : 1).ThenBy(r => r.StaffId ?? r.UnitId).ThenBy(r => r.Month))
        {
            var (kind, id) = r.StaffId is { } st ? (ScopeKind.Staff, st) : (r.UnitId == company ? ScopeKind.Company : ScopeKind.Unit, r.UnitId);
            yield return new MetricResult(def.Code, kind, id, Period.FromMonthKey(r.Month), r.Value / 10000m, null, r.Value / scale);
        }
    }

    /// <summary>KF-18: this month's reported 产品合格率 minus last month's (pp), per unit or staff member as reported.</summary>
    private IEnumerable<MetricResult> MonthDifference(MetricDefinition def, int first, int last, int company)
    {
        var previous = Period.FromMonthKey(first).Previous().FirstMonth;
        var rows = _db.IndicatorActuals.AsNoTracking()
            .Where(a => a.Metric == MetricWords.PassRate && a.Month >= previous && a.Month <= last)
            .Select(a => new { a.UnitId, a.StaffId, a.Month, a.Value })
            .ToList();
        var byScope = rows.GroupBy(r => r.StaffId is { } s ? (ScopeKind.Staff, s) : (r.UnitId == company ? ScopeKind.Company : ScopeKind.Unit, r.UnitId));
        foreach (var g in byScope.OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2))
        {
            var map = g.ToDictionary(r => r.Month, r => r.Value);
            foreach (var p in PeriodsIn(PeriodKind.Month, first, last))
            {
                if (!map.TryGetValue(p.FirstMonth, out var now)) continue;
                var before = map.TryGetValue(p.Previous().FirstMonth, out var b) ? b : (long?)null;
                yield return new MetricResult(def.Code, g.Key.Item1, g.Key.Item2, p, now / 10000m,
                    before is null ? null : before.Value / 10000m, before is null ? null : (now - before.Value) / 10000m);
            }
        }
    }
}

/// <summary>A side summed per (unit, staff, period key).</summary>
internal readonly record struct Cell(int UnitId, int? StaffId, int Key, long Sum);

/// <summary>A side that can be summed together with the other sides of its <paramref name="Group"/>.</summary>
internal sealed record BatchPart(string Group, IBatchSource Source, System.Linq.Expressions.LambdaExpression Where, System.Linq.Expressions.LambdaExpression Value);

/// <summary>One row of a batch query: per side, the sum of its values and how many records matched its filter.</summary>
internal sealed record BatchRow(int UnitId, int? StaffId, int Key, long[] Sums, long[] Counts);

/// <summary>A table that several sides read.</summary>
internal interface IBatchSource
{
    /// <summary>Every side's sum and count per (unit, staff, period key) in [first, last], in one query.</summary>
    List<BatchRow> Sums(IReadOnlyList<(System.Linq.Expressions.LambdaExpression Where, System.Linq.Expressions.LambdaExpression Value)> sides,
        PeriodKind kind, int first, int last);
}

/// <summary>A table with the expressions of its unit, staff member and month.</summary>
internal sealed class BatchSource<T>(IQueryable<T> table, System.Linq.Expressions.Expression<Func<T, int>> unit,
    System.Linq.Expressions.Expression<Func<T, int?>> staff, System.Linq.Expressions.Expression<Func<T, int>> month) : IBatchSource
{
    public List<BatchRow> Sums(IReadOnlyList<(System.Linq.Expressions.LambdaExpression Where, System.Linq.Expressions.LambdaExpression Value)> sides,
        PeriodKind kind, int first, int last)
    {
        if (sides.Count > MetricEngine.BatchSlots) throw new ArgumentOutOfRangeException(nameof(sides));
        var x = System.Linq.Expressions.Expression.Parameter(typeof(T), "x");
        System.Linq.Expressions.Expression Body(System.Linq.Expressions.LambdaExpression e) => QueryExpressions.Inline(e, x);
        var zero = System.Linq.Expressions.Expression.Constant(0L);
        var one = System.Linq.Expressions.Expression.Constant(1L);
        var m = Body(month);
        var inRange = System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(QueryExpressions.InRange(m, first, last), x);
        var bindings = new List<System.Linq.Expressions.MemberBinding>
        {
            QueryExpressions.Bind<BatchFact>(nameof(BatchFact.UnitId), Body(unit)),
            QueryExpressions.Bind<BatchFact>(nameof(BatchFact.StaffId), Body(staff)),
            QueryExpressions.Bind<BatchFact>(nameof(BatchFact.Key), QueryExpressions.PeriodKey(m, kind)),
        };
        for (var i = 0; i < MetricEngine.BatchSlots; i++)
        {
            System.Linq.Expressions.Expression value = zero, count = zero;
            if (i < sides.Count)
            {
                var where = Body(sides[i].Where);
                value = System.Linq.Expressions.Expression.Condition(where, Body(sides[i].Value), zero);
                count = System.Linq.Expressions.Expression.Condition(where, one, zero);
            }
            bindings.Add(QueryExpressions.Bind<BatchFact>("V" + i, value));
            bindings.Add(QueryExpressions.Bind<BatchFact>("C" + i, count));
        }
        var project = System.Linq.Expressions.Expression.Lambda<Func<T, BatchFact>>(
            System.Linq.Expressions.Expression.MemberInit(System.Linq.Expressions.Expression.New(typeof(BatchFact)), bindings), x);
        return table.Where(inRange).Select(project)
            .GroupBy(f => new { f.UnitId, f.StaffId, f.Key })
            .Select(g => new
            {
                g.Key.UnitId, g.Key.StaffId, g.Key.Key,
                V0 = g.Sum(f => f.V0), C0 = g.Sum(f => f.C0), V1 = g.Sum(f => f.V1), C1 = g.Sum(f => f.C1),
                V2 = g.Sum(f => f.V2), C2 = g.Sum(f => f.C2), V3 = g.Sum(f => f.V3), C3 = g.Sum(f => f.C3),
                V4 = g.Sum(f => f.V4), C4 = g.Sum(f => f.C4), V5 = g.Sum(f => f.V5), C5 = g.Sum(f => f.C5),
                V6 = g.Sum(f => f.V6), C6 = g.Sum(f => f.C6), V7 = g.Sum(f => f.V7), C7 = g.Sum(f => f.C7),
                V8 = g.Sum(f => f.V8), C8 = g.Sum(f => f.C8), V9 = g.Sum(f => f.V9), C9 = g.Sum(f => f.C9),
                V10 = g.Sum(f => f.V10), C10 = g.Sum(f => f.C10), V11 = g.Sum(f => f.V11), C11 = g.Sum(f => f.C11),
            })
            .AsEnumerable()
            .Select(r => new BatchRow(r.UnitId, r.StaffId, r.Key,
                [r.V0, r.V1, r.V2, r.V3, r.V4, r.V5, r.V6, r.V7, r.V8, r.V9, r.V10, r.V11],
                [r.C0, r.C1, r.C2, r.C3, r.C4, r.C5, r.C6, r.C7, r.C8, r.C9, r.C10, r.C11]))
            .ToList();
    }
}

/// <summary>A record projected for a batch query: its scope, period key and per side a value and a match (0/1).</summary>
internal sealed class BatchFact
{
    public int UnitId { get; set; }
    public int? StaffId { get; set; }
    public int Key { get; set; }
    public long V0 { get; set; }
    public long C0 { get; set; }
    public long V1 { get; set; }
    public long C1 { get; set; }
    public long V2 { get; set; }
    public long C2 { get; set; }
    public long V3 { get; set; }
    public long C3 { get; set; }
    public long V4 { get; set; }
    public long C4 { get; set; }
    public long V5 { get; set; }
    public long C5 { get; set; }
    public long V6 { get; set; }
    public long C6 { get; set; }
    public long V7 { get; set; }
    public long C7 { get; set; }
    public long V8 { get; set; }
    public long C8 { get; set; }
    public long V9 { get; set; }
    public long C9 { get; set; }
    public long V10 { get; set; }
    public long C10 { get; set; }
    public long V11 { get; set; }
    public long C11 { get; set; }
}

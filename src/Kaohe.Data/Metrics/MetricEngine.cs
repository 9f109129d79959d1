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

    /// <summary>The company unit (root of kind Company).</summary>
    public int CompanyId() =>
        _db.Units.AsNoTracking().Where(u => u.ParentId == null && u.Kind == UnitKind.Company).Select(u => u.Id).ToList() switch
        {
            [var id] => id,
            [] => throw new InvalidOperationException("组织中没有公司（最上级、类型为公司的单位）：先导入组织或运行 kaohe demo"),
            _ => throw new InvalidOperationException("组织中有多个最上级的公司单位，无法确定公司口径"),
        };

    /// <summary>Every metric (or those named) for every scope and every period of <paramref name="kind"/> in [first, last] months.</summary>
    public List<MetricResult> Compute(PeriodKind kind, int firstMonth, int lastMonth, IEnumerable<string>? metrics = null)
    {
        var company = CompanyId();
        var wanted = metrics?.Select(m => MetricCatalog.Get(m).Code).ToHashSet() ?? MetricCatalog.All.Select(m => m.Code).ToHashSet();
        var results = new List<MetricResult>();
        foreach (var def in MetricCatalog.All.Where(d => wanted.Contains(d.Code)))
        {
            if (def.MonthOnly && kind != PeriodKind.Month) continue;
            switch (def.Code)
            {
                case "churn_rate":
                case "growth_rate":
                    results.AddRange(Snapshot(def, kind, firstMonth, lastMonth, company));
                    break;
                case "KF-18":
                    results.AddRange(MonthDifference(def, firstMonth, lastMonth, company));
                    break;
                default:
                    results.AddRange(Ratio(def, kind, firstMonth, lastMonth, company));
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

    /// <param name="DistinctCustomers">Count distinct customers instead of summing values (KF-03).</param>
    private sealed record Side(IQueryable<Fact> Facts, Rollup Rollup, bool YearToDate = false, bool DistinctCustomers = false);

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
                    Rollup.Subtree, DistinctCustomers: true),
                new Side(_db.Visits.Where(v => v.IsFollowUp && v.Planned)
                    .Select(v => new Fact { Table = "visits", Code = v.Code, UnitId = v.UnitId, StaffId = v.StaffId, Month = v.Month, Value = 1, CustomerId = v.CustomerId }),
                    Rollup.Subtree, DistinctCustomers: true)),
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
            _ => throw new InvalidOperationException($"指标 {code} 没有定义数据来源"),
        };
    }

    private Side Complaints(System.Linq.Expressions.Expression<Func<Complaint, bool>> where,
        System.Linq.Expressions.Expression<Func<Complaint, long>> value, bool resolved) =>
        new(Project(_db.Complaints.Where(where), value, "complaints", c => c.Code, c => c.UnitId, c => c.HandlerStaffId,
            resolved ? c => c.ResolvedMonth ?? 0 : c => c.Month), Rollup.Subtree);

    private static System.Linq.Expressions.MemberBinding Bind(string member, System.Linq.Expressions.Expression value) =>
        System.Linq.Expressions.Expression.Bind(typeof(Fact).GetProperty(member)!, value);

    private Side Tasks(string kind, System.Linq.Expressions.Expression<Func<ServiceTask, long>> value) =>
        new(Project(_db.ServiceTasks.Where(t => t.Kind == kind), value, "service_tasks",
            t => t.Code, t => t.UnitId, t => t.StaffId, t => t.Month), Rollup.Subtree);

    private Side Surveys(string kind, System.Linq.Expressions.Expression<Func<Survey, long>> value) =>
        new(Project(_db.Surveys.Where(s => s.Kind == kind), value, "surveys",
            s => s.Code, s => s.UnitId, s => s.StaffId, s => s.Month), Rollup.Subtree);

    private Side Calls(System.Linq.Expressions.Expression<Func<Call, bool>> where) =>
        new(_db.Calls.Where(where).Select(c => new Fact { Table = "calls", Code = c.Code, UnitId = c.UnitId, StaffId = c.StaffId, Month = c.Month, Value = 1 }), Rollup.Subtree);

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
        System.Linq.Expressions.Expression Use<TR>(System.Linq.Expressions.Expression<Func<T, TR>> e) =>
            new Rebind(e.Parameters[0], p).Visit(e.Body)!;
        var init = System.Linq.Expressions.Expression.MemberInit(
            System.Linq.Expressions.Expression.New(typeof(Fact)),
            Bind(nameof(Fact.Table), System.Linq.Expressions.Expression.Constant(table)),
            Bind(nameof(Fact.Code), Use(code)),
            Bind(nameof(Fact.UnitId), Use(unit)),
            Bind(nameof(Fact.StaffId), Use(staff)),
            Bind(nameof(Fact.Month), Use(month)),
            Bind(nameof(Fact.Value), value.Body));
        return q.Select(System.Linq.Expressions.Expression.Lambda<Func<T, Fact>>(init, p));
    }

    private sealed class Rebind(System.Linq.Expressions.ParameterExpression from, System.Linq.Expressions.ParameterExpression to)
        : System.Linq.Expressions.ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitParameter(System.Linq.Expressions.ParameterExpression node) =>
            node == from ? to : base.VisitParameter(node);
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
        if (def.Code is "churn_rate" or "growth_rate")
        {
            var e = _db.CustomerEvents;
            var lostOrNet = def.Code == "churn_rate"
                ? InScope(e.Where(x => x.Kind == CustomerEventKind.Lost && x.Month >= first && x.Month <= last)
                    .Join(_db.Customers, x => x.CustomerId, c => c.Id, (x, c) => new Fact { Table = "customer_events", Code = c.Code, UnitId = x.UnitId, StaffId = x.StaffId, Month = x.Month, Value = 1 }), Rollup.Subtree)
                : InScope(SnapshotFacts(e.Where(x => x.Month >= first && x.Month <= last)), Rollup.Subtree);
            // Customers counted at the start: net event deltas before the period, per customer, in the scope.
            var before = InScope(SnapshotFacts(e.Where(x => x.Month < first)), Rollup.Subtree);
            var atStart = before.GroupBy(f => f.Code).Where(g => g.Sum(f => f.Value) > 0)
                .Select(g => new Fact { Table = "customers", Code = g.Key, Month = g.Max(f => f.Month), Value = g.Sum(f => f.Value) });
            return new MetricExplanation(def, kind, scopeId, period,
                Side(lostOrNet, def.Code == "churn_rate" ? "期内流失的客户" : "期内客户增减事件（+1 开发/挽回/转入，−1 流失/转出）"),
                Side(atStart, "期初客户"));
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

    private static IQueryable<KeyedFact> Keyed(IQueryable<Fact> facts, PeriodKind kind, int first, int last)
    {
        var inRange = facts.Where(f => f.Month >= first && f.Month <= last);
        return kind switch
        {
            PeriodKind.Month => inRange.Select(f => new KeyedFact { UnitId = f.UnitId, StaffId = f.StaffId, Key = f.Month, Value = f.Value, CustomerId = f.CustomerId }),
            PeriodKind.Quarter => inRange.Select(f => new KeyedFact { UnitId = f.UnitId, StaffId = f.StaffId, Key = f.Month / 100 * 10 + (f.Month % 100 + 2) / 3, Value = f.Value, CustomerId = f.CustomerId }),
            _ => inRange.Select(f => new KeyedFact { UnitId = f.UnitId, StaffId = f.StaffId, Key = f.Month / 100, Value = f.Value, CustomerId = f.CustomerId }),
        };
    }

    /// <summary>Sums of a side per (scope, period key): three set-based queries (company, unit subtree or own, staff).</summary>
    private Dictionary<(ScopeKind, int, int), long> Sum(Side side, PeriodKind kind, int first, int last, int company)
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
        if (side.DistinctCustomers)
        {
            // Distinct customers per scope and period (a customer planned twice counts once), still one query per level.
            foreach (var r in keyed.GroupBy(f => f.Key).Select(g => new { g.Key, N = g.Select(f => f.CustomerId).Distinct().Count() }).ToList())
                sums[(ScopeKind.Company, company, r.Key)] = r.N;
            foreach (var r in keyed.Join(_db.UnitClosure, f => f.UnitId, c => c.DescendantId, (f, c) => new { c.AncestorId, f.Key, f.CustomerId })
                .GroupBy(x => new { x.AncestorId, x.Key })
                .Select(g => new { g.Key.AncestorId, g.Key.Key, N = g.Select(x => x.CustomerId).Distinct().Count() }).ToList())
                sums[(ScopeKind.Unit, r.AncestorId, r.Key)] = r.N;
            foreach (var r in keyed.Where(f => f.StaffId != null).GroupBy(f => new { f.StaffId, f.Key })
                .Select(g => new { g.Key.StaffId, g.Key.Key, N = g.Select(x => x.CustomerId).Distinct().Count() }).ToList())
                sums[(ScopeKind.Staff, r.StaffId!.Value, r.Key)] = r.N;
            return sums;
        }
        if (side.Rollup == Rollup.Subtree)
        {
            foreach (var r in keyed.GroupBy(f => f.Key).Select(g => new { g.Key, Sum = g.Sum(f => f.Value) }).ToList())
                sums[(ScopeKind.Company, company, r.Key)] = r.Sum;
            var units = keyed
                .Join(_db.UnitClosure, f => f.UnitId, c => c.DescendantId, (f, c) => new { c.AncestorId, f.Key, f.Value })
                .GroupBy(x => new { x.AncestorId, x.Key })
                .Select(g => new { g.Key.AncestorId, g.Key.Key, Sum = g.Sum(x => x.Value) })
                .ToList();
            foreach (var r in units) sums[(ScopeKind.Unit, r.AncestorId, r.Key)] = r.Sum;
        }
        else
        {
            var own = keyed.Where(f => f.StaffId == null)
                .GroupBy(f => new { f.UnitId, f.Key })
                .Select(g => new { g.Key.UnitId, g.Key.Key, Sum = g.Sum(x => x.Value) })
                .ToList();
            foreach (var r in own)
            {
                sums[(ScopeKind.Unit, r.UnitId, r.Key)] = r.Sum;
                if (r.UnitId == company) sums[(ScopeKind.Company, company, r.Key)] = r.Sum;
            }
        }
        var staff = keyed.Where(f => f.StaffId != null)
            .GroupBy(f => new { f.StaffId, f.Key })
            .Select(g => new { g.Key.StaffId, g.Key.Key, Sum = g.Sum(x => x.Value) })
            .ToList();
        foreach (var r in staff) sums[(ScopeKind.Staff, r.StaffId!.Value, r.Key)] = r.Sum;
        return sums;
    }

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
        if (den is null) return num;
        if (den == 0) return null;
        return def.Code switch
        {
            // One division of exact integers, so the value is the correctly rounded quotient.
            "KF-04" => num / ((decimal)den * 60m),
            "KF-08" or "KF-09" => num / ((decimal)den * 10000m),
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

    private IEnumerable<MetricResult> Ratio(MetricDefinition def, PeriodKind kind, int first, int last, int company)
    {
        var (numSide, denSide) = Sides(def.Code);
        var num = Sum(numSide, kind, first, last, company);
        var den = denSide is null ? null : Sum(denSide, kind, first, last, company);
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
        "KF-10" or "KF-11" or "KF-16" or "KF-19" => raw / 10000m,
        "KF-08" or "KF-09" when !denominator => raw / 10000m,
        "KF-17" or "KF-20" => raw / 10000m,
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
        var e = _db.CustomerEvents;
        var deltas = e.Where(x => x.Month <= last)
            .Select(x => new Fact
            {
                UnitId = x.UnitId, StaffId = x.StaffId, Month = x.Month,
                Value = x.Kind == CustomerEventKind.Lost ? -1 : 1,
            })
            .Concat(e.Where(x => x.Month <= last && x.Kind == CustomerEventKind.Transferred && x.FromUnitId != null)
                .Select(x => new Fact { UnitId = x.FromUnitId ?? 0, StaffId = x.FromStaffId, Month = x.Month, Value = -1 }));
        var lost = e.Where(x => x.Kind == CustomerEventKind.Lost)
            .Select(x => new Fact { UnitId = x.UnitId, StaffId = x.StaffId, Month = x.Month, Value = 1 });

        var earliest = e.Min(x => (int?)x.Month) ?? first;
        var monthly = Sum(new Side(deltas, Rollup.Subtree), PeriodKind.Month, Math.Min(earliest, first), last, company);
        var lostSums = def.Code == "churn_rate" ? Sum(new Side(lost, Rollup.Subtree), kind, first, last, company) : null;

        foreach (var scopeMonths in monthly.GroupBy(k => (k.Key.Item1, k.Key.Item2)).OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2))
        {
            var scope = scopeMonths.Key;
            var byMonth = scopeMonths.ToDictionary(k => k.Key.Item3, k => k.Value);
            foreach (var p in PeriodsIn(kind, first, last))
            {
                long start = byMonth.Where(m => m.Key < p.FirstMonth).Sum(m => m.Value);
                long end = start + byMonth.Where(m => m.Key >= p.FirstMonth && m.Key <= p.LastMonth).Sum(m => m.Value);
                decimal numerator = def.Code == "churn_rate"
                    ? lostSums!.GetValueOrDefault((scope.Item1, scope.Item2, p.Key))
                    : end - start;
                yield return new MetricResult(def.Code, scope.Item1, scope.Item2, p, numerator, start,
                    start == 0 ? null : numerator / start);
            }
        }
    }

    // ------------------------------------------------------------------ KF-18

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

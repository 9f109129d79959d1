using Kaohe.Core.Model;
using Kaohe.Data.Accounts;
using Kaohe.Data.Appraisal;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;
using PeriodKind = Kaohe.Data.Time.PeriodKind;

namespace Kaohe.Data.Metrics;

/// <summary>
/// Closed periods and their frozen metric values, and the history the baselines come from (RULES G7): a closed
/// month's values are stored once, when it is closed, and read back from then on — never recomputed.
/// A store lives for one operation (a request, a command): what it has read of the closed months and their frozen
/// values is kept for its life, so that opening a cycle of many thousand appraisees reads each metric's month once
/// rather than once per appraisee; its own <see cref="Close"/> and <see cref="Reopen"/> forget it.
/// </summary>
public sealed class MetricStore(KaoheDb db) : IMetricSource
{
    /// <summary>Single-scope lookups of one metric and month before the store reads that month for every scope at once.</summary>
    private const int LookupsBeforeBulk = 8;

    private readonly KaoheDb _db = db;
    private readonly Dictionary<(PeriodKind, int), Dictionary<(string, ScopeKind, int), MetricResult>> _computed = [];
    private readonly Dictionary<(string Metric, string Period), int> _lookups = [];
    private readonly Dictionary<(string Metric, string Period), Dictionary<(ScopeKind, int), MetricValue>> _frozen = [];
    private readonly Dictionary<string, int> _historyLookups = [];
    private readonly Dictionary<string, ILookup<(ScopeKind, int), MetricValue>> _history = [];
    private HashSet<int>? _closed;
    private int? _company;

    /// <summary>The closed months (yyyymm), ascending.</summary>
    public List<int> ClosedMonths() => [.. _db.ClosedPeriods.AsNoTracking().Select(p => p.Month).OrderBy(m => m)];

    /// <summary>True when every month of <paramref name="period"/> is closed.</summary>
    public bool IsClosed(Period period)
    {
        _closed ??= [.. ClosedMonths()];
        return period.Months().All(_closed.Contains);
    }

    /// <summary>Forgets what was read (the closed months and frozen values changed).</summary>
    private void Forget()
    {
        _computed.Clear();
        _lookups.Clear();
        _frozen.Clear();
        _historyLookups.Clear();
        _history.Clear();
        _closed = null;
    }

    /// <summary>
    /// The frozen value of a metric for a scope and month: one query for the scope, or — once a metric's month has
    /// been asked for <see cref="LookupsBeforeBulk"/> scopes — one query for every scope of it, kept.
    /// </summary>
    private MetricValue? Frozen(string metric, ScopeKind kind, int scopeId, string period)
    {
        if (_frozen.TryGetValue((metric, period), out var all)) return all.GetValueOrDefault((kind, scopeId));
        var asked = _lookups[(metric, period)] = _lookups.GetValueOrDefault((metric, period)) + 1;
        if (asked <= LookupsBeforeBulk)
            return _db.MetricValues.AsNoTracking()
                .Where(v => v.Metric == metric && v.ScopeKind == kind && v.ScopeId == scopeId && v.Period == period && v.Frozen)
                .FirstOrDefault();
        all = [];
        foreach (var v in _db.MetricValues.AsNoTracking().Where(v => v.Metric == metric && v.Period == period && v.Frozen))
            all.TryAdd((v.ScopeKind, v.ScopeId), v);
        _frozen[(metric, period)] = all;
        return all.GetValueOrDefault((kind, scopeId));
    }

    /// <summary>Every frozen value of a metric for a scope, read as <see cref="Frozen"/> reads a month.</summary>
    private List<MetricValue> FrozenHistory(string metric, ScopeKind kind, int scopeId)
    {
        if (_history.TryGetValue(metric, out var all)) return [.. all[(kind, scopeId)]];
        var asked = _historyLookups[metric] = _historyLookups.GetValueOrDefault(metric) + 1;
        if (asked <= LookupsBeforeBulk)
            return _db.MetricValues.AsNoTracking().Where(v => v.Metric == metric && v.ScopeKind == kind && v.ScopeId == scopeId && v.Frozen).ToList();
        all = _db.MetricValues.AsNoTracking().Where(v => v.Metric == metric && v.Frozen).ToList().ToLookup(v => (v.ScopeKind, v.ScopeId));
        _history[metric] = all;
        return [.. all[(kind, scopeId)]];
    }

    /// <summary>
    /// Closes a month: computes every metric of the month for every scope, stores the values frozen and records the
    /// closing, in one transaction. Months close in order (a month after an open one cannot be closed first), and a
    /// closed month cannot be closed again.
    /// </summary>
    public int Close(Period month, string closedBy, DateTime now)
    {
        if (month.Kind != PeriodKind.Month) throw new InvalidOperationException($"只能按月结账：{month} 不是一个月份");
        var closed = ClosedMonths();
        if (closed.Contains(month.FirstMonth)) throw new InvalidOperationException($"{month.Label}已结账，指标已冻结；如需更正请先重新开账（kaohe period reopen {month}）");
        if (closed.Count > 0 && closed[^1] > month.FirstMonth)
            throw new InvalidOperationException($"{month.Label}之后的月份（{Period.FromMonthKey(closed[^1])}）已结账：结账须按月份顺序");
        if (closed.Count > 0 && Period.FromMonthKey(closed[^1]).Next().FirstMonth != month.FirstMonth)
            throw new InvalidOperationException($"上一个已结账月份是 {Period.FromMonthKey(closed[^1])}：请先结账 {Period.FromMonthKey(closed[^1]).Next()}");

        using var tx = _db.Database.BeginTransaction();
        var results = new MetricEngine(_db).Compute(month);
        var period = month.ToString();
        _db.MetricValues.Where(v => v.Period == period).ExecuteDelete();
        foreach (var r in results)
            _db.MetricValues.Add(new MetricValue
            {
                Metric = r.Metric, ScopeKind = r.ScopeKind, ScopeId = r.ScopeId, Period = period,
                Numerator = r.Numerator, Denominator = r.Denominator, Value = r.Value, Frozen = true, ComputedAt = now,
            });
        _db.ClosedPeriods.Add(new ClosedPeriod { Month = month.FirstMonth, ClosedAt = now, ClosedBy = closedBy });
        AuditLog.Add(_db, now, closedBy, new AuditNote("结账", "期间", period, "状态", "未结账", "已结账", $"冻结 {results.Count:N0} 个指标值"));
        _db.SaveChanges();
        tx.Commit();
        _db.ChangeTracker.Clear();
        Forget();
        return results.Count;
    }

    /// <summary>
    /// Reopens the last closed month (its frozen values are dropped; they are recomputed on the next close). A reason
    /// is required: it goes to the audit trail with who reopened it and who had closed it.
    /// </summary>
    public void Reopen(Period month, string reopenedBy, DateTime now, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new InvalidOperationException("重新开账须写明原因（例如：更正 10 月的投诉记录）");
        var closed = ClosedMonths();
        if (!closed.Contains(month.FirstMonth)) throw new InvalidOperationException($"{month.Label}没有结账");
        if (closed[^1] != month.FirstMonth) throw new InvalidOperationException($"只能重新开账最后一个已结账月份（{Period.FromMonthKey(closed[^1])}）");
        using var tx = _db.Database.BeginTransaction();
        var period = month.ToString();
        var was = _db.ClosedPeriods.AsNoTracking().Single(p => p.Month == month.FirstMonth);
        _db.MetricValues.Where(v => v.Period == period).ExecuteDelete();
        _db.ClosedPeriods.Where(p => p.Month == month.FirstMonth).ExecuteDelete();
        AuditLog.Add(_db, now, reopenedBy, new AuditNote("重新开账", "期间", period, "状态",
            $"已结账（{was.ClosedBy}，{was.ClosedAt.AddHours(8):yyyy-MM-dd HH:mm}）", "未结账", reason.Trim()));
        _db.SaveChanges();
        tx.Commit();
        Forget();
    }

    /// <summary>
    /// Metrics of a closed month whose recomputation from the records differs from the frozen value — what an
    /// import changed in a closed period.
    /// </summary>
    public List<(MetricValue Frozen, MetricResult Now)> FrozenDifferences(Period month)
    {
        var period = month.ToString();
        var frozen = _db.MetricValues.AsNoTracking().Where(v => v.Period == period && v.Frozen).ToList()
            .ToDictionary(v => (v.Metric, v.ScopeKind, v.ScopeId));
        var now = new MetricEngine(_db).Compute(month);
        var diffs = new List<(MetricValue, MetricResult)>();
        foreach (var r in now)
        {
            if (!frozen.TryGetValue((r.Metric, r.ScopeKind, r.ScopeId), out var f))
                diffs.Add((new MetricValue { Metric = r.Metric, ScopeKind = r.ScopeKind, ScopeId = r.ScopeId, Period = period }, r));
            else if (f.Numerator != r.Numerator || f.Denominator != r.Denominator || f.Value != r.Value)
                diffs.Add((f, r));
        }
        return diffs;
    }

    /// <summary>The value for a scope and period: frozen if the period is a closed month, else computed now.</summary>
    public MetricResult? Get(string metric, ScopeKind kind, int scopeId, Period period)
    {
        var def = MetricCatalog.Get(metric);
        if (period.Kind == PeriodKind.Month)
        {
            var p = period.ToString();
            var frozen = Frozen(def.Code, kind, scopeId, p);
            if (frozen is not null)
                return new MetricResult(def.Code, kind, scopeId, period, frozen.Numerator, frozen.Denominator, frozen.Value);
            if (IsClosed(period))
                return new MetricResult(def.Code, kind, scopeId, period, 0, def.Unit is MetricUnit.Count ? null : 0, def.Unit is MetricUnit.Count ? 0 : null);
        }
        if (!_computed.TryGetValue((period.Kind, period.FirstMonth), out var all))
        {
            all = [];
            foreach (var r in new MetricEngine(_db).Compute(period)) all.TryAdd((r.Metric, r.ScopeKind, r.ScopeId), r);
            _computed[(period.Kind, period.FirstMonth)] = all;
        }
        return all.GetValueOrDefault((def.Code, kind, scopeId))
            ?? new MetricResult(def.Code, kind, scopeId, period, 0, def.Unit is MetricUnit.Count ? null : 0, def.Unit is MetricUnit.Count ? 0 : null);
    }

    /// <summary>
    /// The history of a metric for a scope: the frozen values of closed months before <paramref name="period"/>
    /// (months only; quarter and year history is computed from closed quarters and years).
    /// </summary>
    public List<MetricResult> History(string metric, ScopeKind kind, int scopeId, Period period)
    {
        var def = MetricCatalog.Get(metric);
        if (period.Kind == PeriodKind.Month)
        {
            var rows = FrozenHistory(def.Code, kind, scopeId);
            return [.. rows.Select(v => new MetricResult(def.Code, kind, scopeId, Period.Parse(v.Period), v.Numerator, v.Denominator, v.Value))
                .Where(r => r.Period.FirstMonth < period.FirstMonth)
                .OrderBy(r => r.Period.FirstMonth)];
        }
        var closed = _closed ??= [.. ClosedMonths()];
        var list = new List<MetricResult>();
        for (var p = period.Previous(); closed.Contains(p.FirstMonth) && p.Months().All(closed.Contains); p = p.Previous())
            if (Get(def.Code, kind, scopeId, p) is { } r) list.Insert(0, r);
        return list;
    }

    /// <summary>
    /// A baseline (G7): historical min or max over closed prior periods whose value exists (N/A periods never set a
    /// record), the previous period, or the same period last year — the latter two only if closed.
    /// </summary>
    public BaselineReading Baseline(string metric, ScopeKind kind, int scopeId, Period period, BaselineSource source)
    {
        switch (source)
        {
            case BaselineSource.HistoricalMin:
            case BaselineSource.HistoricalMax:
            {
                var history = History(metric, kind, scopeId, period).Where(r => r.Value is not null).ToList();
                if (history.Count == 0) return new BaselineReading(null, null);
                var best = source == BaselineSource.HistoricalMin
                    ? history.MinBy(r => r.Value!.Value)!
                    : history.MaxBy(r => r.Value!.Value)!;
                return new BaselineReading(best.Value, best.Period);
            }
            case BaselineSource.PreviousPeriod:
                return Closed(metric, kind, scopeId, period.Previous());
            case BaselineSource.SamePeriodLastYear:
                return Closed(metric, kind, scopeId, period.SamePeriodLastYear());
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, "该基数来源不取自历史数据");
        }
    }

    private BaselineReading Closed(string metric, ScopeKind kind, int scopeId, Period p)
    {
        if (!IsClosed(p)) return new BaselineReading(null, null);
        var r = Get(metric, kind, scopeId, p);
        return new BaselineReading(r?.Value, r?.Value is null ? null : p);
    }

    /// <inheritdoc />
    public bool IsKnown(string metric) => MetricCatalog.TryGet(metric, out _);

    /// <inheritdoc />
    public MetricReading Read(string metric, ScopeKind kind, int scopeId, Period period)
    {
        var def = MetricCatalog.Get(metric);
        var r = Get(metric, kind, scopeId, period)!;
        var frozen = period.Kind == PeriodKind.Month && IsClosed(period);
        return new MetricReading(r.Value, r.Numerator, r.Denominator, def.IsPercent, frozen) { Additive = def.Unit == MetricUnit.Count };
    }

    /// <inheritdoc />
    public decimal? Target(string word, ScopeKind kind, int scopeId, Period period, bool percent, bool additive)
    {
        var first = period.FirstMonth;
        var last = period.LastMonth;
        var rows = _db.Targets.AsNoTracking().Where(t => t.Metric == word && t.FirstMonth >= first && t.LastMonth <= last);
        rows = kind == ScopeKind.Staff ? rows.Where(t => t.StaffId == scopeId) : rows.Where(t => t.UnitId == scopeId && t.StaffId == null);
        var found = rows.Select(t => new { t.LastMonth, t.Value }).ToList();
        if (found.Count == 0) return null;
        // Stored × 10,000; a rate is written as a percent number (90 = 90 %), like the reported 产品合格率.
        if (additive) return found.Sum(t => t.Value) / 10_000m;
        var latest = found.MaxBy(t => t.LastMonth)!.Value;
        return percent ? latest / 1_000_000m : latest / 10_000m;
    }

    /// <inheritdoc />
    public int UnitOfStaff(int staffId) =>
        (_unitOfStaff ??= _db.Staff.AsNoTracking().Select(s => new { s.Id, s.UnitId }).ToDictionary(s => s.Id, s => s.UnitId))
        .TryGetValue(staffId, out var unit) ? unit : throw new KeyNotFoundException($"没有编号为 {staffId} 的员工");

    /// <summary>Every staff member's unit, read once per store (an opening asks for each subject).</summary>
    private Dictionary<int, int>? _unitOfStaff;

    /// <summary>The company unit's id.</summary>
    public int CompanyId() => _company ??= new MetricEngine(_db).CompanyId();
}

using Kaohe.Core.Scoring;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;
using DataPeriod = Kaohe.Data.Time.Period;

namespace Kaohe.Data.Results;

/// <summary>
/// The results history (C6): every published result per appraisee and per unit, with ranks, money lines,
/// consequences and roll-ups; the charts of a cycle and HR's home dashboard. HR and viewers see their unit's subtree,
/// an appraisee only their own history; anything else answers "不存在，或你无权查看".
/// </summary>
public sealed class ResultHistory(KaoheDb db)
{
    /// <summary>Most lines of the archive list per request.</summary>
    public const int MaxTake = 200;

    private sealed record Line(CycleSubject Subject, AppraisalCycle Cycle, string SchemeName);

    /// <summary>A person's history; HR/viewers in scope, the person themself.</summary>
    public PersonHistory Person(Actor actor, int staffId)
    {
        var staff = db.Staff.AsNoTracking().FirstOrDefault(s => s.Id == staffId) ?? throw CycleException.NotFound("员工档案");
        if (actor.StaffId != staffId && !(actor.Oversees && InScope(actor, staff.UnitId))) throw CycleException.NotFound("员工档案");
        var unit = db.Units.AsNoTracking().Where(u => u.Id == staff.UnitId).Select(u => u.Name).FirstOrDefault() ?? "";
        return new PersonHistory(staff.Id, staff.EmployeeNo, staff.Name, unit, staff.UnitId, Rows(true, staff.Id));
    }

    /// <summary>A person's history by 工号.</summary>
    public PersonHistory PersonByEmployeeNo(Actor actor, string employeeNo)
    {
        var no = (employeeNo ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim();
        var id = db.Staff.AsNoTracking().Where(s => s.EmployeeNo == no).Select(s => (int?)s.Id).FirstOrDefault();
        return id is { } staffId ? Person(actor, staffId) : throw new CycleException($"找不到工号为“{no}”的员工，或你无权查看", 404);
    }

    /// <summary>The actor's own history (an appraisee).</summary>
    public PersonHistory Mine(Actor actor) =>
        actor.StaffId is { } me ? Person(actor, me) : throw new CycleException("你的账号没有关联员工（工号），没有个人考核档案", 404);

    /// <summary>员工档案: people in the actor's scope with their latest result; search by 工号/姓名; paged.</summary>
    public IReadOnlyList<PersonSummary> People(Actor actor, string? search, int skip = 0, int take = 50)
    {
        if (!actor.Oversees) throw CycleException.Forbidden("只有考核管理员和查看人员可以查看员工档案");
        take = Math.Clamp(take, 1, MaxTake);
        var q = db.Staff.AsNoTracking().AsQueryable();
        if (actor.ScopeUnits(db) is { } scope) q = q.Where(s => scope.Contains(s.UnitId));
        var text = (search ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim();
        if (text.Length > 0) q = q.Where(s => s.EmployeeNo.Contains(text) || s.Name.Contains(text));
        var staff = q.OrderBy(s => s.EmployeeNo).Skip(Math.Max(0, skip)).Take(take)
            .Select(s => new { s.Id, s.EmployeeNo, s.Name, s.UnitId }).ToList();
        var ids = staff.Select(s => s.Id).ToList();
        var units = UnitTree.Names(db);
        var results = (from s in db.CycleSubjects.AsNoTracking()
                       join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                       join v in db.SchemeVersions.AsNoTracking() on c.SchemeVersionId equals v.Id
                       where s.IsStaff && ids.Contains(s.ScopeId) && s.Active && c.Status == CycleStatus.Published
                       select new { s.ScopeId, s.Period, v.Name, s.Total, s.Grade, c.PublishedAt }).ToList()
            .ToLookup(r => r.ScopeId);
        var open = db.Consequences.AsNoTracking().Where(c => c.IsStaff && ids.Contains(c.ScopeId) && c.Status == ConsequenceStatus.Open)
            .GroupBy(c => c.ScopeId).Select(g => new { g.Key, N = g.Count() }).ToDictionary(x => x.Key, x => x.N);
        return [.. staff.Select(s =>
        {
            var mine = results[s.Id].OrderBy(r => PeriodOrder(r.Period)).ThenBy(r => r.PublishedAt).ToList();
            var last = mine.LastOrDefault();
            return new PersonSummary(s.Id, s.EmployeeNo, s.Name, units.GetValueOrDefault(s.UnitId, ""), mine.Count, last?.Period, last?.Name,
                last?.Total, last?.Grade, open.GetValueOrDefault(s.Id));
        })];
    }

    /// <summary>A unit's history: its own results and its people's (subtree) by period and scheme.</summary>
    public UnitHistory Unit(Actor actor, int unitId)
    {
        var unit = db.Units.AsNoTracking().FirstOrDefault(u => u.Id == unitId);
        if (unit is null || !actor.Oversees || !InScope(actor, unitId)) throw CycleException.NotFound("单位档案");
        var subtree = db.UnitClosure.AsNoTracking().Where(c => c.AncestorId == unitId).Select(c => c.DescendantId).ToList();
        var lines = Published(db.CycleSubjects.AsNoTracking().Where(s => s.IsStaff && subtree.Contains(s.UnitId))).ToList();
        var periods = lines.GroupBy(l => (l.Subject.Period, l.Subject.SchemeCode))
            .OrderBy(g => PeriodOrder(g.Key.Period)).ThenBy(g => g.Key.SchemeCode)
            .Select(g =>
            {
                var totals = g.Where(l => l.Subject.Total is not null).Select(l => l.Subject.Total!.Value).ToList();
                return new UnitPeriodRow(g.Key.Period, g.Key.SchemeCode, g.First().SchemeName, g.Count(),
                    totals.Count == 0 ? null : totals.Average(), totals.Count == 0 ? null : totals.Max(), totals.Count == 0 ? null : totals.Min(),
                    g.Sum(l => l.Subject.Payout ?? 0), g.Sum(l => l.Subject.RankAmount ?? 0), g.Sum(l => l.Subject.Money ?? 0),
                    Tally(g.Select(l => l.Subject.Grade)));
            }).ToList();
        return new UnitHistory(unit.Id, unit.Name, Rows(false, unitId), periods);
    }

    /// <summary>One released or published result as a history line; whoever may see the result.</summary>
    public HistoryRow Row(Actor actor, int subjectId)
    {
        var s = db.CycleSubjects.AsNoTracking().FirstOrDefault(x => x.Id == subjectId) ?? throw CycleException.NotFound("考核结果");
        var c = db.Cycles.AsNoTracking().First(x => x.Id == s.CycleId);
        var own = s.AppraiseeAccountId == actor.AccountId || (actor.StaffId is { } me && s.IsStaff && s.ScopeId == me);
        var sees = (own && c.Status is CycleStatus.Confirming or CycleStatus.Published)
                   || (actor.Oversees && InScope(actor, s.UnitId) && !(actor.Role == AccountRole.Viewer && c.Status == CycleStatus.Rating));
        if (!sees) throw CycleException.NotFound("考核结果");
        var name = db.SchemeVersions.AsNoTracking().Where(v => v.Id == c.SchemeVersionId).Select(v => v.Name).First();
        return ToRows([new Line(s, c, name)]).Single();
    }

    /// <summary>The charts of one cycle (HR/viewers in scope): grade distribution, ranking, unit averages.</summary>
    public CycleCharts Charts(Actor actor, int cycleId)
    {
        var cycle = db.Cycles.AsNoTracking().FirstOrDefault(c => c.Id == cycleId);
        if (cycle is null || !actor.Oversees) throw CycleException.NotFound("考核");
        var q = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId);
        if (actor.ScopeUnits(db) is { } scope) q = q.Where(s => scope.Contains(s.UnitId));
        var subjects = q.ToList();
        if (subjects.Count == 0) throw CycleException.NotFound("考核");
        return ChartsOf(cycle, subjects);
    }

    /// <summary>Home charts of HR and managers: the latest published cycles in scope and the trend by period.</summary>
    public Dashboard Dashboard(Actor actor, int cycles = 3)
    {
        if (!actor.Oversees) throw CycleException.Forbidden("只有考核管理员和查看人员有考核看板");
        var scope = actor.ScopeUnits(db);
        var q = db.CycleSubjects.AsNoTracking().Where(s => s.Active);
        if (scope is not null) q = q.Where(s => scope.Contains(s.UnitId));
        var latest = (from s in q
                      join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                      where c.Status == CycleStatus.Published
                      group c by new { c.Id, c.PublishedAt } into g
                      orderby g.Key.PublishedAt descending
                      select g.Key.Id).Take(Math.Clamp(cycles, 1, 10)).ToList();
        var charts = latest.Select(id => ChartsOf(db.Cycles.AsNoTracking().First(c => c.Id == id), [.. q.Where(s => s.CycleId == id)])).ToList();
        var trend = (from s in q
                     join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                     where c.Status == CycleStatus.Published && s.IsStaff
                     select new { s.Period, s.Total, s.Payout })
            .AsEnumerable()
            // Summed here, not in SQL: SQLite has no decimal sums.
            .GroupBy(x => x.Period)
            .Select(g => new { Period = g.Key, People = g.Count(), Sum = g.Sum(x => x.Total), Graded = g.Count(x => x.Total != null), Pay = g.Sum(x => x.Payout) })
            .Where(t => DataPeriod.TryParse(t.Period, out _))
            .OrderBy(t => PeriodOrder(t.Period)).TakeLast(24)
            .Select(t => new TrendPoint(t.Period, t.People, t.Graded == 0 ? null : t.Sum / t.Graded, t.Pay ?? 0)).ToList();
        var scopeName = actor.UnitId is { } u && actor.Role != AccountRole.Admin ? db.Units.AsNoTracking().Where(x => x.Id == u).Select(x => x.Name).First() : "全公司";
        return new Dashboard(scopeName, charts, trend);
    }

    private CycleCharts ChartsOf(AppraisalCycle cycle, List<CycleSubject> subjects)
    {
        var units = UnitTree.Names(db);
        var released = cycle.Status is CycleStatus.Confirming or CycleStatus.Published;
        var graded = released ? subjects.Where(s => s.Total is not null).ToList() : [];
        var order = graded.Count == 0 ? [] : HistoryRules.GradeOrder(new CycleService(db).SchemeOf(cycle.SchemeVersionId));
        var tally = order.Select(g => new GradeTally(g, graded.Count(s => s.Grade is not null && ConsecutivePeriods.Normalize(s.Grade) == g)))
            .Concat(Tally(graded.Select(s => s.Grade)).Where(t => !order.Contains(t.Grade))).ToList();
        var ranking = graded.OrderBy(s => s.Rank ?? int.MaxValue).ThenBy(s => s.Code)
            .Select(s => new RankedEntry(s.Code, s.Name, units.GetValueOrDefault(s.UnitId, ""), s.Total, s.Grade, s.Rank, s.RankAmount)).ToList();
        var byUnit = graded.GroupBy(s => s.UnitId).Select(g => new UnitAverage(g.Key, units.GetValueOrDefault(g.Key, ""), g.Count(), g.Average(s => s.Total!.Value)))
            .OrderByDescending(u => u.Average).ToList();
        return new CycleCharts(cycle.Id, cycle.Name, cycle.Period, tally, ranking, byUnit);
    }

    /// <summary>The published results and roll-ups of one subject, oldest first.</summary>
    private List<HistoryRow> Rows(bool isStaff, int scopeId)
    {
        var rows = ToRows([.. Published(db.CycleSubjects.AsNoTracking().Where(s => s.IsStaff == isStaff && s.ScopeId == scopeId))]);
        var rollups = db.Rollups.AsNoTracking().Where(r => r.IsStaff == isStaff && r.ScopeId == scopeId).ToList();
        var capped = ConsequencesOf(db.Consequences.AsNoTracking().Where(c => c.IsStaff == isStaff && c.ScopeId == scopeId && c.CycleSubjectId == null));
        rows.AddRange(rollups.Select(r => new HistoryRow(r.Period, r.SchemeCode, r.SchemeName, null, null, r.Id, true, r.Total, r.Grade,
            null, null, null, null, null, null, null, "汇总", r.Missing > 0 ? $"{r.Method}；缺 {r.Missing} 期" : r.Method,
            [.. capped.Where(c => c.SchemeCode == r.SchemeCode && c.Period == r.Period)])));
        return [.. rows.OrderBy(r => PeriodOrder(r.Period)).ThenBy(r => r.IsRollup).ThenBy(r => r.SchemeCode, StringComparer.Ordinal)];
    }

    private IQueryable<Line> Published(IQueryable<CycleSubject> subjects) =>
        from s in subjects
        join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
        join v in db.SchemeVersions.AsNoTracking() on c.SchemeVersionId equals v.Id
        where s.Active && c.Status == CycleStatus.Published
        select new Line(s, c, v.Name);

    private List<HistoryRow> ToRows(IReadOnlyList<Line> lines)
    {
        var cycleIds = lines.Select(l => l.Cycle.Id).Distinct().ToList();
        var ranked = db.CycleSubjects.AsNoTracking().Where(s => cycleIds.Contains(s.CycleId) && s.Rank != null)
            .GroupBy(s => new { s.CycleId, s.UnitId }).Select(g => new { g.Key.CycleId, g.Key.UnitId, N = g.Count() }).ToList();
        var subjectIds = lines.Select(l => l.Subject.Id).ToList();
        var units = UnitTree.Names(db);
        var bySubject = db.Consequences.AsNoTracking().Where(c => c.CycleSubjectId != null && subjectIds.Contains(c.CycleSubjectId.Value))
            .OrderBy(c => c.Id).ToList().ToLookup(c => c.CycleSubjectId!.Value, c => ConsequenceService.ToRow(c, units));
        return [.. lines.Select(l =>
        {
            var s = l.Subject;
            int? of = s.Rank is null ? null : ranked.Where(r => r.CycleId == s.CycleId).Sum(r => r.N);
            int? unitOf = s.UnitRank is null ? null : ranked.Where(r => r.CycleId == s.CycleId && r.UnitId == s.UnitId).Sum(r => r.N);
            var state = l.Cycle.Status == CycleStatus.Published ? "已发布" : CycleWords.Status(l.Cycle.Status);
            return new HistoryRow(s.Period, s.SchemeCode, l.SchemeName, s.CycleId, s.Id, null, false, s.Total, s.Grade, s.Rank, of, s.UnitRank, unitOf,
                s.Payout, s.RankAmount, s.Money, state, null, [.. bySubject[s.Id]]);
        })];
    }

    private List<ConsequenceRow> ConsequencesOf(IQueryable<Consequence> q)
    {
        var units = UnitTree.Names(db);
        return [.. q.OrderBy(c => c.Id).ToList().Select(c => ConsequenceService.ToRow(c, units))];
    }


    private static List<GradeTally> Tally(IEnumerable<string?> grades) =>
        [.. grades.Where(g => g is not null).GroupBy(g => ConsecutivePeriods.Normalize(g!)).Select(g => new GradeTally(g.Key, g.Count()))];

    /// <summary>Sort key of a period: by first month, a month before its quarter before its year.</summary>
    internal static (int, int) PeriodOrder(string period) =>
        DataPeriod.TryParse(period, out var p) ? (p.LastMonth, (int)p.Kind) : (int.MaxValue, 0);


    private bool InScope(Actor actor, int unitId) => actor.ScopeUnits(db) is not { } scope || scope.Contains(unitId);
}

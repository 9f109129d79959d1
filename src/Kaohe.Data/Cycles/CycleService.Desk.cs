using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Cycles;

/// <summary>HR's desk (what needs doing now) and 催办: reminding the raters who have not rated.</summary>
public sealed partial class CycleService
{
    /// <summary>Action of the audit entry that records a reminder to one rater (its key is the rater's login name).</summary>
    public const string RemindAction = "催办";

    /// <summary>
    /// What HR has to act on in their units: cycles being rated (forms still open) or confirmed (deadline), and the
    /// appeals waiting for a decision, oldest cycle first.
    /// </summary>
    public HrDesk Desk(Actor actor)
    {
        if (!actor.Manages) throw CycleException.Forbidden("只有考核管理员可以查看待办");
        var scope = ScopeUnits(actor);
        var units = scope?.ToList();
        var active = db.Cycles.AsNoTracking().Where(c => c.Status == CycleStatus.Rating || c.Status == CycleStatus.Confirming);
        if (units is not null) active = active.Where(c => db.CycleSubjects.Any(s => s.CycleId == c.Id && units.Contains(s.UnitId)));
        var cycles = active.OrderBy(c => c.Id).ToList().Select(c => Summary(c, scope)).ToList();
        var ids = cycles.Where(c => c.Status == CycleStatus.Confirming).Select(c => c.Id).ToList();
        var appeals = (from s in db.CycleSubjects.AsNoTracking()
                       join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                       where ids.Contains(c.Id) && s.Confirmation == ConfirmationStatus.Appealed
                       orderby c.Id, s.Code
                       select new { s, c.Name }).ToList()
            .Where(x => (scope is null || scope.Contains(x.s.UnitId)) && !actor.IsSubject(x.s))
            .Select(x => new DeskAppeal(x.s.Id, x.s.CycleId, x.Name, x.s.Code, x.s.Name, x.s.AppealReason ?? "")).ToList();
        return new HrDesk(cycles, appeals);
    }

    /// <summary>
    /// 催办: reminds every rater of the cycle who still has open forms (in the actor's units). Each reminder is in the
    /// audit trail and shows on the rater's home and form list until they have rated; the answer lists who was reminded.
    /// </summary>
    public RemindAnswer Remind(Actor actor, int cycleId)
    {
        var cycle = ManagedCycle(actor, cycleId);
        if (cycle.Status != CycleStatus.Rating) throw new CycleException($"考核已{CycleWords.Status(cycle.Status)}，不需要催办", 409);
        var pending = Detail(actor, cycleId).NotRated;
        if (pending.Count == 0) throw new CycleException("所有评分表都已提交，不需要催办", 409);
        foreach (var p in pending)
            Audit(actor, cycle, null, RemindAction, "评分人", p.Rater, null, null, $"{p.Open} 张未提交：{string.Join("、", p.Subjects)}", null);
        db.SaveChanges();
        return new RemindAnswer(cycle.Id, cycle.Name, Now(), pending);
    }

    /// <summary>The reminders for the actor's own open forms: the latest per cycle still being rated, newest first.</summary>
    public IReadOnlyList<Reminder> Reminders(Actor actor)
    {
        var open = (from f in db.RatingForms.AsNoTracking()
                    join s in db.CycleSubjects.AsNoTracking() on f.CycleSubjectId equals s.Id
                    join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                    where f.RaterAccountId == actor.AccountId && f.Status == FormStatus.Draft && c.Status == CycleStatus.Rating
                    group f by new { c.Id, c.Name } into g
                    select new { g.Key.Id, g.Key.Name, Open = g.Count() }).ToList();
        if (open.Count == 0) return [];
        var ids = open.Select(o => (int?)o.Id).ToList();
        var latest = db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == RemindAction && a.EntityKey == actor.UserName && ids.Contains(a.CycleId))
            .OrderByDescending(a => a.Id).ToList().GroupBy(a => a.CycleId).Select(g => g.First());
        return [.. latest.Join(open, a => a.CycleId, o => o.Id, (a, o) => new Reminder(o.Id, o.Name, a.Actor, a.At, o.Open)).OrderByDescending(r => r.At)];
    }
}

/// <summary>HR's desk: the cycles in progress and the appeals to decide.</summary>
public sealed record HrDesk(IReadOnlyList<CycleSummary> Cycles, IReadOnlyList<DeskAppeal> Appeals);

/// <summary>An appeal waiting for HR's decision.</summary>
public sealed record DeskAppeal(int SubjectId, int CycleId, string CycleName, string SubjectCode, string SubjectName, string Reason);

/// <summary>Who was reminded (催办) of which open forms, and when.</summary>
public sealed record RemindAnswer(int CycleId, string CycleName, DateTime At, IReadOnlyList<PendingRater> Reminded);

/// <summary>A reminder a rater sees: HR (<see cref="By"/>) asked them at <see cref="At"/> to rate their open forms of a cycle.</summary>
public sealed record Reminder(int CycleId, string CycleName, string By, DateTime At, int Open);

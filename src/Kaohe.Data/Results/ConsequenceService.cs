using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Results;

/// <summary>
/// Consequences from the history (GR-01, GR-02): HR's list of what is due and recording what was done. HR acts on
/// consequences of their units' people, never on their own; viewers may read the list.
/// </summary>
public sealed class ConsequenceService(KaoheDb db, TimeProvider? clock = null)
{
    /// <summary>Most consequences listed at once.</summary>
    public const int MaxList = 2000;

    /// <summary>Consequences in scope; open only by default; newest first.</summary>
    public IReadOnlyList<ConsequenceRow> List(Actor actor, bool openOnly = true)
    {
        if (!actor.Oversees) throw CycleException.Forbidden("只有考核管理员和查看人员可以查看考核结果处理");
        var q = db.Consequences.AsNoTracking().AsQueryable();
        if (actor.ScopeUnits(db) is { } scope) q = q.Where(c => scope.Contains(c.UnitId));
        if (openOnly) q = q.Where(c => c.Status == ConsequenceStatus.Open);
        var units = db.Units.AsNoTracking().Select(u => new { u.Id, u.Name }).ToDictionary(u => u.Id, u => u.Name);
        return [.. q.OrderByDescending(c => c.Id).Take(MaxList).ToList().Select(c => ToRow(c, units))];
    }

    /// <summary>Marks a consequence handled with a note (audited); 409 on a stale version or when already handled.</summary>
    public ConsequenceRow Handle(Actor actor, int id, HandleConsequenceRequest request)
    {
        if (!actor.Manages) throw CycleException.Forbidden("只有考核管理员可以处理考核结果");
        var c = db.Consequences.FirstOrDefault(x => x.Id == id);
        if (c is null || (actor.ScopeUnits(db) is { } scope && !scope.Contains(c.UnitId))) throw CycleException.NotFound("考核结果处理事项");
        if (actor.StaffId is { } me && c.PersonStaffId == me) throw CycleException.Forbidden("不能处理关于自己的考核结果");
        var note = (request.Note ?? "").Trim();
        if (note.Length == 0) throw new CycleException("请写明处理情况", 400, null, [new FieldProblem("处理情况", "请写明处理情况（如：已书面警告）")]);
        if (note.Length > 2000) throw new CycleException("处理情况最多 2000 字", 400, null, [new FieldProblem("处理情况", "最多 2000 字")]);
        if (c.Status == ConsequenceStatus.Handled) throw new CycleException($"该事项已由 {c.HandledBy} 处理", 409);
        if (c.Version != request.Version) throw new CycleException("该事项已被他人更新，请刷新", 409);
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        c.Status = ConsequenceStatus.Handled;
        c.HandledBy = actor.UserName;
        c.HandledAt = now;
        c.HandledNote = note;
        c.Version++;
        AuditLog.Add(db, now, actor.UserName, new AuditNote("处理考核结果", "考核结果处理", $"{c.Period}/{c.Code}", ConsequenceFinder.TypeName(c.Type),
            "待处理", "已处理", note, c.CycleId, c.UnitId), actor.Ip);
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new CycleException("该事项已被他人更新，请刷新", 409);
        }
        var units = db.Units.AsNoTracking().Where(u => u.Id == c.UnitId).ToDictionary(u => u.Id, u => u.Name);
        return ToRow(c, units);
    }

    /// <summary>A stored consequence as a list row.</summary>
    public static ConsequenceRow ToRow(Consequence c, IReadOnlyDictionary<int, string> units) =>
        new(c.Id, c.IsStaff ? c.ScopeId : null, c.Code, c.Name, units.GetValueOrDefault(c.UnitId, ""), c.SchemeCode, c.Period, c.Type,
            ConsequenceFinder.TypeName(c.Type), c.Title, c.Explanation, c.CapGrade, c.CapYear, c.Status, ConsequenceFinder.StatusName(c.Status),
            c.CreatedAt, c.HandledBy, c.HandledAt, c.HandledNote, c.CycleId, c.Version);
}

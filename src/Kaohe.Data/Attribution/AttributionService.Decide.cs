using Kaohe.Core.Attribution;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Attribution;

public sealed partial class AttributionService
{
    /// <summary>The longest reason of a decision.</summary>
    public const int MaxReason = 500;

    /// <summary>
    /// Records a supervisor's decision on the open conflict <see cref="DecideRequest.ConflictId"/> of
    /// <paramref name="month"/>: the customer (or, for a deal's conflict, that deal) goes to the chosen consultant from
    /// the conflict's time on. Written with its audit entry in one <c>SaveChanges</c>. Refused: a user who may not
    /// decide for the unit, a conflict about the user themselves, a settled or unknown conflict, no reason.
    /// </summary>
    public DecideResult Decide(Actor actor, int unitId, string month, DecideRequest request)
    {
        CheckSee(actor, unitId);
        if (!MayDecide(actor, unitId)) throw CycleException.Forbidden("只有考核管理员或案场主管可以裁定客户归属");
        var fields = new List<FieldProblem>();
        var reason = (request.Reason ?? "").Trim();
        if (reason.Length == 0) fields.Add(new FieldProblem("裁定理由", "请写明裁定理由"));
        else if (reason.Length > MaxReason) fields.Add(new FieldProblem("裁定理由", $"最多 {MaxReason} 个字，现有 {reason.Length} 个"));
        var period = ParseMonth(month);
        var problems = new List<string>();
        var settings = AttributionSettingsStore.For(db, unitId, problems);
        var records = Load(unitId, period.End.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var outcome = AttributionEngine.Run(records.Events, settings);
        if (problems.Count > 0 || !outcome.Ok) throw new CycleException("该案场的记录有问题，请先改正后再裁定", 409, [.. problems, .. outcome.Problems]);
        var conflict = outcome.Conflicts.SingleOrDefault(c => c.Id == request.ConflictId) ?? throw CycleException.NotFound("争议");
        if (conflict.Resolved) throw new CycleException($"{conflict.Id}已裁定：{conflict.Resolution}", 409);
        if (actor.StaffId is { } me && (conflict.Consultants.Any(n => records.StaffOf(n) == me) || request.StaffId == me || request.AssistantStaffId == me))
            throw CycleException.Forbidden("争议涉及你本人，不能由你裁定；请由其他主管或考核管理员裁定");
        if (!records.Names.ContainsKey(request.StaffId))
            fields.Add(new FieldProblem("归属顾问", "请选择本案场的置业顾问"));
        if (request.AssistantStaffId is { } assistant)
        {
            if (conflict.DealId is null) fields.Add(new FieldProblem("协助顾问", "只有关于某笔成交的争议才能指定协助顾问"));
            else if (!records.Names.ContainsKey(assistant)) fields.Add(new FieldProblem("协助顾问", "请选择本案场的置业顾问"));
            else if (assistant == request.StaffId) fields.Add(new FieldProblem("协助顾问", "协助顾问不能是归属顾问本人"));
        }
        if (fields.Count > 0) throw new CycleException("裁定未保存：" + string.Join("；", fields.Select(f => f.ToString())), 400, fields: fields);

        var at = DateTime.SpecifyKind(conflict.At, DateTimeKind.Utc);
        var dealCode = conflict.DealId ?? "";
        if (db.AttributionDecisions.Any(d => d.UnitId == unitId && d.Customer == conflict.Customer && d.DealCode == dealCode && d.At == at))
            throw new CycleException($"{conflict.Customer}在 {AttributionText.Time(conflict.At)} 已有一条裁定", 409);
        var now = _clock.GetUtcNow().UtcDateTime;
        var decision = new AttributionDecision
        {
            UnitId = unitId, Customer = conflict.Customer, StaffId = request.StaffId, At = at, HasTime = true, Month = Period.MonthKey(at),
            Reason = reason, DealCode = dealCode, AssistantStaffId = request.AssistantStaffId, DecidedBy = AuditLog.Cut(actor.UserName, 64)!, RecordedAt = now,
        };
        db.AttributionDecisions.Add(decision);
        var to = records.Name(request.StaffId);
        var what = conflict.DealId is { } deal ? $"成交“{deal}”" : $"客户 {conflict.Customer}";
        var summary = $"{what}裁定归 {to}" + (request.AssistantStaffId is { } a ? $"，{records.Name(a)} 协助" : "") + $"（{conflict.Reason}）";
        AuditLog.Add(db, now, actor.UserName, new AuditNote("主管裁定", "客户归属", $"{conflict.Customer}｜{AttributionText.Time(conflict.At)}",
            conflict.DealId is null ? "归属顾问" : "成交归属", string.Join("、", conflict.Consultants), to + (request.AssistantStaffId is { } b ? $"（协助：{records.Name(b)}）" : ""),
            reason, UnitId: unitId), actor.Ip);
        db.SaveChanges();
        return new DecideResult(decision.Id, conflict.Customer, to, conflict.DealId, summary);
    }
}

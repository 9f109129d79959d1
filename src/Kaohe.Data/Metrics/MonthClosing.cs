using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Metrics;

/// <summary>A closed month: who closed it, when, how many metric values it froze, and whether it may be reopened now (only the last one may).</summary>
public sealed record ClosedMonth(string Month, string Label, DateTime ClosedAt, string ClosedBy, int FrozenValues, bool Reopenable);

/// <summary>One closing or reopening from the audit trail.</summary>
public sealed record MonthEvent(DateTime At, string Actor, string Action, string Month, string? Before, string? After, string? Reason);

/// <summary>
/// What the closed-months page and <c>GET /api/months</c> show: the closed months (newest first), the month that may be
/// closed next (null when none is closed yet: any ended month may be the first), and the latest closings and reopenings.
/// </summary>
public sealed record ClosedMonthsView(IReadOnlyList<ClosedMonth> Closed, string? NextToClose, IReadOnlyList<MonthEvent> History);

/// <summary>
/// Closing and reopening months for the web, the API and the <c>kaohe period</c> command: one place for who may do
/// it, the checks with their Chinese refusals, and the audit trail. Months are closed for the whole company (the
/// model has one list of closed months), so closing and reopening need the administrator or HR covering the whole
/// company; HR of a single unit may see the list. The work itself — freezing and dropping
/// the metric values — is <see cref="MetricStore.Close"/> and <see cref="MetricStore.Reopen"/>.
/// </summary>
public sealed class MonthClosing(KaoheDb db, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>How many closings and reopenings the view shows.</summary>
    public const int HistorySize = 20;

    /// <summary>Who may see closed months: the administrator and HR.</summary>
    public static void CheckSee(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Manages) throw CycleException.Forbidden("只有系统管理员和考核管理员可以查看已关闭的月份");
    }

    /// <summary>Who may close or reopen: the administrator, or HR covering the whole company (a month is closed for everyone).</summary>
    public static void CheckChange(Actor actor)
    {
        CheckSee(actor);
        if (actor.Role != AccountRole.Admin && actor.UnitId is not null)
            throw CycleException.Forbidden("关账和重新开放对全公司生效，需要系统管理员或全公司范围的考核管理员");
    }

    /// <summary>The closed months, the next month to close and the latest closings and reopenings.</summary>
    public ClosedMonthsView View(Actor actor)
    {
        CheckSee(actor);
        return View();
    }

    /// <summary>As <see cref="View(Actor)"/>, for the command line (whoever holds the database).</summary>
    public ClosedMonthsView View()
    {
        var closed = db.ClosedPeriods.AsNoTracking().OrderByDescending(p => p.Month).ToList();
        var counts = db.MetricValues.AsNoTracking().Where(v => v.Frozen).GroupBy(v => v.Period)
            .Select(g => new { Period = g.Key, Count = g.Count() }).ToDictionary(x => x.Period, x => x.Count);
        var rows = closed.Select((p, i) =>
        {
            var month = Period.FromMonthKey(p.Month);
            return new ClosedMonth(month.ToString(), month.Label, p.ClosedAt, p.ClosedBy, counts.GetValueOrDefault(month.ToString()), i == 0);
        }).ToList();
        var history = db.AuditEntries.AsNoTracking().Where(a => a.Entity == "期间")
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(HistorySize).ToList()
            .Select(a => new MonthEvent(a.At, a.Actor, a.Action, a.EntityKey, a.OldValue, a.NewValue, a.Reason)).ToList();
        var next = closed.Count == 0 ? null : Period.FromMonthKey(closed[0].Month).Next().ToString();
        return new ClosedMonthsView(rows, next, history);
    }

    /// <summary>Closes <paramref name="month"/> (freezes its metrics); returns how many values were frozen.</summary>
    public int Close(Actor actor, string? month)
    {
        CheckChange(actor);
        return Close(actor.UserName, month);
    }

    /// <summary>
    /// Closes a month for <paramref name="by"/> (a login name, or the system user of the command line). Refused: not a
    /// month, a month not yet over (in China time), already closed, or out of order (months close one after another).
    /// </summary>
    public int Close(string by, string? month)
    {
        var p = Parse(month);
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime.AddHours(8));
        if (p.End > today) throw new CycleException($"{p.Label}还没有结束，不能结账");
        var closed = ClosedKeys();
        if (closed.Contains(p.FirstMonth))
            throw new CycleException($"{p.Label}已结账，指标已冻结；如需更正，请先重新开放该月");
        if (closed.Count > 0 && closed[^1] > p.FirstMonth)
            throw new CycleException($"{p.Label}之后的月份（{Period.FromMonthKey(closed[^1])}）已结账：结账须按月份顺序");
        if (closed.Count > 0 && Period.FromMonthKey(closed[^1]).Next().FirstMonth != p.FirstMonth)
            throw new CycleException($"上一个已结账月份是 {Period.FromMonthKey(closed[^1])}：请先结账 {Period.FromMonthKey(closed[^1]).Next()}");
        return new MetricStore(db).Close(p, by, Now());
    }

    /// <summary>Reopens <paramref name="month"/> with a reason (audited with who had closed it).</summary>
    public void Reopen(Actor actor, string? month, string? reason)
    {
        CheckChange(actor);
        Reopen(actor.UserName, month, reason);
    }

    /// <summary>
    /// Reopens a month for <paramref name="by"/>: its frozen values are dropped (recomputed when it is closed again).
    /// Refused without a reason, for a month that is not closed, or for any but the last closed month.
    /// </summary>
    public void Reopen(string by, string? month, string? reason)
    {
        var p = Parse(month);
        if (string.IsNullOrWhiteSpace(reason)) throw new CycleException("重新开放月份须写明原因（例如：更正 10 月的投诉记录）");
        if (reason.Trim().Length > 500) throw new CycleException("原因最多 500 个字");
        var closed = ClosedKeys();
        if (!closed.Contains(p.FirstMonth)) throw new CycleException($"{p.Label}没有结账", 404);
        if (closed[^1] != p.FirstMonth)
            throw new CycleException($"只能重新开放最后一个已结账月份（{Period.FromMonthKey(closed[^1])}）：请先重新开放它之后的月份");
        new MetricStore(db).Reopen(p, by, Now(), reason.Trim());
    }

    private List<int> ClosedKeys() => [.. db.ClosedPeriods.AsNoTracking().Select(p => p.Month).OrderBy(m => m)];

    private static Period Parse(string? month) =>
        Period.TryParse((month ?? "").Trim(), out var p) && p.Kind == PeriodKind.Month ? p
            : throw new CycleException($"“{month}”不是月份：请写成 2026-10 的样子");

    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;
}

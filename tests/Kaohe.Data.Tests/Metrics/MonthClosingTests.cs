using Kaohe.Data.Cycles;
using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Metrics;

/// <summary>Closing and reopening months through the one service the web, the API and the command line share.</summary>
public abstract class MonthClosingTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new();
    private static readonly Actor Admin = new(1, "admin", "管理员", AccountRole.Admin, null, null);
    private static readonly Actor Hr = new(2, "hr", "人事", AccountRole.Hr, null, null);
    private static readonly Actor Viewer = new(4, "viewer", "查看者", AccountRole.Viewer, null, null);
    private static readonly Actor Rater = new(5, "rater", "组长", AccountRole.Rater, null, 1);

    private MonthClosing Service(KaoheDb db) => new(db, _clock);

    private static CycleException Refused(Action act, int status = 400)
    {
        var e = Assert.Throws<CycleException>(act);
        Assert.Equal(status, e.Status);
        return e;
    }

    [Fact]
    public void HR_closes_months_in_order_sees_who_and_when_and_reopens_the_last_with_a_reason_in_the_audit_trail()
    {
        using (var db = Db()) MetricFixture.Seed(db);
        using (var db = Db())
        {
            var months = Service(db);
            Assert.True(months.Close(Hr, "2026-09") > 0);
            _clock.Now = _clock.Now.AddHours(1);
            Assert.True(months.Close(Admin, "2026-10") > 0);
        }
        using (var db = Db())
        {
            var view = Service(db).View(Hr);
            Assert.Equal(["2026-10", "2026-09"], view.Closed.Select(m => m.Month));
            Assert.Equal([true, false], view.Closed.Select(m => m.Reopenable));
            Assert.Equal(("admin", new DateTime(2026, 11, 23, 2, 0, 0)), (view.Closed[0].ClosedBy, view.Closed[0].ClosedAt));
            Assert.Equal("hr", view.Closed[1].ClosedBy);
            Assert.True(view.Closed[0].FrozenValues > 0);
            Assert.Equal(db.MetricValues.Count(v => v.Period == "2026-10" && v.Frozen), view.Closed[0].FrozenValues);
            Assert.Equal("2026-11", view.NextToClose);

            var months = Service(db);
            Assert.Contains("须写明原因", Refused(() => months.Reopen(Hr, "2026-10", "  ")).Message);
            Assert.Contains("只能重新开放最后一个已结账月份（2026-10）", Refused(() => months.Reopen(Hr, "2026-09", "更正")).Message);
            Assert.Contains("没有结账", Refused(() => months.Reopen(Hr, "2026-11", "更正"), 404).Message);
            Assert.Contains("不是月份", Refused(() => months.Reopen(Hr, "2026-Q4", "更正")).Message);
            months.Reopen(Hr, "2026-10", " 更正 10 月的投诉记录 ");
        }
        using (var db = Db())
        {
            var view = Service(db).View(Admin);
            Assert.Equal(["2026-09"], view.Closed.Select(m => m.Month));
            Assert.Equal(0, db.MetricValues.Count(v => v.Period == "2026-10"));
            var last = view.History[0];
            Assert.Equal(("hr", "重新开账", "2026-10", "更正 10 月的投诉记录"), (last.Actor, last.Action, last.Month, last.Reason));
            Assert.StartsWith("已结账（admin，2026-11-23 10:00）", last.Before);
            Assert.Equal(["重新开账", "结账", "结账"], view.History.Select(h => h.Action));
        }
    }

    [Fact]
    public void Closing_is_refused_out_of_order_twice_or_before_the_month_ends_and_nobody_but_admin_or_company_HR_may_change_months()
    {
        int office;
        using (var db = Db()) office = MetricFixture.Seed(db).O1;
        using var ctx = Db();
        var months = Service(ctx);
        Assert.Contains("2026年11月还没有结束", Refused(() => months.Close(Hr, "2026-11")).Message);
        months.Close(Hr, "2026-09");
        Assert.Contains("已结账", Refused(() => months.Close(Hr, "2026-09")).Message);
        _clock.Now = new DateTimeOffset(2027, 1, 5, 1, 0, 0, TimeSpan.Zero);
        Assert.Contains("请先结账 2026-10", Refused(() => months.Close(Hr, "2026-12")).Message);
        Assert.Contains("结账须按月份顺序", Refused(() => months.Close(Hr, "2026-08")).Message);

        var unitHr = new Actor(3, "hr1", "一组人事", AccountRole.Hr, office, null);
        Assert.Contains("全公司范围的考核管理员", Refused(() => months.Close(unitHr, "2026-10"), 403).Message);
        Assert.Contains("全公司范围的考核管理员", Refused(() => months.Reopen(unitHr, "2026-09", "更正"), 403).Message);
        Assert.Single(months.View(unitHr).Closed); // HR of one unit may look
        foreach (var nobody in new[] { Viewer, Rater })
        {
            Assert.Contains("只有系统管理员和考核管理员", Refused(() => months.View(nobody), 403).Message);
            Refused(() => months.Reopen(nobody, "2026-09", "更正"), 403);
            Refused(() => months.Close(nobody, "2026-10"), 403);
        }
        Assert.Equal([202609], ctx.ClosedPeriods.AsNoTracking().Select(p => p.Month).ToList());
    }
}

public sealed class SqliteMonthClosingTests() : MonthClosingTests(DatabaseProvider.Sqlite);

public sealed class PostgresMonthClosingTests() : MonthClosingTests(DatabaseProvider.PostgreSql);

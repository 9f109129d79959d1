using System.Text;
using Kaohe.Data.Attribution;
using Kaohe.Data.Cycles;
using Kaohe.Data.Import;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Attribution;

/// <summary>
/// The sales-office registers imported from CSV, attributed from the database (both providers): owners, splits,
/// conflicts decided by a supervisor with an audit entry, the month's commission per consultant, and who may see and
/// decide what.
/// </summary>
public abstract class AttributionDataTests(DatabaseProvider provider) : DatabaseTests(provider), IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kaohe-attr-").FullName;

    private string Csv(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private ImportReport Import(string kind, string content) => Importer.Run(Database, kind, Csv(kind + ".csv", content));

    private void Ok(string kind, string content)
    {
        var r = Import(kind, content);
        Assert.True(r.Succeeded, kind + ": " + string.Join("\n", r.Errors));
    }

    /// <summary>A company with one sales office (AC1: supervisor 陈经理, consultants 张伟, 李娜, 王强) and another (AC2: 赵六).</summary>
    private void Office()
    {
        Ok("units", "单位编码,单位名称,类型,上级编码\nHQ,示例置业,公司,\nAC1,一号案场,项目,HQ\nAC2,二号案场,项目,HQ\n");
        Ok("staff", "工号,姓名,单位编码,岗位,上级工号\nG00,陈经理,AC1,案场经理,\nG01,张伟,AC1,置业顾问,G00\nG02,李娜,AC1,置业顾问,G00\n" +
                    "G03,王强,AC1,置业顾问,G00\nG05,冯雪,AC1,客户专员,G00\nG09,赵六,AC2,置业顾问,\n");
    }

    /// <summary>A month: first contact by time, a same-time conflict, a rest day with an assisted deal, a fine.</summary>
    private void Month()
    {
        Office();
        Ok("receptions", "客户,顾问,时间,轮值位置,说出顾问,介绍人,陪同,电话预约备案,输送人\n" +
                         "客户甲,张伟,2026-03-01 10:02,1,,,,,冯雪\n客户甲,G02,2026-03-01 10:05,2,,,,,\n" +
                         "客户乙,张伟,2026-03-02 11:00,1,,,,,\n客户乙,李娜,2026-03-02 11:00,2,,,,,\n" +
                         "客户甲,李娜,2026-03-06 15:00,2,张伟,,,,\n" +
                         "客户丙,王强,２０２６-０３-０７ 09:30,3,,客户甲,是,,\n");
        Ok("follow-ups", "客户,顾问,时间\n客户甲,张伟,2026-03-04\n");
        Ok("presence", "类型,顾问,时间,开始,结束\n休息,张伟,2026-03-06,,\n");
        Ok("deals", "客户,顾问,时间,提成金额,成交金额,成交编号\n客户甲,李娜,2026-03-06 16:00,\"10,000.00\",120万,CJ-1\n");
        Ok("fines", "顾问,时间,罚款金额,客户,原因\n王强,2026-03-08 14:00,200,客户丁,接待中途离开\n");
    }

    private static Actor Admin(int? staffId = null) => new(1, "admin", "管理员", AccountRole.Admin, null, staffId);

    private int StaffId(string no)
    {
        using var db = Db();
        return db.Staff.Single(s => s.EmployeeNo == no).Id;
    }

    private int UnitId(string code)
    {
        using var db = Db();
        return db.Units.Single(u => u.Code == code).Id;
    }

    private AttributionView View(Actor actor, string month = "2026-03")
    {
        using var db = Db();
        return new AttributionService(db).View(actor, UnitId("AC1"), month);
    }

    [Fact]
    public void A_month_of_registers_is_attributed_with_owners_splits_and_explanations()
    {
        Month();
        var v = View(Admin());
        Assert.Empty(v.Problems);
        Assert.Equal(6, v.Register.Count);
        Assert.Equal(["冯雪"], v.Register.Where(r => r.BroughtBy is not null).Select(r => r.BroughtBy).ToList());
        var jia = v.Customers.Single(c => c.Customer == "客户甲");
        Assert.Equal("张伟", jia.Owner);
        Assert.StartsWith("为什么归 张伟：", jia.Explanation);
        Assert.Contains("第一接触点原则", jia.History[0].Rule);
        // 客户丙 was brought by 客户甲 in person, but 客户甲's owner 张伟 was on duty and did not serve: 王强 keeps them.
        var bing = v.Customers.Single(c => c.Customer == "客户丙");
        Assert.Equal("王强", bing.Owner);
        Assert.Contains("放弃", bing.History.Single().Rule);
        // Owner resting, 李娜 closed: 业绩 张伟, 提成 8,000 / 2,000.
        var deal = v.Deals.Single();
        Assert.Equal(("CJ-1", "张伟", false), (deal.Code, deal.PerformanceTo, deal.Pending));
        Assert.Equal([("张伟", 8000.00m), ("李娜", 2000.00m)], deal.CommissionParts.Select(p => (p.Consultant, p.Amount!.Value)).ToList());
        Assert.Equal(10000m, deal.CommissionParts.Sum(p => p.Amount!.Value));
        // The same-time double registration of 客户乙 waits for a supervisor.
        var conflict = Assert.Single(v.Conflicts, c => !c.Resolved);
        Assert.Equal("客户乙", conflict.Customer);
        Assert.Equal(["张伟", "李娜"], conflict.Candidates.Select(c => c.Name).OrderBy(n => n == "李娜").ToList());
        Assert.Null(v.Customers.Single(c => c.Customer == "客户乙").Owner);
        // The month per consultant: 提成 − 罚款 = 实得.
        var zhang = v.Consultants.Single(c => c.Consultant == "张伟");
        Assert.Equal((1, 1_200_000m, 8000m, 0m, 8000m), (zhang.Deals, zhang.Performance, zhang.Commission, zhang.Fines, zhang.Net));
        var wang = v.Consultants.Single(c => c.Consultant == "王强");
        Assert.Equal((0m, 200m, -200m), (wang.Commission, wang.Fines, wang.Net));
        Assert.Equal("提成 0 元；甩客罚款 200 元（2026-03-08 200 元）；实得 0 元 − 200 元 = -200 元", wang.Explanation);
        Assert.Contains("20% 2000 元", v.Consultants.Single(c => c.Consultant == "李娜").Explanation);
        // The rota on the month's last day: 李娜 (no new customer of her own: 客户乙 awaits a decision) receives next,
        // then 张伟 (客户甲 on 03-01), then 王强 (客户丙 on 03-07).
        Assert.Equal([("李娜", "下一位接待"), ("张伟", "在岗"), ("王强", "在岗")], v.Rota.Select(r => (r.Consultant, r.Status)).ToList());
        Assert.Equal("2026-03-31", v.AsOf);
    }

    [Fact]
    public void A_second_import_of_the_same_files_changes_nothing()
    {
        Month();
        var again = Import("receptions", File.ReadAllText(Path.Combine(_dir, "receptions.csv")));
        Assert.True(again.Succeeded);
        Assert.Equal((0, 0, 6), (again.Inserted, again.Updated, again.Unchanged));
        var deals = Import("deals", File.ReadAllText(Path.Combine(_dir, "deals.csv")));
        Assert.Equal((0, 0, 1), (deals.Inserted, deals.Updated, deals.Unchanged));
    }

    [Fact]
    public void A_supervisor_decides_a_conflict_with_a_reason_and_the_decision_is_audited()
    {
        Month();
        var supervisor = new Actor(7, "chen", "陈经理", AccountRole.Rater, null, StaffId("G00"));
        var v = View(supervisor);
        Assert.True(v.CanDecide);
        var conflict = v.Conflicts.Single(c => !c.Resolved);
        Assert.True(conflict.CanDecide);
        using (var db = Db())
        {
            var s = new AttributionService(db);
            var empty = Assert.Throws<CycleException>(() => s.Decide(supervisor, UnitId("AC1"), "2026-03", new DecideRequest(conflict.Id, StaffId("G02"), "  ")));
            Assert.Equal(("裁定理由", "请写明裁定理由"), (empty.Fields.Single().Field, empty.Fields.Single().Message));
            var result = s.Decide(supervisor, UnitId("AC1"), "2026-03", new DecideRequest(conflict.Id, StaffId("G02"), "监控显示李娜先迎上前"));
            Assert.Equal("李娜", result.Consultant);
        }
        using (var db = Db())
        {
            var audit = db.AuditEntries.AsNoTracking().Single(a => a.Action == "主管裁定");
            Assert.Equal(("chen", "李娜", "监控显示李娜先迎上前", UnitId("AC1")), (audit.Actor, audit.NewValue, audit.Reason, audit.UnitId!.Value));
            Assert.Equal("chen", db.AttributionDecisions.Single().DecidedBy);
        }
        var after = View(supervisor);
        Assert.Equal("李娜", after.Customers.Single(c => c.Customer == "客户乙").Owner);
        Assert.Contains("主管裁定", after.Customers.Single(c => c.Customer == "客户乙").Explanation);
        Assert.All(after.Conflicts, c => Assert.True(c.Resolved));
        using (var db = Db())
        {
            var again = Assert.Throws<CycleException>(() => new AttributionService(db).Decide(supervisor, UnitId("AC1"), "2026-03",
                new DecideRequest(conflict.Id, StaffId("G01"), "再裁一次")));
            Assert.Equal(409, again.Status);
        }
    }

    [Fact]
    public void Who_may_see_and_decide()
    {
        Month();
        var conflictId = View(Admin()).Conflicts.Single(c => !c.Resolved).Id;
        using var db = Db();
        var s = new AttributionService(db);
        var unit = UnitId("AC1");
        // A consultant of another office sees nothing of this one.
        var other = new Actor(8, "zhao", "赵六", AccountRole.Rater, null, StaffId("G09"));
        Assert.Equal(403, Assert.Throws<CycleException>(() => s.View(other, unit, "2026-03")).Status);
        // A consultant of the office sees it but cannot decide.
        var li = new Actor(9, "li", "李娜", AccountRole.Appraisee, null, StaffId("G02"));
        Assert.False(s.View(li, unit, "2026-03").CanDecide);
        Assert.Equal(403, Assert.Throws<CycleException>(() => s.Decide(li, unit, "2026-03", new DecideRequest(conflictId, StaffId("G02"), "我先接待的"))).Status);
        // An administrator who is one of the consultants concerned may not decide their own conflict.
        var own = Admin(StaffId("G01"));
        Assert.False(s.View(own, unit, "2026-03").Conflicts.Single(c => !c.Resolved).CanDecide);
        var e = Assert.Throws<CycleException>(() => s.Decide(own, unit, "2026-03", new DecideRequest(conflictId, StaffId("G01"), "我先接待的")));
        Assert.Equal(403, e.Status);
        Assert.Contains("涉及你本人", e.Message);
        // HR of the other office's subtree is refused too.
        var hr = new Actor(10, "hr2", "人事", AccountRole.Hr, UnitId("AC2"), null);
        Assert.Equal(403, Assert.Throws<CycleException>(() => s.View(hr, unit, "2026-03")).Status);
        Assert.Equal(0, db.AttributionDecisions.Count());
    }

    [Fact]
    public void Bad_rows_are_reported_by_row_and_column_and_nothing_is_written()
    {
        Office();
        var r = Import("receptions", "客户,顾问,时间,介绍人,陪同\n客户甲,张伟,2026-03-01 10:02,,\n客户乙,无名氏,2026-03-01,,\n客户丙,李娜,明天,,\n" +
                                     "客户丁,李娜,2026-03-02,客户丁,\n客户戊,李娜,2026-03-02,客户甲,也许\n");
        Assert.False(r.Succeeded);
        var lines = r.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(lines, l => l.Contains("第 3 行") && l.Contains("无名氏") && l.Contains("未知的顾问"));
        Assert.Contains(lines, l => l.Contains("第 4 行") && l.Contains("时间") && l.Contains("不是日期或时间"));
        Assert.Contains(lines, l => l.Contains("第 5 行") && l.Contains("客户不能介绍自己"));
        Assert.Contains(lines, l => l.Contains("第 6 行") && l.Contains("陪同"));
        var deals = Import("deals", "客户,顾问,时间,提成金额\n客户甲,张伟,2026-03-01,-5\n客户乙,张伟,2026-03-01,85%\n客户丙,张伟,2026-03-01,1.234\n");
        Assert.Equal(3, deals.Errors.Count);
        Assert.All(deals.Errors, e => Assert.Equal("提成金额", e.Column));
        var fines = Import("fines", "顾问,时间,罚款金额\n张伟,2026-03-01,50\n张伟,2026-03-02,500\n");
        Assert.Contains("100–500 元", Assert.Single(fines.Errors).Reason);
        var presence = Import("presence", "类型,顾问,时间,开始,结束\n请假,张伟,2026-03-01,,\n休息,张伟,2026-03-01,2026-03-01 10:00,\n忙碌,李娜,,2026-03-02 12:00,2026-03-02 11:00\n");
        Assert.Equal(3, presence.Errors.Count);
        var dup = Import("follow-ups", "客户,顾问,时间\n客户甲,张伟,2026-03-04\n客户甲,张伟,2026-03-04\n");
        Assert.False(dup.Succeeded);
        using var db = Db();
        Assert.Equal(0, db.SalesReceptions.Count() + db.SalesDeals.Count() + db.SalesFines.Count() + db.ConsultantPresences.Count() + db.SalesFollowUps.Count());
    }

    [Fact]
    public void Unit_settings_change_the_split_and_a_bad_month_is_refused()
    {
        Month();
        using (var db = Db())
        {
            db.AttributionSettings.Add(new UnitAttributionSettings { UnitId = UnitId("AC1"), Settings = "协助提成比例=30%\n", UpdatedAt = DateTime.UtcNow, UpdatedBy = "admin" });
            db.SaveChanges();
        }
        var deal = View(Admin()).Deals.Single();
        Assert.Equal([7000m, 3000m], deal.CommissionParts.Select(p => p.Amount!.Value).ToList());
        using var db2 = Db();
        var e = Assert.Throws<CycleException>(() => new AttributionService(db2).View(Admin(), UnitId("AC1"), "2026-13"));
        Assert.Contains("月份", e.Message);
    }

    [Fact]
    public void Site_deliveries_count_the_receptions_a_staff_member_brought_against_their_plan()
    {
        Month();
        Ok("receptions", "客户,顾问,时间,输送人\n客户戊,王强,2026-03-20 10:00,G05\n客户己,李娜,2026-04-02 10:00,冯雪\n");
        Ok("targets", "工号,期间,指标,目标值\nG05,2026-03,输送到案场客户数,4\n");
        using var db = Db();
        var staff = StaffId("G05");
        var march = new Kaohe.Data.Metrics.MetricEngine(db).Compute(Kaohe.Data.Time.Period.Parse("2026-03"), ["site_deliveries"]);
        var own = march.Single(r => r.ScopeKind == ScopeKind.Staff && r.ScopeId == staff);
        Assert.Equal((2m, (decimal?)4m, (decimal?)0.5m), (own.Numerator, own.Denominator, own.Value));
        // The unit's subtree counts them too (its own plan is none: no rate).
        var unit = march.Single(r => r.ScopeKind == ScopeKind.Unit && r.ScopeId == UnitId("AC1"));
        Assert.Equal(2m, unit.Numerator);
        Assert.DoesNotContain(march, r => r.ScopeKind == ScopeKind.Staff && r.ScopeId == StaffId("G01")); // brought nobody, no plan: no row
    }

    [Fact]
    public void The_demo_sales_office_has_a_month_with_a_referral_two_deals_a_fine_and_an_open_conflict()
    {
        Kaohe.Data.Demo.DemoCompany.Create(Database, new Kaohe.Data.Demo.DemoOptions { LastMonth = 202610, Months = 2, Customers = 200, Managers = 8 });
        int unit;
        int manager;
        using (var db = Db())
        {
            unit = db.Units.Single(u => u.Code == Kaohe.Data.Demo.DemoCompany.SalesOfficeCode).Id;
            manager = db.Staff.Single(s => s.UnitId == unit && s.Role == Kaohe.Data.Demo.DemoCompany.SalesManagerRole).Id;
        }
        using var ctx = Db();
        var v = new AttributionService(ctx).View(new Actor(3, "boss", "韩建国", AccountRole.Rater, null, manager), unit, "2026-10");
        Assert.Empty(v.Problems);
        Assert.True(v.CanDecide);
        Assert.Equal(12, v.Register.Count);
        Assert.Equal(2, v.Register.Count(r => r.BroughtBy is not null));
        Assert.Equal("周晓明", v.Customers.Single(c => c.Customer == "王建军").Owner);
        Assert.Equal("郑浩", v.Customers.Single(c => c.Customer == "刘志强").Owner);
        var assisted = v.Deals.Single(d => d.Code == "XH-001");
        Assert.Equal([("郑浩", 9600m), ("钱峰", 2400m)], assisted.CommissionParts.Select(p => (p.Consultant, p.Amount!.Value)).ToList());
        Assert.Equal("郑浩", assisted.PerformanceTo);
        Assert.Equal([("周晓明", 8000m)], v.Deals.Single(d => d.Code == "XH-002").CommissionParts.Select(p => (p.Consultant, p.Amount!.Value)).ToList());
        Assert.Equal("李秀英", Assert.Single(v.Conflicts).Customer);
        Assert.Equal(-200m, v.Consultants.Single(c => c.Consultant == "孙丽").Net);
        Assert.Equal(5, v.Rota.Count);
    }

    void IDisposable.Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Dispose();
    }
}

public sealed class SqliteAttributionDataTests() : AttributionDataTests(DatabaseProvider.Sqlite);

public sealed class PostgresAttributionDataTests() : AttributionDataTests(DatabaseProvider.PostgreSql);

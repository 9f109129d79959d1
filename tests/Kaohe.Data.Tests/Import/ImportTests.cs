using System.Text;
using Kaohe.Data.Import;
using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kaohe.Data.Tests.Import;

/// <summary>Imports on both providers: the example files, errors of every kind, idempotency, all-or-nothing.</summary>
public abstract class ImportTests(DatabaseProvider provider) : DatabaseTests(provider), IDisposable
{
    private static readonly string Examples = Path.Combine(FindRoot(), "examples", "import");
    private readonly string _dir = Directory.CreateTempSubdirectory("kaohe-import-").FullName;

    private static readonly string[] Order =
    [
        "units", "staff", "customers", "customer-events", "complaints", "visits", "sales", "collections", "targets", "touchpoints",
        "surveys", "tasks", "calls", "expenses", "actuals",
    ];

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kaohe.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }

    private ImportReport Import(string kind, string path) => Importer.Run(Database, kind, path);

    private string Csv(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private void ImportExamples()
    {
        foreach (var kind in Order)
        {
            var report = Import(kind, Path.Combine(Examples, kind + ".csv"));
            Assert.True(report.Succeeded, kind + ": " + string.Join("\n", report.Errors));
        }
    }

    private string Snapshot()
    {
        using var db = Db();
        return string.Join("|",
            db.Units.Count(), db.Staff.Count(), db.Customers.Count(), db.CustomerEvents.Count(), db.Complaints.Count(),
            db.Visits.Count(), db.Sales.Count(), db.Collections.Count(), db.Targets.Count(), db.TouchpointChecks.Count(), db.Surveys.Count(),
            db.ServiceTasks.Count(), db.Calls.Count(), db.Expenses.Count(), db.IndicatorActuals.Count(),
            string.Join(",", db.Customers.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Code + ":" + c.OwnerStaffId + ":" + c.LostOn)),
            string.Join(",", db.Sales.AsNoTracking().OrderBy(s => s.Code).Select(s => s.Code + ":" + s.AmountFen)));
    }

    [Fact]
    public void The_example_files_import_with_derived_fields_and_a_second_import_changes_nothing()
    {
        ImportExamples();
        using (var db = Db())
        {
            Assert.Equal(5, db.Units.Count());
            Assert.Equal(11, db.UnitClosure.Count()); // HQ 5 + XSB 3 + HZ 1 + NB 1 + KFB 1
            var c2 = db.Customers.Single(c => c.Code == "C0002");
            var e3 = db.Staff.Single(s => s.EmployeeNo == "E0003");
            Assert.Equal(e3.Id, c2.OwnerStaffId); // transferred
            Assert.Equal(new DateOnly(2026, 9, 20), db.Customers.Single(c => c.Code == "C0003").LostOn);
            Assert.Equal(new DateOnly(2026, 1, 12), db.Customers.Single(c => c.Code == "C0004").AcquiredOn); // full-width digits
            var transfer = db.CustomerEvents.Single(e => e.Kind == CustomerEventKind.Transferred);
            Assert.Equal(db.Units.Single(u => u.Code == "HZ").Id, transfer.FromUnitId);
            Assert.Equal(202610, transfer.Month);
            var k1 = db.Complaints.Single(c => c.Code == "TS0001");
            Assert.Equal((1440L, 202610, (int?)202610), (k1.ResolutionMinutes!.Value, k1.Month, k1.ResolvedMonth));
            Assert.Null(db.Complaints.Single(c => c.Code == "TS0003").Satisfied);
            Assert.Equal(120_000_00L, db.Sales.Single(s => s.Code == "XS0002").AmountFen); // 12万
            Assert.Equal(50_000_00L, db.Sales.Single(s => s.Code == "XS0001").AmountFen);
            Assert.True(db.Visits.Single(v => v.Code == "BF0002").IsFollowUp);
            Assert.False(db.Visits.Single(v => v.Code == "BF0003").Planned);
            // The record kinds written set-based: every column type arrives as the file says.
            var hk2 = db.Collections.Single(c => c.Code == "HK0002");
            Assert.Equal((5_000_000L, new DateOnly(2026, 10, 28), 202610, (DateOnly?)null, "XS0002"), (hk2.AmountFen, hk2.Date, hk2.Month, hk2.DueOn, hk2.SaleCode));
            Assert.Equal(db.Units.Single(u => u.Code == "HZ").Id, db.Collections.Single(c => c.Code == "HK0001").UnitId); // from the staff member
            var q3 = db.TouchpointChecks.Single(t => t.Quarter == "2026-Q3" && t.UnitId == db.Units.Single(u => u.Code == "NB").Id);
            Assert.Equal((202607, 20, 20, (DateOnly?)null), (q3.Month, q3.ItemsApplicable, q3.ItemsPassed, q3.SubmittedOn));
            Assert.Equal(88_0000L, db.Surveys.Single(x => x.Code == "WJ0002").Score); // full-width digits
            Assert.Equal(92_5000L, db.Surveys.Single(x => x.Code == "WJ0001").Score);
            var sx3 = db.ServiceTasks.Single(t => t.Code == "SX0003");
            Assert.Equal((120_0000L, 96_5000L, true), (sx3.Planned, sx3.Completed, sx3.WithinStandard));
            var sx2 = db.ServiceTasks.Single(t => t.Code == "SX0002");
            Assert.Equal((10000L, 10000L, false), (sx2.Planned, sx2.Completed, sx2.WithinStandard)); // done late
            var sx4 = db.ServiceTasks.Single(t => t.Code == "SX0004");
            Assert.Equal((0L, (DateOnly?)null), (sx4.Completed, sx4.DoneOn));
            var hj2 = db.Calls.Single(c => c.Code == "HJ0002");
            Assert.Equal((new DateTime(2026, 10, 5, 10, 20, 30), true, true), (hj2.At, hj2.Connected, hj2.Transferred));
            var hj3 = db.Calls.Single(c => c.Code == "HJ0003");
            Assert.Equal((new DateTime(2026, 10, 6, 9, 5, 0), false, 202610), (hj3.At, hj3.Connected, hj3.Month));
            Assert.Equal(3_200_50L, db.Expenses.Single(e => e.Code == "FY0001").AmountFen);
            Assert.Equal(12_000_00L, db.Expenses.Single(e => e.Code == "FY0002").AmountFen);
            Assert.Equal(98_5000L, db.IndicatorActuals.Single(a => a.ScopeKey == "U:HZ" && a.Metric == "产品合格率").Value);
            Assert.Equal(35_0000L, db.IndicatorActuals.Single(a => a.ScopeKey == "S:E0002").Value);
            var q4 = db.Targets.Single(t => t.Period == "2026-Q4");
            Assert.Equal((202610, 202612, 1_200_000_0000L), (q4.FirstMonth, q4.LastMonth, q4.Value));
            Assert.Equal(Order.Length, db.ImportRuns.Count());
        }
        var before = Snapshot();
        foreach (var kind in Order)
        {
            var again = Import(kind, Path.Combine(Examples, kind + ".csv"));
            Assert.True(again.Succeeded, string.Join("\n", again.Errors));
            Assert.Equal((0, 0, again.Rows), (again.Inserted, again.Updated, again.Unchanged));
        }
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Every_bad_row_is_reported_with_row_column_value_and_reason_and_nothing_is_written()
    {
        ImportExamples();
        var before = Snapshot();
        var path = Csv("sales.csv", """
            订单编号,客户编号,工号,日期,金额
            XS0100,C0001,E0002,2026-10-09,100
            XS0101,C9999,E0002,2026-10-09,100
            XS0102,C0001,E9999,2026-10-09,100
            XS0103,C0001,E0002,2026-13-09,100
            XS0104,C0001,E0002,2026-10-09,12.345
            XS0105,C0001,E0002,2026-10-09,
            XS0100,C0001,E0002,2026-10-10,100
            XS0106,C0001,E0002,2026-10-09,85%
            XS0107,C0001,E0002,２０２６-１０-０９,１００
            """);
        var report = Import("sales", path);
        Assert.False(report.Succeeded);
        var lines = report.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith("第 5 行，列“日期”，值“2026-13-09”：不是有效日期", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("第 6 行，列“金额”，值“12.345”：金额最多两位小数", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("第 7 行，列“金额”：必填", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("第 9 行，列“金额”，值“85%”", StringComparison.Ordinal));
        // Type errors stop the run before references are looked up; fix them and the references are checked.
        var second = Import("sales", Csv("sales2.csv", """
            订单编号,客户编号,工号,日期,金额
            XS0100,C0001,E0002,2026-10-09,100
            XS0101,C9999,E0002,2026-10-09,100
            XS0102,C0001,E9999,2026-10-09,100
            XS0100,C0001,E0002,2026-10-10,100
            """));
        var l2 = second.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("第 5 行，值“XS0100”：与第 2 行重复（同一条记录出现两次）", l2);
        var third = Import("sales", Csv("sales3.csv", """
            订单编号,客户编号,工号,日期,金额
            XS0100,C0001,E0002,2026-10-09,100
            XS0101,C9999,E0002,2026-10-09,100
            XS0102,C0001,E9999,2026-10-09,100
            XS0107,C0001,E0002,２０２６-１０-０９,１００
            """));
        var l3 = third.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("第 3 行，列“客户编号”，值“C9999”：未知的客户编号（请先导入客户）", l3);
        Assert.Contains("第 4 行，列“工号”，值“E9999”：未知的工号（请先导入员工）", l3);
        Assert.Equal(2, l3.Count);
        Assert.Equal(before, Snapshot());
    }

    /// <summary>One broken file per record kind, each breaking a rule of that kind: the error names row and column, nothing is written.</summary>
    [Theory]
    [InlineData("units", "单位编码,单位名称,类型,上级编码\nX1,某处,办事处,XSB\nX2,某处,办事处,NOPE\n", 3, "上级编码", "未知的上级单位编码")]
    [InlineData("staff", "工号,姓名,单位编码,岗位,上级工号,入职日期\nE0100,某人,HZ,客户经理,,2020-01-01\nE0101,某人,NOPE,客户经理,,2020-01-01\n", 3, "单位编码", "未知的单位编码")]
    [InlineData("customers", "客户编号,客户名称,客户类别,客户经理工号,开发日期\nC0100,某公司,A,E0002,2026-01-01\nC0101,某公司,A,E9999,2026-01-01\n", 3, "客户经理工号", "未知的工号")]
    [InlineData("customer-events", "客户编号,事件,日期,工号,原因\nC0001,流失,2026-10-20,,\nC0001,流失,2026-10-25,,\n", 3, "事件", "已是流失状态")]
    [InlineData("complaints", "投诉编号,客户编号,处理人工号,受理时间,解决时间\nTS0100,C0001,E0002,2026-10-05 09:00,2026-10-06 09:00\nTS0101,C0001,E0002,2026-10-05 09:00,2026-10-04 09:00\n", 3, "解决时间", "早于受理时间")]
    [InlineData("visits", "记录编号,客户编号,工号,类型,计划日期,完成日期,是否成功\nBF0100,C0001,E0002,回访,2026-10-10,,\nBF0101,C0001,E0002,回访,,,\n", 3, "计划日期", "至少写一个")]
    [InlineData("sales", "订单编号,客户编号,工号,日期,金额\nXS0100,C0001,E0002,2026-10-09,100\nXS0101,C0001,E0002,2026-10-09,-0.001\n", 3, "金额", "两位小数")]
    [InlineData("collections", "回款编号,客户编号,订单编号,工号,日期,金额,应收日期\nHK0100,C0001,,,2026-10-20,100,\nHK0101,C9999,,,2026-10-20,100,\n", 3, "客户编号", "未知的客户编号")]
    [InlineData("targets", "单位编码,工号,期间,指标,目标值\nHZ,,2026-11,销售额,100\nHZ,E0002,2026-11,销售额,100\n", 3, "单位编码", "写且只写一个")]
    [InlineData("touchpoints", "单位编码,季度,检查项数,合格项数,自查提交日期\nHZ,2026-Q4,10,9,\nNB,2026-Q4,10,12,\n", 3, "合格项数", "大于检查项数")]
    [InlineData("surveys", "问卷编号,类型,客户编号,单位编码,工号,答卷人,日期,评分\nWJ0100,客户满意度,C0001,,,,2026-10-15,90\nWJ0101,员工满意度,C0001,,,,2026-10-15,90\n", 3, "类型", "客户满意度")]
    [InlineData("tasks", "事项编号,类型,单位编码,工号,客户编号,到期日期,完成日期,是否及时,计划量,完成量\nSX0100,意见反馈,KFB,,,2026-10-12,,,,\nSX0101,其他,KFB,,,2026-10-12,,,,\n", 3, "类型", "意见反馈")]
    [InlineData("calls", "呼叫编号,单位编码,工号,时间,方向,是否接通,是否转接,是否放弃\nHJ0100,,E0004,2026-10-05 10:15,呼入,是,是,\nHJ0101,,E0004,2026-10-05 10:15,呼入,否,是,\n", 3, "是否转接", "未接通的电话不能转接")]
    [InlineData("expenses", "费用编号,单位编码,类别,日期,金额\nFY0100,KFB,服务费用,2026-10-18,100\nFY0101,KFB,差旅费,2026-10-18,100\n", 3, "类别", "服务费用")]
    [InlineData("actuals", "单位编码,工号,月份,指标,数值\nHZ,,2026-11,出账收入,100\nHZ,,2026-11,产品合格率,0.985\n", 3, "数值", "百分数")]
    public void A_broken_file_of_every_kind_is_refused_with_the_row_and_column(string kind, string content, int row, string? column, string reason)
    {
        ImportExamples();
        var before = Snapshot();
        var report = Import(kind, Csv(kind + "-bad.csv", content));
        Assert.False(report.Succeeded);
        var error = Assert.Single(report.Errors);
        Assert.True((row, column) == (error.Row, error.Column), error.ToString());
        Assert.Contains(reason, error.Reason);
        Assert.Equal(before, Snapshot()); // the good row before it was not written either
    }

    [Fact]
    public void Unknown_and_missing_columns_and_bad_words_are_reported()
    {
        ImportExamples();
        var header = Import("customers", Csv("c.csv", "客户编号,名称,客户类别,开发日期\nC1,某公司,A,2026-01-01\n"));
        Assert.Contains(header.Errors, e => e.Column == "客户名称" && e.Reason.StartsWith("缺少必需的列", StringComparison.Ordinal));
        Assert.Contains(header.Errors, e => e.Column == "名称" && e.Reason.StartsWith("未知的列", StringComparison.Ordinal));
        var kind = Import("units", Csv("u.csv", "单位编码,单位名称,类型,上级编码\nX1,某处,分公司,HQ\n"));
        Assert.Contains(kind.Errors, e => e.Row == 2 && e.Column == "类型" && e.Value == "分公司");
        var flag = Import("complaints", Csv("k.csv", "投诉编号,客户编号,受理时间,解决时间,客户是否满意\nTS9,C0001,2026-10-02 09:00,2026-10-03 09:00,也许\n"));
        Assert.Contains(flag.Errors, e => e.Row == 2 && e.Column == "客户是否满意" && e.Value == "也许");
        var rate = Import("actuals", Csv("a.csv", "单位编码,月份,指标,数值\nHZ,2026-10,产品合格率,0.985\n"));
        Assert.Contains(rate.Errors, e => e.Row == 2 && e.Column == "数值" && e.Reason.Contains("百分数"));
    }

    [Fact]
    public void Customer_event_sequences_are_checked()
    {
        ImportExamples();
        var report = Import("customer-events", Csv("e.csv", """
            客户编号,事件,日期,工号,原因
            C0003,流失,2026-10-25,,再次流失
            C0001,挽回,2026-10-25,,
            C0004,流失,2025-12-01,,
            C0001,开发,2026-10-25,,
            """));
        Assert.False(report.Succeeded);
        var byRow = report.Errors.ToDictionary(e => e.Row);
        Assert.Contains("已是流失状态", byRow[2].Reason);
        Assert.Contains("不是流失状态", byRow[3].Reason);
        Assert.Contains("早于客户的开发日期", byRow[4].Reason);
        Assert.Contains("由客户导入", byRow[5].Reason);
    }

    [Fact]
    public void A_closed_month_refuses_new_and_changed_records_but_accepts_the_same_file_again()
    {
        ImportExamples();
        using (var db = Db())
        {
            var store = new MetricStore(db);
            store.Close(Period.Parse("2026-09"), "t", DateTime.UtcNow);
            store.Close(Period.Parse("2026-10"), "t", DateTime.UtcNow);
        }
        var same = Import("sales", Path.Combine(Examples, "sales.csv"));
        Assert.True(same.Succeeded, string.Join("\n", same.Errors));
        Assert.Equal(2, same.Unchanged);

        var changed = Import("sales", Csv("s.csv", "订单编号,客户编号,工号,日期,金额\nXS0001,C0001,E0002,2026-10-09,50001\nXS0200,C0001,E0002,2026-10-30,10\nXS0201,C0001,E0002,2026-11-02,10\n"));
        Assert.False(changed.Succeeded);
        Assert.Equal([2, 3], changed.Errors.Select(e => e.Row).Order());
        Assert.All(changed.Errors, e => Assert.Contains("已结账期间 2026-10", e.Reason));
        using var check = Db();
        Assert.Equal(2, check.Sales.Count());
    }

    [Fact]
    public void A_changed_row_updates_its_record_in_place_and_only_changed_rows_count_as_updated()
    {
        ImportExamples();
        long id;
        using (var db = Db()) id = db.Visits.Single(v => v.Code == "BF0002").Id;
        // BF0002 is now done (NULL → a date, NULL → true); BF0001 unchanged; BF0004 new; BF0003 moves to another manager.
        var report = Import("visits", Csv("v.csv", """
            记录编号,客户编号,工号,类型,计划日期,完成日期,是否成功
            BF0001,C0001,E0002,回访,2026-10-10,2026-10-11,是
            BF0002,C0002,E0002,电话回访,2026-10-12,2026-10-13,是
            BF0003,C0004,E0002,拜访,,2026-10-15,是
            BF0004,C0001,E0002,拜访,2026-11-02,,
            """));
        Assert.True(report.Succeeded, string.Join("\n", report.Errors));
        Assert.Equal((4, 1, 2, 1), (report.Rows, report.Inserted, report.Updated, report.Unchanged));
        using (var db = Db())
        {
            var bf2 = db.Visits.Single(v => v.Code == "BF0002");
            Assert.Equal((id, (DateOnly?)new DateOnly(2026, 10, 13), (bool?)true), (bf2.Id, bf2.DoneOn, bf2.Success));
            var bf3 = db.Visits.Single(v => v.Code == "BF0003");
            var e2 = db.Staff.Single(s => s.EmployeeNo == "E0002");
            Assert.Equal((e2.Id, e2.UnitId), (bf3.StaffId, bf3.UnitId));
            Assert.Equal(202611, db.Visits.Single(v => v.Code == "BF0004").Month);
            Assert.Equal(4, db.Visits.Count());
        }
        // A value back to empty is a change too (value → NULL).
        var back = Import("visits", Csv("v2.csv", "记录编号,客户编号,工号,类型,计划日期,完成日期,是否成功\nBF0002,C0002,E0002,电话回访,2026-10-12,,\n"));
        Assert.Equal((0, 1, 0), (back.Inserted, back.Updated, back.Unchanged));
        using (var db = Db()) Assert.Null(db.Visits.Single(v => v.Code == "BF0002").DoneOn);
    }

    [Fact]
    public void A_record_cannot_be_moved_into_or_out_of_a_closed_month()
    {
        ImportExamples();
        using (var db = Db())
        {
            var store = new MetricStore(db);
            store.Close(Period.Parse("2026-09"), "t", DateTime.UtcNow);
        }
        // HJ0001 (October, open) moved into September (closed); a new call in September; HJ0002 changed in October: fine alone.
        var bad = Import("calls", Csv("c.csv", """
            呼叫编号,单位编码,工号,时间,方向,是否接通,是否转接,是否放弃
            HJ0001,,E0004,2026-09-30 10:15,呼入,是,否,
            HJ0009,,E0004,2026-09-02 08:00,呼出,是,否,
            HJ0002,,E0004,2026-10-05 10:20:30,呼入,是,否,
            """));
        Assert.False(bad.Succeeded);
        Assert.Equal([2, 3], bad.Errors.Select(e => e.Row));
        Assert.All(bad.Errors, e => Assert.Contains("已结账期间 2026-09", e.Reason));
        Assert.Equal(["HJ0001", "HJ0009"], bad.Errors.Select(e => e.Value));
        using (var db = Db())
        {
            Assert.Equal(new DateTime(2026, 10, 5, 10, 15, 0), db.Calls.Single(c => c.Code == "HJ0001").At);
            Assert.True(db.Calls.Single(c => c.Code == "HJ0002").Transferred); // nothing of the file was applied
            Assert.Equal(4, db.Calls.Count());
        }
        // Once October is closed too, a September record cannot be moved out either.
        var ok = Import("calls", Csv("c2.csv", "呼叫编号,单位编码,工号,时间,方向,是否接通,是否转接,是否放弃\nHJ0009,,E0004,2026-10-02 08:00,呼出,是,否,\n"));
        Assert.True(ok.Succeeded, string.Join("\n", ok.Errors));
        using (var db = Db()) new MetricStore(db).Reopen(Period.Parse("2026-09"), "t", DateTime.UtcNow, "更正");
        var moveBack = Import("calls", Csv("c3.csv", "呼叫编号,单位编码,工号,时间,方向,是否接通,是否转接,是否放弃\nHJ0009,,E0004,2026-09-02 08:00,呼出,是,否,\n"));
        Assert.True(moveBack.Succeeded, string.Join("\n", moveBack.Errors));
        using (var db = Db())
        {
            var store = new MetricStore(db);
            store.Close(Period.Parse("2026-09"), "t", DateTime.UtcNow);
            store.Close(Period.Parse("2026-10"), "t", DateTime.UtcNow);
        }
        var moveOut = Import("calls", Csv("c4.csv", "呼叫编号,单位编码,工号,时间,方向,是否接通,是否转接,是否放弃\nHJ0009,,E0004,2026-11-02 08:00,呼出,是,否,\n"));
        Assert.False(moveOut.Succeeded);
        Assert.Contains("已结账期间 2026-09", Assert.Single(moveOut.Errors).Reason);
    }

    [Fact]
    public void An_xlsx_file_imports_like_the_csv()
    {
        ImportExamples();
        var path = Path.Combine(_dir, "visits.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object> { ["记录编号"] = "BF0100", ["客户编号"] = "C0001", ["工号"] = "E0002", ["类型"] = "回访", ["计划日期"] = new DateTime(2026, 11, 3), ["完成日期"] = new DateTime(2026, 11, 4), ["是否成功"] = "是" },
            new Dictionary<string, object> { ["记录编号"] = "BF0101", ["客户编号"] = "C0004", ["工号"] = "E0003", ["类型"] = "拜访", ["计划日期"] = "", ["完成日期"] = new DateTime(2026, 11, 5), ["是否成功"] = "否" },
        });
        var report = Import("visits", path);
        Assert.True(report.Succeeded, string.Join("\n", report.Errors));
        Assert.Equal(2, report.Inserted);
        using var db = Db();
        var v = db.Visits.Single(x => x.Code == "BF0100");
        Assert.Equal((new DateOnly(2026, 11, 4), 202611, true), (v.DoneOn!.Value, v.Month, v.Success!.Value));
    }

    void IDisposable.Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Dispose();
    }
}

public sealed class SqliteImportTests() : ImportTests(DatabaseProvider.Sqlite);

public sealed class PostgresImportTests() : ImportTests(DatabaseProvider.PostgreSql);

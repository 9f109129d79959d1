using Kaohe.Data.Model;
using Kaohe.Data.Time;

namespace Kaohe.Data.Tests.Metrics;

/// <summary>
/// A small company whose metrics are computed by hand in the tests:
/// 公司 HQ → 客户部 D1 → 办事处 O1 (客户经理 S1), O2 (S2).
/// September 2026: O1 acquires C1–C6, O2 C7–C10. October: C1 (O1) and C7 (O2, 大客户) are lost, O1 acquires
/// C11, C2 moves from O1/S1 to O2/S2.
/// </summary>
internal static class MetricFixture
{
    public sealed record Ids(int Hq, int D1, int O1, int O2, int S1, int S2);

    private static DateOnly D(int m, int d) => new(2026, m, d);

    public static Ids Seed(KaoheDb db)
    {
        var hq = new OrgUnit { Code = "HQ", Name = "公司", Kind = UnitKind.Company };
        var d1 = new OrgUnit { Code = "D1", Name = "客户部", Kind = UnitKind.Department, Parent = hq };
        var o1 = new OrgUnit { Code = "O1", Name = "杭州办事处", Kind = UnitKind.Office, Parent = d1 };
        var o2 = new OrgUnit { Code = "O2", Name = "宁波办事处", Kind = UnitKind.Office, Parent = d1 };
        db.Units.AddRange(hq, d1, o1, o2);
        db.SaveChanges();
        UnitTree.RebuildClosure(db);
        var s1 = new Staff { EmployeeNo = "S1", Name = "张三", UnitId = o1.Id, Role = "客户经理" };
        var s2 = new Staff { EmployeeNo = "S2", Name = "李四", UnitId = o2.Id, Role = "客户经理" };
        db.Staff.AddRange(s1, s2);
        db.SaveChanges();

        var customers = new List<Customer>();
        for (var i = 1; i <= 11; i++)
        {
            var inO1 = i <= 6 || i == 11;
            customers.Add(new Customer
            {
                Code = $"C{i}", Name = $"客户{i}", Class = i is 3 or 7 or 8 ? "大客户" : "A",
                OwnerUnitId = inO1 ? o1.Id : o2.Id, OwnerStaffId = inO1 ? s1.Id : s2.Id,
                AcquiredOn = i == 11 ? D(10, 12) : D(9, i),
            });
        }
        db.Customers.AddRange(customers);
        db.SaveChanges();
        foreach (var c in customers)
            db.CustomerEvents.Add(new CustomerEvent
            {
                CustomerId = c.Id, Kind = CustomerEventKind.Acquired, OccurredOn = c.AcquiredOn,
                Month = Period.MonthKey(c.AcquiredOn), UnitId = c.OwnerUnitId, StaffId = c.OwnerStaffId,
            });
        var byCode = customers.ToDictionary(c => c.Code);
        db.CustomerEvents.AddRange(
            new CustomerEvent { CustomerId = byCode["C1"].Id, Kind = CustomerEventKind.Lost, OccurredOn = D(10, 8), Month = 202610, UnitId = o1.Id, StaffId = s1.Id },
            new CustomerEvent { CustomerId = byCode["C7"].Id, Kind = CustomerEventKind.Lost, OccurredOn = D(10, 9), Month = 202610, UnitId = o2.Id, StaffId = s2.Id },
            new CustomerEvent
            {
                CustomerId = byCode["C2"].Id, Kind = CustomerEventKind.Transferred, OccurredOn = D(10, 20), Month = 202610,
                UnitId = o2.Id, StaffId = s2.Id, FromUnitId = o1.Id, FromStaffId = s1.Id,
            });

        DateTime T(int m, int d, int h) => new(2026, m, d, h, 0, 0, DateTimeKind.Utc);
        Complaint K(string code, OrgUnit u, Staff s, DateTime received, DateTime? resolved, bool? satisfied) => new()
        {
            Code = code, UnitId = u.Id, HandlerStaffId = s.Id, ReceivedAt = received, Month = Period.MonthKey(received),
            ResolvedAt = resolved, ResolvedMonth = resolved is { } r ? Period.MonthKey(r) : null,
            ResolutionMinutes = resolved is { } x ? (long)(x - received).TotalMinutes : null, Satisfied = satisfied,
        };
        db.Complaints.AddRange(
            K("K1", o1, s1, T(10, 2, 9), T(10, 3, 9), true),      // 24 h
            K("K2", o1, s1, T(10, 5, 9), T(10, 5, 11), false),    // 2 h
            K("K3", o2, s2, T(10, 20, 9), null, null),            // open at month end
            K("K4", o2, s2, T(9, 28, 9), T(10, 1, 9), true));     // received in September, 72 h

        Visit V(string code, OrgUnit u, Staff s, string customer, bool planned, DateOnly? done) => new()
        {
            Code = code, CustomerId = byCode[customer].Id, UnitId = u.Id, StaffId = s.Id, Kind = "回访", IsFollowUp = true,
            Planned = planned, PlannedOn = planned ? D(10, 10) : null, DoneOn = done, Month = 202610,
        };
        db.Visits.AddRange(
            V("V1", o1, s1, "C3", planned: true, done: D(10, 11)),
            V("V2", o1, s1, "C4", planned: true, done: null),
            V("V3", o2, s2, "C8", planned: false, done: D(10, 15)),
            V("V4", o1, s1, "C3", planned: true, done: null)); // C3 planned twice: still one customer (KF-03)
        // Unplanned follow-ups of C4 by S1 with their attempt (首访 / 再访) and outcome: 2 of 3 first calls succeed, the one second call fails.
        Visit Call(string code, int attempt, bool? success, bool done = true)
        {
            var v = V(code, o1, s1, "C4", planned: false, done: done ? D(10, 20) : null);
            v.Attempt = attempt;
            v.Success = success;
            return v;
        }
        db.Visits.AddRange(Call("V5", 1, true), Call("V6", 1, false), Call("V7", 1, true), Call("V8", 2, false),
            Call("V9", 3, null, done: false)); // not done: counts nowhere

        ServiceTask Task(string code, string kind, OrgUnit u, bool within, long planned = 1, long completed = 1) => new()
        {
            Code = code, Kind = kind, UnitId = u.Id, DueOn = D(10, 15), Month = 202610, DoneOn = D(10, 14),
            WithinStandard = within, Planned = planned, Completed = completed,
        };
        db.ServiceTasks.AddRange(
            Task("T1", "意见反馈", o1, true), Task("T2", "意见反馈", o1, false), Task("T3", "意见反馈", o2, true),
            Task("T4", "业务量", o2, true, planned: 100_0000, completed: 90_0000));

        var scores = new[] { 4, 5, 3, 5 };
        for (var i = 0; i < scores.Length; i++)
            db.Surveys.Add(new Survey { Code = $"Q{i}", Kind = "客户满意度", UnitId = o1.Id, Date = D(10, 20), Month = 202610, Score = scores[i] * 10000L });

        db.Calls.AddRange(
            new Call { Code = "L1", UnitId = o1.Id, At = T(10, 1, 9), Month = 202610, Inbound = true, Connected = true },
            new Call { Code = "L2", UnitId = o1.Id, At = T(10, 1, 10), Month = 202610, Inbound = true, Connected = true, Transferred = true },
            new Call { Code = "L3", UnitId = o1.Id, At = T(10, 1, 11), Month = 202610, Inbound = false, Connected = true },
            new Call { Code = "L4", UnitId = o1.Id, At = T(10, 1, 12), Month = 202610, Inbound = true, Abandoned = true });

        db.Expenses.Add(new Expense { Code = "X1", UnitId = o1.Id, Category = "服务费用", Date = D(10, 3), Month = 202610, AmountFen = 96_000_00 });
        db.Sales.Add(new Sale { Code = "SO1", CustomerId = byCode["C3"].Id, UnitId = o1.Id, StaffId = s1.Id, Date = D(10, 9), Month = 202610, AmountFen = 50_000_00 });
        Target Goal(string scope, int? unit, int? staff, string metric, long value) => new()
        {
            ScopeKey = scope, UnitId = unit, StaffId = staff, Period = "2026-10", FirstMonth = 202610, LastMonth = 202610,
            Metric = metric, Value = value * 10000,
        };
        db.Targets.AddRange(
            Goal("U:O1", o1.Id, null, "服务费用预算", 100_000),
            Goal("S:S1", null, s1.Id, "销售额", 40_000),
            Goal("U:O2", o2.Id, null, "4G目标用户数", 100));

        IndicatorActual A(OrgUnit u, int month, string metric, decimal value) => new()
        {
            ScopeKey = "U:" + u.Code, UnitId = u.Id, Month = month, Metric = metric, Value = (long)(value * 10000),
        };
        db.IndicatorActuals.AddRange(
            A(o2, 202609, "出账收入", 100), A(o2, 202610, "出账收入", 100),
            A(o2, 202609, "回收金额", 80), A(o2, 202610, "回收金额", 100),
            A(o1, 202609, "产品合格率", 97.5m), A(o1, 202610, "产品合格率", 98.25m),
            A(o2, 202610, "4G换卡用户数", 30), A(o1, 202610, "条均价增长额", 12.5m), A(o1, 202610, "卷烟销售成长率", -3.5m));
        db.SaveChanges();
        return new Ids(hq.Id, d1.Id, o1.Id, o2.Id, s1.Id, s2.Id);
    }
}

using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Demo;

/// <summary>Size and seed of the demo company.</summary>
public sealed record DemoOptions
{
    /// <summary>The last month of history (yyyymm), normally the last full month before today.</summary>
    public required int LastMonth { get; init; }
    /// <summary>Months of history.</summary>
    public int Months { get; init; } = 24;
    /// <summary>Seed of the generator: the same seed gives the same company.</summary>
    public int Seed { get; init; } = 20261;
    /// <summary>Customers in all.</summary>
    public int Customers { get; init; } = 20_000;
    /// <summary>Customer managers (客户经理) in all.</summary>
    public int Managers { get; init; } = 60;
}

/// <summary>What <see cref="DemoCompany.Create"/> built.</summary>
public sealed record DemoSummary(int Units, int Offices, int Staff, int Managers, int Customers, int Events, int Complaints,
    int Visits, int Sales, int Collections, int Other, int FirstMonth, int LastMonth);

/// <summary>
/// A deterministic, realistic demo company (issue 3): 公司 → 4 departments → 8 offices, 60 customer managers,
/// 20,000 customers and 24 months of history with seasonality (more acquisitions in spring and autumn, churn after
/// the Spring Festival), churn that differs between offices, complaints, visits and follow-ups, sales and
/// collections, targets, surveys, service tasks, calls, expenses and reported actuals. It also has the posts and
/// teams every built-in template appraises (issue 14, <see cref="DemoTemplates"/>, DemoCompany.Posts.cs).
/// </summary>
public static partial class DemoCompany
{
    /// <summary>The last full calendar month before <paramref name="today"/> (yyyymm): 2026-11-23 → 202610.</summary>
    public static int LastFullMonthBefore(DateOnly today) => Period.MonthKey(today.AddMonths(-1));

    private static readonly (string Code, string Name, string[] Offices)[] Departments =
    [
        ("KHB", "客户部", []),
        ("SCB", "市场部", ["HZ:杭州办事处", "NB:宁波办事处", "WZ:温州办事处"]),
        ("XSB", "销售部", ["SX:绍兴办事处", "JX:嘉兴办事处", "HUZ:湖州办事处", "JH:金华办事处", "TZ:台州办事处"]),
        ("KFB", "客服部", []),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "志强", "建华", "晓东", "海燕", "文博", "雨欣"];
    private static readonly string[] CompanyWords = ["华信", "恒达", "宏远", "金盛", "东方", "瑞丰", "天成", "鑫源", "海纳", "新世纪", "同创", "永安", "嘉禾", "博远", "中联"];
    private static readonly string[] CompanyKinds = ["贸易有限公司", "科技有限公司", "实业有限公司", "建材商行", "食品有限公司", "物流有限公司", "电器经营部", "服装有限公司"];

    /// <summary>Closes every month of the demo's history in order, freezing its metrics (the demo is all history).</summary>
    public static void CloseAll(KaoheDatabase database, DemoSummary summary, string closedBy)
    {
        using var db = database.CreateContext();
        var store = new Metrics.MetricStore(db);
        for (var p = Time.Period.FromMonthKey(summary.FirstMonth); p.FirstMonth <= summary.LastMonth; p = p.Next())
            store.Close(p, closedBy, DateTime.UtcNow);
    }

    /// <summary>Fills an empty, migrated database; refuses a database that already holds units or customers.</summary>
    public static DemoSummary Create(KaoheDatabase database, DemoOptions options, IProgress<string>? progress = null)
    {
        using var db = database.CreateContext();
        if (db.Units.Any() || db.Customers.Any())
            throw new InvalidOperationException($"数据库（{database.Describe()}）中已有组织或客户数据，演示数据只能建在空库中");
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var rng = new Random(options.Seed);
        var last = Period.FromMonthKey(options.LastMonth);
        var first = last;
        for (var i = 1; i < options.Months; i++) first = first.Previous();
        using var tx = db.Database.BeginTransaction();

        // ---------------------------------------------------------------- org and staff
        progress?.Report("组织与员工");
        var company = new OrgUnit { Code = "HQ", Name = "浙江演示商贸有限公司", Kind = UnitKind.Company };
        db.Units.Add(company);
        db.SaveChanges();
        var offices = new List<OrgUnit>();
        var departments = new List<OrgUnit>();
        foreach (var (code, name, officeNames) in Departments)
        {
            var dept = new OrgUnit { Code = code, Name = name, Kind = UnitKind.Department, ParentId = company.Id };
            db.Units.Add(dept);
            db.SaveChanges();
            departments.Add(dept);
            foreach (var o in officeNames)
            {
                var parts = o.Split(':');
                var office = new OrgUnit { Code = parts[0], Name = parts[1], Kind = UnitKind.Office, ParentId = dept.Id };
                db.Units.Add(office);
                offices.Add(office);
            }
            db.SaveChanges();
        }
        UnitTree.RebuildClosure(db);

        var staffNo = 0;
        string NextNo() => $"E{++staffNo:D4}";
        string Name() => Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)];
        var start = first.Start;
        var heads = new Dictionary<int, Staff>();
        foreach (var dept in departments)
        {
            var head = new Staff { EmployeeNo = NextNo(), Name = Name(), UnitId = dept.Id, Role = DemoTemplates.DepartmentHead, HiredOn = start.AddYears(-5 - rng.Next(5)) };
            db.Staff.Add(head);
            db.SaveChanges();
            heads[dept.Id] = head;
        }
        var managers = new List<Staff>();
        foreach (var office in offices)
        {
            var chief = new Staff
            {
                EmployeeNo = NextNo(), Name = Name(), UnitId = office.Id, Role = DemoTemplates.OfficeChief,
                SupervisorId = heads[office.ParentId!.Value].Id, HiredOn = start.AddYears(-3 - rng.Next(6)),
            };
            db.Staff.Add(chief);
            db.SaveChanges();
            heads[office.Id] = chief;
        }
        for (var i = 0; i < options.Managers; i++)
        {
            var office = offices[i % offices.Count];
            var m = new Staff
            {
                EmployeeNo = NextNo(), Name = Name(), UnitId = office.Id, Role = DemoTemplates.AccountManager,
                SupervisorId = heads[office.Id].Id, HiredOn = start.AddMonths(-rng.Next(6, 96)),
            };
            managers.Add(m);
            db.Staff.Add(m);
        }
        db.SaveChanges();
        var serviceDept = departments.Single(d => d.Code == "KFB");
        var service = new List<Staff>();
        for (var i = 0; i < 6; i++)
        {
            var s = new Staff { EmployeeNo = NextNo(), Name = Name(), UnitId = serviceDept.Id, Role = DemoTemplates.ServiceStaff, SupervisorId = heads[serviceDept.Id].Id, HiredOn = start.AddMonths(-rng.Next(6, 60)) };
            service.Add(s);
            db.Staff.Add(s);
        }
        db.SaveChanges();
        // Everything added for the templates (issue 14) draws from its own generator, so the records above and the
        // customers and activity below stay as they were.
        var posts = AddPosts(db, options.Seed, company, departments, heads, service, start, NextNo);
        var managersByOffice = managers.GroupBy(m => m.UnitId).ToDictionary(g => g.Key, g => g.ToList());

        // ---------------------------------------------------------------- customers and their lifecycle
        progress?.Report($"客户与客户事件（{options.Customers:N0} 个客户，{options.Months} 个月）");
        // Each office has its own churn level (1.0 %–3.2 % a month) so that offices differ.
        var churnLevel = offices.ToDictionary(o => o.Id, _ => 0.010 + rng.NextDouble() * 0.022);
        var months = new List<Period>();
        for (var p = first; p.FirstMonth <= last.FirstMonth; p = p.Next()) months.Add(p);
        var customers = new List<Customer>(options.Customers);
        var events = new List<CustomerEvent>(options.Customers * 2);
        // About 80 % of the customers were acquired before the window; the rest arrive over it, more in spring and autumn.
        var seasonal = months.Select(p => p.Index is 3 or 4 or 9 or 10 ? 1.6 : p.Index is 1 or 2 ? 0.6 : 1.0).ToArray();
        var seasonalTotal = seasonal.Sum();
        for (var i = 1; i <= options.Customers; i++)
        {
            var manager = managers[rng.Next(managers.Count)];
            DateOnly acquired;
            if (rng.NextDouble() < 0.8) acquired = start.AddDays(-rng.Next(30, 2200));
            else
            {
                var x = rng.NextDouble() * seasonalTotal;
                var k = 0;
                while (k < months.Count - 1 && (x -= seasonal[k]) > 0) k++;
                acquired = months[k].Start.AddDays(rng.Next(DaysIn(months[k])));
            }
            var roll = rng.NextDouble();
            var cls = roll < 0.03 ? "大客户" : roll < 0.08 ? "集团" : roll < 0.30 ? "A" : roll < 0.65 ? "B" : "C";
            var c = new Customer
            {
                Code = $"C{i:D6}", Name = CompanyWords[rng.Next(CompanyWords.Length)] + CompanyWords[rng.Next(CompanyWords.Length)] + CompanyKinds[rng.Next(CompanyKinds.Length)],
                Class = cls, OwnerStaffId = manager.Id, OwnerUnitId = manager.UnitId, AcquiredOn = acquired,
            };
            customers.Add(c);
        }
        Insert(db, customers);
        // Each customer's state at the start of every month of the window: its owner then, or none (not yet
        // acquired, or lost). Activity follows it, so records name the manager and unit of their time.
        var ownerAt = new Dictionary<int, (int Unit, int Staff)?[]>(customers.Count);
        foreach (var c in customers)
        {
            var states = new (int Unit, int Staff)?[months.Count];
            ownerAt[c.Id] = states;
            events.Add(new CustomerEvent
            {
                CustomerId = c.Id, Kind = CustomerEventKind.Acquired, OccurredOn = c.AcquiredOn, Month = Period.MonthKey(c.AcquiredOn),
                UnitId = c.OwnerUnitId, StaffId = c.OwnerStaffId,
            });
            // Walk the customer through the window month by month.
            var lost = false;
            var unit = c.OwnerUnitId;
            var staff = c.OwnerStaffId!.Value;
            for (var mi = 0; mi < months.Count; mi++)
            {
                var p = months[mi];
                var monthStart = p.Start;
                if (c.AcquiredOn < monthStart && !lost) states[mi] = (unit, staff);
                if (c.AcquiredOn >= monthStart.AddMonths(1)) continue;
                var day = monthStart.AddDays(rng.Next(DaysIn(p)));
                if (day <= c.AcquiredOn) continue;
                if (!lost)
                {
                    var level = churnLevel[unit] * (p.Index is 2 or 3 ? 1.8 : 1.0) * (c.Class == "大客户" ? 0.5 : 1.0);
                    if (rng.NextDouble() < level)
                    {
                        lost = true;
                        c.LostOn = day;
                        events.Add(new CustomerEvent { CustomerId = c.Id, Kind = CustomerEventKind.Lost, OccurredOn = day, Month = p.FirstMonth, UnitId = unit, StaffId = staff, Reason = Pick(rng, "价格原因", "转向竞争对手", "经营困难", "服务不满意", "业务调整") });
                    }
                    else if (rng.NextDouble() < 0.004)
                    {
                        var to = managers[rng.Next(managers.Count)];
                        if (to.Id != staff)
                        {
                            events.Add(new CustomerEvent { CustomerId = c.Id, Kind = CustomerEventKind.Transferred, OccurredOn = day, Month = p.FirstMonth, UnitId = to.UnitId, StaffId = to.Id, FromUnitId = unit, FromStaffId = staff, Reason = "客户经理调整" });
                            unit = to.UnitId;
                            staff = to.Id;
                        }
                    }
                }
                else if (rng.NextDouble() < 0.06)
                {
                    lost = false;
                    c.LostOn = null;
                    events.Add(new CustomerEvent { CustomerId = c.Id, Kind = CustomerEventKind.Recovered, OccurredOn = day, Month = p.FirstMonth, UnitId = unit, StaffId = staff, Reason = "挽回" });
                }
            }
            c.OwnerUnitId = unit;
            c.OwnerStaffId = staff;
        }
        foreach (var c in customers) db.Entry(c).State = EntityState.Modified;
        db.SaveChanges();
        db.ChangeTracker.Clear();
        Insert(db, events);

        // ---------------------------------------------------------------- activity per month
        progress?.Report("投诉、拜访回访、销售与回款");
        var complaints = new List<Complaint>();
        var visits = new List<Visit>();
        var sales = new List<Sale>();
        var collections = new List<Collection>();
        int complaintNo = 0, visitNo = 0, saleNo = 0, collectionNo = 0;
        var officeSatisfaction = offices.ToDictionary(o => o.Id, _ => 0.80 + rng.NextDouble() * 0.15);
        for (var mi = 0; mi < months.Count; mi++)
        {
            var p = months[mi];
            var days = DaysIn(p);
            // Only customers that are theirs at the start of the month (acquired before it, not lost) have activity in
            // it, with the manager and unit they had then.
            var current = customers.Where(c => ownerAt[c.Id][mi] is not null)
                .Select(c => (Customer: c, Owner: ownerAt[c.Id][mi]!.Value)).ToList();
            var byOwner = current.GroupBy(x => x.Owner.Staff).ToDictionary(g => g.Key, g => g.Select(x => x.Customer).ToList());
            // Complaints: about 0.8 % of customers a month.
            var n = (int)(current.Count * 0.008 * (0.8 + rng.NextDouble() * 0.4));
            for (var i = 0; i < n; i++)
            {
                var (c, owner) = current[rng.Next(current.Count)];
                var received = p.Start.ToDateTime(new TimeOnly(8 + rng.Next(10), rng.Next(60)), DateTimeKind.Utc).AddDays(rng.Next(days));
                var hours = 2 + rng.Next(96);
                var resolved = received.AddHours(hours);
                var open = resolved > last.End.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) || rng.NextDouble() < 0.02;
                var satisfied = !open && rng.NextDouble() < officeSatisfaction.GetValueOrDefault(owner.Unit, 0.9);
                complaints.Add(new Complaint
                {
                    Code = $"TS{++complaintNo:D6}", CustomerId = c.Id, UnitId = owner.Unit, HandlerStaffId = owner.Staff,
                    ReceivedAt = received, Month = Period.MonthKey(received), RespondedAt = received.AddHours(Math.Min(hours, 1 + rng.Next(8))),
                    ResolvedAt = open ? null : resolved, ResolvedMonth = open ? null : Period.MonthKey(resolved),
                    ResolutionMinutes = open ? null : hours * 60L, Channel = Pick(rng, "电话", "上门", "网站", "微信"),
                    Category = Pick(rng, "送货延迟", "产品质量", "服务态度", "价格争议", "发票问题"),
                    Outcome = open ? null : Pick(rng, "已解释", "已退换货", "已补偿", "已整改"), Satisfied = open ? null : satisfied,
                    Score = open ? null : (satisfied ? 4 + rng.Next(2) : 1 + rng.Next(3)) * 10000L,
                });
            }
            // Visits and follow-ups: each manager plans about 25 follow-ups and makes about 10 visits a month.
            foreach (var m in managers)
            {
                var own = byOwner.GetValueOrDefault(m.Id) ?? [];
                var mine = own.Count == 0 ? [] : Enumerable.Range(0, 35).Select(_ => own[rng.Next(own.Count)]).ToList();
                for (var i = 0; i < mine.Count; i++)
                {
                    var c = mine[i];
                    var followUp = i < 25;
                    var planned = followUp || rng.NextDouble() < 0.5;
                    var plannedOn = p.Start.AddDays(rng.Next(days));
                    var done = rng.NextDouble() < 0.88;
                    visits.Add(new Visit
                    {
                        Code = $"BF{++visitNo:D7}", CustomerId = c.Id, StaffId = m.Id, UnitId = m.UnitId,
                        Kind = followUp ? (rng.NextDouble() < 0.6 ? "电话回访" : "回访") : "拜访", IsFollowUp = followUp,
                        Planned = planned, PlannedOn = planned ? plannedOn : null, DoneOn = done ? plannedOn : null,
                        Month = p.FirstMonth, Success = done ? rng.NextDouble() < 0.8 : null, Attempt = done ? 1 + rng.Next(3) : null,
                    });
                }
                // Sales: a few orders a month with a seasonal swing, most collected within two months.
                var orders = 2 + rng.Next(5) + (p.Index is 11 or 12 ? 2 : 0);
                for (var i = 0; i < orders && own.Count > 0; i++)
                {
                    var c = own[rng.Next(own.Count)];
                    var date = p.Start.AddDays(rng.Next(days));
                    var amount = (long)(rng.Next(2_000, 120_000)) * 100;
                    var code = $"XS{++saleNo:D6}";
                    sales.Add(new Sale { Code = code, CustomerId = c.Id, StaffId = m.Id, UnitId = m.UnitId, Date = date, Month = p.FirstMonth, AmountFen = amount, ProductType = Pick(rng, "标准产品", "定制产品", "配套服务") });
                    var paid = date.AddDays(10 + rng.Next(60));
                    if (paid < last.End && rng.NextDouble() < 0.93)
                        collections.Add(new Collection { Code = $"HK{++collectionNo:D6}", CustomerId = c.Id, SaleCode = code, StaffId = m.Id, UnitId = m.UnitId, Date = paid, Month = Period.MonthKey(paid), AmountFen = amount, DueOn = date.AddDays(60) });
                }
            }
        }
        Insert(db, complaints);
        Insert(db, visits);
        Insert(db, sales);
        Insert(db, collections);

        // ---------------------------------------------------------------- the rest of the KPI records
        progress?.Report("目标、调查、服务事项、呼叫、费用与上报数据");
        var targets = new List<Target>();
        var surveys = new List<Survey>();
        var tasks = new List<ServiceTask>();
        var calls = new List<Call>();
        var expenses = new List<Expense>();
        var actuals = new List<IndicatorActual>();
        var touch = new List<TouchpointCheck>();
        int surveyNo = 0, taskNo = 0, callNo = 0, expenseNo = 0;
        foreach (var p in months)
        {
            var days = DaysIn(p);
            var period = p.ToString();
            foreach (var m in managers)
                targets.Add(new Target { ScopeKey = "S:" + m.EmployeeNo, StaffId = m.Id, Period = period, FirstMonth = p.FirstMonth, LastMonth = p.FirstMonth, Metric = MetricWords.SalesTarget, Value = rng.Next(150_000, 300_000) * 10000L });
            foreach (var o in offices)
            {
                targets.Add(new Target { ScopeKey = "U:" + o.Code, UnitId = o.Id, Period = period, FirstMonth = p.FirstMonth, LastMonth = p.FirstMonth, Metric = MetricWords.SalesTarget, Value = managersByOffice[o.Id].Count * 220_000 * 10000L });
                targets.Add(new Target { ScopeKey = "U:" + o.Code, UnitId = o.Id, Period = period, FirstMonth = p.FirstMonth, LastMonth = p.FirstMonth, Metric = MetricWords.DepartmentBudget, Value = 60_000 * 10000L });
                targets.Add(new Target { ScopeKey = "U:" + o.Code, UnitId = o.Id, Period = period, FirstMonth = p.FirstMonth, LastMonth = p.FirstMonth, Metric = MetricWords.Target4G, Value = 400 * 10000L });
                expenses.Add(new Expense { Code = $"FY{++expenseNo:D6}", UnitId = o.Id, Category = MetricWords.DepartmentExpense, Date = p.Start.AddDays(days - 1), Month = p.FirstMonth, AmountFen = rng.Next(45_000, 68_000) * 100L });
                actuals.Add(new IndicatorActual { ScopeKey = "U:" + o.Code, UnitId = o.Id, Month = p.FirstMonth, Metric = MetricWords.Billed, Value = rng.Next(80_000, 120_000) * 10000L });
                actuals.Add(new IndicatorActual { ScopeKey = "U:" + o.Code, UnitId = o.Id, Month = p.FirstMonth, Metric = MetricWords.Recovered, Value = rng.Next(70_000, 115_000) * 10000L });
                actuals.Add(new IndicatorActual { ScopeKey = "U:" + o.Code, UnitId = o.Id, Month = p.FirstMonth, Metric = MetricWords.PassRate, Value = (9_600 + rng.Next(0, 380)) * 100L });
                actuals.Add(new IndicatorActual { ScopeKey = "U:" + o.Code, UnitId = o.Id, Month = p.FirstMonth, Metric = MetricWords.Swapped4G, Value = rng.Next(15, 45) * 10000L });
                for (var i = 0; i < 12; i++)
                    surveys.Add(new Survey { Code = $"DC{++surveyNo:D6}", Kind = MetricWords.CustomerSatisfaction, CustomerId = customers[rng.Next(customers.Count)].Id, UnitId = o.Id, Date = p.Start.AddDays(rng.Next(days)), Month = p.FirstMonth, Score = (3 + rng.Next(3)) * 10000L });
                if (p.Index % 3 == 0)
                    touch.Add(new TouchpointCheck { UnitId = o.Id, Quarter = $"{p.Year}-Q{p.Index / 3}", Month = p.FirstMonth - 2, ItemsApplicable = 20, ItemsPassed = 12 + rng.Next(9), SubmittedOn = p.End.AddDays(5) });
            }
            targets.Add(new Target { ScopeKey = "U:KFB", UnitId = serviceDept.Id, Period = period, FirstMonth = p.FirstMonth, LastMonth = p.FirstMonth, Metric = MetricWords.ServiceBudget, Value = 100_000 * 10000L });
            expenses.Add(new Expense { Code = $"FY{++expenseNo:D6}", UnitId = serviceDept.Id, Category = MetricWords.ServiceExpense, Date = p.Start.AddDays(days - 1), Month = p.FirstMonth, AmountFen = rng.Next(85_000, 108_000) * 100L });
            foreach (var d in departments)
                for (var i = 0; i < 5; i++)
                    surveys.Add(new Survey { Code = $"DC{++surveyNo:D6}", Kind = MetricWords.DepartmentSatisfaction, UnitId = d.Id, Respondent = "协作部门", Date = p.Start.AddDays(rng.Next(days)), Month = p.FirstMonth, Score = (3 + rng.Next(3)) * 10000L });
            foreach (var s in service)
            {
                foreach (var (kind, count) in new[] { (MetricWords.Feedback, 20), (MetricWords.InfoTransfer, 10), (MetricWords.SurveyTask, 2), (MetricWords.Improvement, 1) })
                    for (var i = 0; i < count; i++)
                    {
                        var due = p.Start.AddDays(rng.Next(days));
                        var done = rng.NextDouble() < 0.9;
                        tasks.Add(new ServiceTask { Code = $"SW{++taskNo:D6}", Kind = kind, UnitId = s.UnitId, StaffId = s.Id, DueOn = due, Month = p.FirstMonth, DoneOn = done ? due : null, WithinStandard = done && rng.NextDouble() < 0.92, Planned = 1, Completed = done ? 1 : 0 });
                    }
                var plannedVolume = 800 + rng.Next(200);
                tasks.Add(new ServiceTask { Code = $"SW{++taskNo:D6}", Kind = MetricWords.BusinessVolume, UnitId = s.UnitId, StaffId = s.Id, DueOn = p.End.AddDays(-1), Month = p.FirstMonth, DoneOn = p.End.AddDays(-1), WithinStandard = true, Planned = plannedVolume * 10000L, Completed = (plannedVolume - 120 + rng.Next(200)) * 10000L });
                for (var i = 0; i < 60; i++)
                {
                    var connected = rng.NextDouble() < 0.93;
                    calls.Add(new Call { Code = $"HJ{++callNo:D7}", UnitId = s.UnitId, StaffId = s.Id, At = p.Start.ToDateTime(new TimeOnly(8 + rng.Next(10), rng.Next(60)), DateTimeKind.Utc).AddDays(rng.Next(days)), Month = p.FirstMonth, Inbound = rng.NextDouble() < 0.7, Connected = connected, Transferred = connected && rng.NextDouble() < 0.06, Abandoned = !connected });
                }
            }
        }
        Insert(db, targets);
        Insert(db, surveys);
        Insert(db, tasks);
        Insert(db, calls);
        Insert(db, expenses);
        Insert(db, actuals);
        touch.AddRange(TeamTouchpoints(options.Seed, posts.Teams, months));
        Insert(db, touch);
        AddReported(db, options.Seed, company, departments, offices, managers, service, months);
        AddSalesOffice(db, company, last, NextNo);
        tx.Commit();
        var other = targets.Count + surveys.Count + tasks.Count + calls.Count + expenses.Count + actuals.Count + touch.Count;
        return new DemoSummary(2 + departments.Count + offices.Count + posts.Teams.Count, offices.Count, staffNo, managers.Count, customers.Count, events.Count,
            complaints.Count, visits.Count, sales.Count, collections.Count, other, first.FirstMonth, last.FirstMonth);
    }

    private static int DaysIn(Period month) => DateTime.DaysInMonth(month.Year, month.Index);

    private static string Pick(Random rng, params string[] words) => words[rng.Next(words.Length)];

    private static void Insert<T>(KaoheDb db, List<T> rows) where T : class
    {
        const int batch = 5000;
        for (var i = 0; i < rows.Count; i += batch)
        {
            db.Set<T>().AddRange(rows.Skip(i).Take(batch));
            db.SaveChanges();
            db.ChangeTracker.Clear();
        }
    }
}

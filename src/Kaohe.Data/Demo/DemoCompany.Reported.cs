using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Demo;

/// <summary>
/// The records the bound indicators of every built-in template read (issue 14, docs/metrics.md): the goals of the
/// service department's KPIs (目标 of rates and scores), every department's expenses and budget, the reported 产品合格率
/// of 客服部, satisfaction surveys of the 客服专员, the 大客户经理's sales to key customers, and the reported figures of the industry forms (sales volumes against
/// targets, leads) for every 客户经理.
/// </summary>
public static partial class DemoCompany
{
    /// <summary>Offset of the seed of the generator for these records: they never draw from the main generator.</summary>
    private const int ReportedSeed = 15;

    /// <summary>Goals of rates (a percent number) and scores, by scope: the company, 客服部, every department, every office.</summary>
    private static readonly (string Scope, string Word, decimal Value)[] Goals =
    [
        ("HQ", "大客户保有率", 95), ("HQ", "客户回访率", 85), ("HQ", "投诉处理满意度评分", 4), ("HQ", "客户保有率", 97),
        ("HQ", "投诉解决率", 95), ("HQ", "客户满意度评分", 4), ("HQ", "客户投诉解决满意度", 85),
        ("KFB", "电话接听率", 90), ("KFB", "客户意见反馈及时率", 90),
        ("dept", "费用预算达成率", 100), ("office", "客户满意度", 4),
    ];

    /// <summary>Reported figures of each 客户经理 a month: the word, its monthly target (0 = a count without target) and the usual spread.</summary>
    private static readonly (string Word, int Target, int Max)[] Figures =
    [
        ("新车销量", 20, 0), ("超90天车辆销量", 4, 0), ("D+S车型销量", 8, 0), ("金融台次", 10, 0), ("二手车销量", 6, 0),
        ("卷烟销量", 500, 0), ("培育品牌卷烟销量", 80, 0), ("重点品牌销量", 150, 0), ("消除空白村数", 2, 0),
        ("期交保费", 50_000, 0), ("趸交保费", 100_000, 0),
        ("通信和信息化收入", 30, 0), ("集团组建数", 3, 0), ("成员收集数", 60, 0), ("存量合约发展数", 40, 0), ("工作机到达用户数", 25, 0),
        ("意向客户信息", 0, 6), ("空白市场信息", 0, 5), ("可行性分析报告", 0, 2), ("契撤件数", 0, 2), ("误导购买投诉", 0, 1),
        ("虚假信息", 0, 1), ("高价值用户回流数", 0, 3),
        ("集团产品净增家数", 0, 3), ("综合接入净增家数", 0, 4), ("商企净增家数", 0, 4), ("当月成功组建数", 0, 5), ("回流无进度次数", 0, 1),
        ("无进驻周数", 0, 1), ("走访未达标集团数", 0, 2), ("三优协议未续签数", 0, 1),
    ];

    /// <summary>
    /// Levels each 客户经理 reports a month (a percent number or 元): the word, the goal (目标, none when 0) and the range
    /// the value is drawn from, in tenths.
    /// </summary>
    private static readonly (string Word, int Goal, int MinTenths, int MaxTenths)[] ReportedLevels =
    [
        ("重点品牌成长度", 10, 30, 130), ("卷烟销售成长率", 5, -20, 100), ("条均价增长额", 20, 0, 300), ("品牌宽度占比", 80, 600, 900),
        ("需求预测准确率", 0, 900, 999), ("访销成功率", 0, 950, 1000), ("成员真实性", 0, 820, 1000), ("集团钻金卡客户回收率", 0, 900, 995),
        ("预警处理及时率", 95, 900, 1000), ("集团产品回收率", 0, 780, 980), ("集团客户满意度", 0, 760, 950), ("金牌客户满意度", 0, 760, 950),
        ("集团产品使用调研满意度", 0, 760, 950), ("金牌客户整理上报率", 0, 800, 1000),
    ];

    /// <summary>The monthly plans of a 客户专员 (TPL-30): the word and the planned number.</summary>
    private static readonly (string Word, int Plan)[] SpecialistPlans = [("拜访组数", 20), ("拓展组数", 8), ("输送到案场客户数", 6)];

    private static void AddReported(KaoheDb db, int seed, OrgUnit company, List<OrgUnit> departments, List<OrgUnit> offices,
        List<Staff> managers, List<Staff> service, List<Period> months)
    {
        var rng = new Random(seed + ReportedSeed);
        var targets = new List<Target>();
        var actuals = new List<IndicatorActual>();
        var expenses = new List<Expense>();
        var serviceDept = departments.Single(d => d.Code == "KFB");
        var expenseNo = 0;
        Target UnitTarget(OrgUnit u, Period p, string word, long value) => new()
        {
            ScopeKey = "U:" + u.Code, UnitId = u.Id, Period = p.ToString(), FirstMonth = p.FirstMonth, LastMonth = p.FirstMonth, Metric = word, Value = value,
        };
        foreach (var p in months)
        {
            foreach (var (scope, word, value) in Goals)
            {
                var units = scope switch
                {
                    "HQ" => [company],
                    "KFB" => [serviceDept],
                    "dept" => departments,
                    _ => offices,
                };
                foreach (var u in units) targets.Add(UnitTarget(u, p, word, (long)(value * 10000)));
            }
            targets.Add(UnitTarget(company, p, "客户投诉次数", 150 * 10000L));
            // Each department's own budget covers its offices' (60,000 元 each, as their own budgets) and its own spending.
            foreach (var d in departments)
            {
                var own = offices.Count(o => o.ParentId == d.Id);
                targets.Add(UnitTarget(d, p, MetricWords.DepartmentBudget, (60_000L * own + 80_000) * 10000L));
                expenses.Add(new Expense
                {
                    Code = $"BM{++expenseNo:D6}", UnitId = d.Id, Category = MetricWords.DepartmentExpense, Date = p.End, Month = p.FirstMonth,
                    AmountFen = rng.Next(68_000, 92_000) * 100L,
                });
            }
            actuals.Add(new IndicatorActual { ScopeKey = "U:KFB", UnitId = serviceDept.Id, Month = p.FirstMonth, Metric = MetricWords.PassRate, Value = (9_600 + rng.Next(0, 380)) * 100L });
            foreach (var m in managers)
                foreach (var (word, target, max) in Figures)
                {
                    long actual;
                    if (target > 0)
                    {
                        targets.Add(new Target { ScopeKey = "S:" + m.EmployeeNo, StaffId = m.Id, Period = p.ToString(), FirstMonth = p.FirstMonth, LastMonth = p.FirstMonth, Metric = word, Value = target * 10000L });
                        actual = (long)Math.Round(target * (0.7 + rng.NextDouble() * 0.5));
                    }
                    else actual = rng.Next(max + 1);
                    actuals.Add(new IndicatorActual { ScopeKey = "S:" + m.EmployeeNo, UnitId = m.UnitId, StaffId = m.Id, Month = p.FirstMonth, Metric = word, Value = actual * 10000L });
                }
            foreach (var m in managers)
            {
                IndicatorActual Actual(string word, long value) => new() { ScopeKey = "S:" + m.EmployeeNo, UnitId = m.UnitId, StaffId = m.Id, Month = p.FirstMonth, Metric = word, Value = value };
                Target Goal(string word, long value) => new() { ScopeKey = "S:" + m.EmployeeNo, StaffId = m.Id, Period = p.ToString(), FirstMonth = p.FirstMonth, LastMonth = p.FirstMonth, Metric = word, Value = value };
                foreach (var (word, goal, min, max) in ReportedLevels)
                {
                    actuals.Add(Actual(word, rng.Next(min, max + 1) * 1000L));
                    if (goal > 0) targets.Add(Goal(word, goal * 10000L));
                }
                // The grid manager's 4G photo users (TPL-23): 120 target users, swaps and new plans counted month by month.
                targets.Add(Goal(MetricWords.Target4G, 120 * 10000L));
                actuals.Add(Actual(MetricWords.Swapped4G, rng.Next(3, 9) * 10000L));
                actuals.Add(Actual(MetricWords.Repackaged4G, rng.Next(2, 7) * 10000L));
                // Billed and recovered for the group products (集团产品当年回收率, year to date).
                var billed = rng.Next(20_000, 40_001);
                actuals.Add(Actual(MetricWords.Billed, billed * 10000L));
                actuals.Add(Actual(MetricWords.Recovered, billed * (950L + rng.Next(0, 51)) * 10L));
            }
        }
        // The 大客户经理 sell to the key customers (TPL-05's 销售任务 against their monthly 销售额 target).
        var keyManagers = db.Staff.AsNoTracking().Where(x => x.Role == DemoTemplates.KeyAccountManager).OrderBy(x => x.EmployeeNo).ToList();
        var keyClasses = MetricWords.KeyCustomerClasses.ToList();
        var keyCustomers = db.Customers.AsNoTracking().Where(c => keyClasses.Contains(c.Class)).OrderBy(c => c.Id).Select(c => c.Id).ToList();
        var sales = new List<Sale>();
        var saleNo = 0;
        if (keyCustomers.Count > 0)
            foreach (var p in months)
                foreach (var k in keyManagers)
                {
                    targets.Add(new Target { ScopeKey = "S:" + k.EmployeeNo, StaffId = k.Id, Period = p.ToString(), FirstMonth = p.FirstMonth, LastMonth = p.FirstMonth, Metric = MetricWords.SalesTarget, Value = 400_000 * 10000L });
                    var orders = 3 + rng.Next(4);
                    for (var i = 0; i < orders; i++)
                        sales.Add(new Sale
                        {
                            Code = $"DK{++saleNo:D6}", CustomerId = keyCustomers[rng.Next(keyCustomers.Count)], StaffId = k.Id, UnitId = k.UnitId,
                            Date = p.Start.AddDays(rng.Next(DaysIn(p))), Month = p.FirstMonth, AmountFen = rng.Next(60_000, 140_000) * 100L, ProductType = "大客户订单",
                        });
                }
        // The 客户专员 report their plans for the next month (目标) and what they did (TPL-30): visits and expansions in
        // groups, customers brought to the sales site.
        var specialists = db.Staff.AsNoTracking().Where(x => x.Role == DemoTemplates.KeyAccountSpecialist).OrderBy(x => x.EmployeeNo).ToList();
        foreach (var p in months)
            foreach (var k in specialists)
                foreach (var (word, plan) in SpecialistPlans)
                {
                    targets.Add(new Target { ScopeKey = "S:" + k.EmployeeNo, StaffId = k.Id, Period = p.ToString(), FirstMonth = p.FirstMonth, LastMonth = p.FirstMonth, Metric = word, Value = plan * 10000L });
                    actuals.Add(new IndicatorActual { ScopeKey = "S:" + k.EmployeeNo, UnitId = k.UnitId, StaffId = k.Id, Month = p.FirstMonth, Metric = word, Value = (long)Math.Round(plan * (0.7 + rng.NextDouble() * 0.5)) * 10000L });
                }
        Insert(db, sales);
        Insert(db, targets);
        Insert(db, actuals);
        Insert(db, expenses);
        // Each 客服专员 is rated by the customers they served: ten satisfaction surveys a month (TPL-20's 满意率).
        var surveys = new List<Survey>();
        var surveyNo = 0;
        foreach (var p in months)
            foreach (var s in service)
                for (var i = 0; i < 10; i++)
                    surveys.Add(new Survey
                    {
                        Code = $"KD{++surveyNo:D6}", Kind = MetricWords.CustomerSatisfaction, UnitId = s.UnitId, StaffId = s.Id, Respondent = "服务对象",
                        Date = p.Start.AddDays(rng.Next(DaysIn(p))), Month = p.FirstMonth, Score = (rng.NextDouble() < 0.9 ? 4 + rng.Next(2) : 2 + rng.Next(2)) * 10000L,
                    });
        Insert(db, surveys);
    }
}

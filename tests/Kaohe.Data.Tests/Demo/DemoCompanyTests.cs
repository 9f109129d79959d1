using Kaohe.Data.Demo;
using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Demo;

/// <summary>The demo company: deterministic, consistent and plausible, on both providers.</summary>
public abstract class DemoCompanyTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private static readonly DemoOptions Small = new() { LastMonth = 202610, Customers = 1500 };

    private static string Checksum(KaoheDb db) => string.Join("|",
        db.Units.Count(), db.Staff.Count(), db.Customers.Count(), db.CustomerEvents.Count(), db.Complaints.Count(), db.Visits.Count(),
        db.Sales.Sum(s => s.AmountFen), db.Collections.Sum(c => c.AmountFen),
        string.Join(",", db.Customers.AsNoTracking().OrderBy(c => c.Code).Take(50).Select(c => c.Code + c.Name + c.Class + c.AcquiredOn + c.LostOn + c.OwnerStaffId)),
        string.Join(",", db.CustomerEvents.AsNoTracking().OrderBy(e => e.CustomerId).ThenBy(e => e.OccurredOn).Take(200).Select(e => e.CustomerId + ":" + e.Kind + e.OccurredOn)));

    [Fact]
    public void Same_seed_same_company_and_a_non_empty_database_is_refused()
    {
        DemoCompany.Create(Database, Small);
        string first;
        using (var db = Db()) first = Checksum(db);
        using var other = TestDatabase.Create(DatabaseProvider.Sqlite);
        DemoCompany.Create(other.Database, Small);
        using (var db = other.Database.CreateContext()) Assert.Equal(first, Checksum(db));

        var e = Assert.Throws<InvalidOperationException>(() => DemoCompany.Create(Database, Small));
        Assert.Contains("已有组织或客户数据", e.Message);
        Assert.Equal(202610, DemoCompany.LastFullMonthBefore(new DateOnly(2026, 11, 23)));
        Assert.Equal(202612, DemoCompany.LastFullMonthBefore(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void Events_are_consistent_with_each_customer_and_records_with_their_dates()
    {
        DemoCompany.Create(Database, Small);
        using var db = Db();
        var customers = db.Customers.AsNoTracking().ToDictionary(c => c.Id);
        var events = db.CustomerEvents.AsNoTracking().ToList().GroupBy(e => e.CustomerId);
        foreach (var g in events)
        {
            var c = customers[g.Key];
            var seq = g.OrderBy(e => e.OccurredOn).ThenBy(e => e.Kind).ToList();
            Assert.Equal(CustomerEventKind.Acquired, seq[0].Kind);
            Assert.Equal(c.AcquiredOn, seq[0].OccurredOn);
            var lost = false;
            var unit = seq[0].UnitId;
            int? staff = seq[0].StaffId;
            foreach (var e in seq.Skip(1))
            {
                Assert.Equal(Period.MonthKey(e.OccurredOn), e.Month);
                switch (e.Kind)
                {
                    case CustomerEventKind.Lost: Assert.False(lost); lost = true; Assert.Equal(unit, e.UnitId); break;
                    case CustomerEventKind.Recovered: Assert.True(lost); lost = false; break;
                    case CustomerEventKind.Transferred:
                        Assert.False(lost);
                        Assert.Equal((unit, staff), (e.FromUnitId!.Value, e.FromStaffId));
                        unit = e.UnitId; staff = e.StaffId;
                        break;
                    default: Assert.Fail("a second acquisition"); break;
                }
            }
            Assert.Equal(lost, c.LostOn is not null);
            Assert.Equal((unit, staff), (c.OwnerUnitId, c.OwnerStaffId));
        }
        Assert.All(db.Complaints.AsNoTracking().ToList(), k =>
        {
            Assert.Equal(Period.MonthKey(k.ReceivedAt), k.Month);
            if (k.ResolvedAt is { } r) Assert.Equal((Period.MonthKey(r), (long)(r - k.ReceivedAt).TotalMinutes), (k.ResolvedMonth!.Value, k.ResolutionMinutes!.Value));
            Assert.True(k.ResolvedMonth is null || k.ResolvedMonth <= 202610);
        });
        // Who owned a customer at the start of a month, from its events; null when not yet acquired or lost then.
        var history = db.CustomerEvents.AsNoTracking().ToList().GroupBy(e => e.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.OccurredOn).ThenBy(e => e.Kind).ToList());
        (int Unit, int? Staff)? OwnerAt(int customer, int month)
        {
            var start = new DateOnly(month / 100, month % 100, 1);
            (int, int?)? owner = null;
            foreach (var e in history[customer].TakeWhile(e => e.OccurredOn < start))
                owner = e.Kind == CustomerEventKind.Lost ? null : (e.UnitId, e.StaffId);
            return owner;
        }
        var transferredVisits = 0;
        Assert.All(db.Visits.AsNoTracking().ToList(), v =>
        {
            Assert.Equal(v.Kind.Contains("回访"), v.IsFollowUp);
            // Activity only with customers that were theirs at the start of the month, by the manager of that time.
            Assert.Equal(OwnerAt(v.CustomerId, v.Month), (v.UnitId, (int?)v.StaffId));
            if (customers[v.CustomerId].OwnerStaffId != v.StaffId) transferredVisits++;
        });
        Assert.True(transferredVisits > 0, "no visit by a customer's earlier manager: transfers are not reflected");
        Assert.All(db.Complaints.AsNoTracking().ToList(), k =>
            Assert.Equal(OwnerAt(k.CustomerId!.Value, k.Month), (k.UnitId, k.HandlerStaffId)));
    }

    [Fact]
    public void Office_churn_and_complaint_satisfaction_are_plausible()
    {
        DemoCompany.Create(Database, Small with { Customers = 4000 });
        using var db = Db();
        var engine = new MetricEngine(db);
        var results = engine.Compute(Time.PeriodKind.Month, 202411, 202610, ["churn_rate", "complaint_satisfaction"]);
        var offices = db.Units.Where(u => u.Kind == UnitKind.Office).Select(u => u.Id).ToHashSet();
        var churn = results.Where(r => r.Metric == "churn_rate" && r.ScopeKind == ScopeKind.Unit && offices.Contains(r.ScopeId) && r.Value is not null).ToList();
        Assert.Equal(8 * 24, churn.Count);
        var inRange = churn.Count(r => r.Value is >= 0.005m and <= 0.06m);
        Assert.True(inRange >= churn.Count * 8 / 10, $"only {inRange} of {churn.Count} office-months churn 0.5–6 %");
        var company = results.Where(r => r.Metric == "complaint_satisfaction" && r.ScopeKind == ScopeKind.Company).ToList();
        // About 20 complaints a month at this size: a single month may dip, the 24 months together may not.
        Assert.All(company, r => Assert.InRange(r.Value!.Value, 0.5m, 1m));
        Assert.InRange(company.Sum(r => r.Numerator) / company.Sum(r => r.Denominator!.Value), 0.78m, 0.95m);
    }
}

public sealed class SqliteDemoCompanyTests() : DemoCompanyTests(DatabaseProvider.Sqlite)
{
    [Fact]
    public void The_full_demo_has_the_issue_s_sizes_and_24_months_ending_with_the_last_month()
    {
        var summary = DemoCompany.Create(Database, new DemoOptions { LastMonth = 202610 });
        Assert.Equal((8, 60, 20_000, 202411, 202610), (summary.Offices, summary.Managers, summary.Customers, summary.FirstMonth, summary.LastMonth));
        using var db = Db();
        Assert.Equal(4, db.Units.Count(u => u.Kind == UnitKind.Department));
        Assert.Equal(8, db.Units.Count(u => u.Kind == UnitKind.Office));
        Assert.Equal(60, db.Staff.Count(s => s.Role == "客户经理"));
        Assert.Equal(20_000, db.Customers.Count());
        Assert.Equal(24, db.Visits.Select(v => v.Month).Distinct().Count());
        Assert.Equal(202610, db.CustomerEvents.Max(e => e.Month));
    }
}

public sealed class PostgresDemoCompanyTests() : DemoCompanyTests(DatabaseProvider.PostgreSql);

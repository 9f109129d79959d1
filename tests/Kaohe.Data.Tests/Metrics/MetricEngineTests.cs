using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Data.Time;

namespace Kaohe.Data.Tests.Metrics;

/// <summary>Every metric on the hand-checked fixture, at company, unit-subtree and staff scope.</summary>
public abstract class MetricEngineTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private MetricFixture.Ids _ids = null!;
    private List<MetricResult> _october = null!;

    private void Compute(string period = "2026-10")
    {
        using (var db = Db()) _ids = MetricFixture.Seed(db);
        using var read = Db();
        _october = new MetricEngine(read).Compute(Period.Parse(period));
    }

    private MetricResult Get(string metric, ScopeKind kind, int id) =>
        _october.SingleOrDefault(r => r.Metric == metric && r.ScopeKind == kind && r.ScopeId == id)
        ?? throw new Xunit.Sdk.XunitException($"no {metric} for {kind} {id}");

    private void Expect(string metric, ScopeKind kind, int id, decimal numerator, decimal? denominator, decimal? value)
    {
        var r = Get(metric, kind, id);
        Assert.Equal((numerator, denominator, value), (r.Numerator, r.Denominator, r.Value));
    }

    [Theory]
    [InlineData("2026-10")]
    [InlineData("2026-Q4")]
    [InlineData("2026")]
    public void Each_side_in_its_own_query_gives_what_the_shared_queries_give(string period)
    {
        // By default, sides over the same table share one conditional-sum query; without sharing, each side has its
        // own query (and each metric is computed alone). Both must give the same rows.
        using (var db = Db()) _ids = MetricFixture.Seed(db);
        using var read = Db();
        var p = Period.Parse(period);
        var together = new MetricEngine(read).Compute(p);
        Assert.NotEmpty(together);
        foreach (var def in MetricCatalog.All.Where(d => !(d.MonthOnly && p.Kind != PeriodKind.Month)))
        {
            var alone = new MetricEngine(read) { ShareQueries = false }.Compute(p, [def.Code]);
            Assert.Equal(together.Where(r => r.Metric == def.Code).ToList(), alone);
        }
    }

    [Fact]
    public void Churn_and_growth_count_customers_at_the_start_of_the_month_per_subtree_and_staff()
    {
        Compute();
        Expect("churn_rate", ScopeKind.Company, _ids.Hq, 2, 10, 0.2m);
        Expect("churn_rate", ScopeKind.Unit, _ids.D1, 2, 10, 0.2m);
        Expect("churn_rate", ScopeKind.Unit, _ids.O1, 1, 6, 1m / 6m);
        Expect("churn_rate", ScopeKind.Unit, _ids.O2, 1, 4, 0.25m);
        Expect("churn_rate", ScopeKind.Staff, _ids.S1, 1, 6, 1m / 6m);
        // O1: 6 − 1 lost + 1 acquired − 1 transferred out = 5; O2: 4 − 1 + 1 transferred in = 4; company 10 − 2 + 1 = 9.
        Expect("growth_rate", ScopeKind.Company, _ids.Hq, -1, 10, -0.1m);
        Expect("growth_rate", ScopeKind.Unit, _ids.O1, -1, 6, -1m / 6m);
        Expect("growth_rate", ScopeKind.Unit, _ids.O2, 0, 4, 0m);
        Expect("growth_rate", ScopeKind.Staff, _ids.S2, 0, 4, 0m);
    }

    [Fact]
    public void Complaint_metrics_count_resolved_or_received_complaints_of_the_month()
    {
        Compute();
        // Resolved in October: K1 (satisfied, 24 h), K2 (not, 2 h), K4 (received in September, satisfied, 72 h).
        Expect("complaint_satisfaction", ScopeKind.Company, _ids.Hq, 2, 3, 2m / 3m);
        Expect("complaint_satisfaction", ScopeKind.Unit, _ids.O1, 1, 2, 0.5m);
        Expect("complaint_satisfaction", ScopeKind.Staff, _ids.S2, 1, 1, 1m);
        Expect("KF-04", ScopeKind.Company, _ids.Hq, 98, 3, 5880m / (3m * 60m)); // minutes ÷ (count × 60), one exact division
        Expect("KF-04", ScopeKind.Unit, _ids.O1, 26, 2, 13m);
        // Received in October: K1, K2, K3 — one satisfied (literal KF-05 denominator).
        Expect("KF-05", ScopeKind.Company, _ids.Hq, 1, 3, 1m / 3m);
        Expect("KF-05", ScopeKind.Unit, _ids.O2, 0, 1, 0m);
    }

    [Fact]
    public void Visit_task_survey_call_and_key_customer_metrics()
    {
        Compute();
        Expect("KF-03", ScopeKind.Company, _ids.Hq, 1, 2, 0.5m);
        Expect("KF-03", ScopeKind.Staff, _ids.S1, 1, 2, 0.5m);
        Expect("KF-06", ScopeKind.Company, _ids.Hq, 1, null, 1);
        Expect("KF-06", ScopeKind.Unit, _ids.O2, 1, null, 1);
        Expect("KF-06", ScopeKind.Unit, _ids.O1, 0, null, 0); // a count without records is 0, not missing
        Expect("KF-06", ScopeKind.Staff, _ids.S1, 0, null, 0);
        Expect("KF-07", ScopeKind.Company, _ids.Hq, 2, null, 2);
        // 首访 / 再访 success by the attempt of each done follow-up; no done third call: no rate (no row).
        Expect("first_visit_success", ScopeKind.Staff, _ids.S1, 2, 3, 2m / 3m);
        Expect("second_visit_success", ScopeKind.Unit, _ids.O1, 0, 1, 0m);
        Assert.DoesNotContain(_october, r => r.Metric == "third_visit_success" && r.ScopeKind == ScopeKind.Staff && r.ScopeId == _ids.S1);
        Expect("KF-01", ScopeKind.Company, _ids.Hq, 2, 3, 2m / 3m);
        Expect("KF-01", ScopeKind.Unit, _ids.O1, 1, 2, 0.5m);
        Expect("KF-10", ScopeKind.Unit, _ids.O2, 90, 100, 0.9m); // quantities as entered (stored ×10,000)
        Expect("KF-08", ScopeKind.Unit, _ids.O1, 17, 4, 4.25m);
        Expect("KF-14", ScopeKind.Unit, _ids.O1, 1, 3, 1m / 3m);
        Expect("KF-15", ScopeKind.Company, _ids.Hq, 4, null, 4);
    }

    [Fact]
    public void Money_targets_year_to_date_and_month_difference_metrics()
    {
        Compute();
        Expect("KF-11", ScopeKind.Unit, _ids.O1, 96_000, 100_000, 0.96m);
        Expect("KF-19", ScopeKind.Staff, _ids.S1, 50_000, 40_000, 1.25m);
        // O1 has sales but no target of its own: N/A (G6), numerator kept.
        Expect("KF-19", ScopeKind.Unit, _ids.O1, 50_000, 0, null);
        Expect("KF-17", ScopeKind.Unit, _ids.O2, 180, 200, 0.9m);
        Expect("KF-18", ScopeKind.Unit, _ids.O1, 98.25m, 97.5m, 0.75m);
        // Reported levels are taken as reported for their own unit: an amount in 元, a growth rate that may be negative.
        Expect("avg_price_growth", ScopeKind.Unit, _ids.O1, 12.5m, null, 12.5m);
        Expect("cigarette_growth", ScopeKind.Unit, _ids.O1, -3.5m, null, -0.035m);
        Assert.DoesNotContain(_october, r => r.Metric == "avg_price_growth" && r.ScopeKind != ScopeKind.Unit);
        Expect("KF-20", ScopeKind.Unit, _ids.O2, 30, 100, 0.3m);
    }

    [Fact]
    public void Quarter_and_year_group_the_same_records_and_an_empty_start_is_not_applicable()
    {
        using (var db = Db()) _ids = MetricFixture.Seed(db);
        using var read = Db();
        var engine = new MetricEngine(read);
        var q4 = engine.Compute(Period.Parse("2026-Q4"));
        var churn = q4.Single(r => r.Metric == "churn_rate" && r.ScopeKind == ScopeKind.Company);
        Assert.Equal((2m, (decimal?)10m, (decimal?)0.2m), (churn.Numerator, churn.Denominator, churn.Value));
        Assert.Equal("2026-Q4", churn.Period.ToString());

        var year = engine.Compute(Period.Parse("2026"));
        var yearChurn = year.Single(r => r.Metric == "churn_rate" && r.ScopeKind == ScopeKind.Company);
        Assert.Equal((2m, (decimal?)0m, (decimal?)null), (yearChurn.Numerator, yearChurn.Denominator, yearChurn.Value));
        // The year's complaints: all four received, two satisfied.
        var kf05 = year.Single(r => r.Metric == "KF-05" && r.ScopeKind == ScopeKind.Company);
        Assert.Equal((2m, (decimal?)4m), (kf05.Numerator, kf05.Denominator));
        Assert.DoesNotContain(year, r => r.Metric == "KF-18");

        var september = engine.Compute(Period.Parse("2026-09"));
        var sepGrowth = september.Single(r => r.Metric == "growth_rate" && r.ScopeKind == ScopeKind.Company);
        Assert.Null(sepGrowth.Value);
        Assert.Equal(10m, sepGrowth.Numerator);
    }
}

public sealed class SqliteMetricEngineTests() : MetricEngineTests(DatabaseProvider.Sqlite);

public sealed class PostgresMetricEngineTests() : MetricEngineTests(DatabaseProvider.PostgreSql);

using Kaohe.Core.Model;
using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Metrics;

/// <summary>Closing months, frozen values and baselines over closed history (G7), on both providers.</summary>
public abstract class MetricStoreTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    private static Period P(string p) => Period.Parse(p);

    private MetricFixture.Ids SeedAndClose(params string[] months)
    {
        MetricFixture.Ids ids;
        using (var db = Db()) ids = MetricFixture.Seed(db);
        using var store = Db();
        foreach (var m in months) Assert.True(new MetricStore(store).Close(P(m), "测试", Now) > 0);
        return ids;
    }

    [Fact]
    public void A_closed_month_keeps_its_frozen_values_when_records_change_and_the_change_is_reported()
    {
        var ids = SeedAndClose("2026-09", "2026-10");
        using (var db = Db())
        {
            var c3 = db.Customers.Single(c => c.Code == "C3");
            db.CustomerEvents.Add(new CustomerEvent
            {
                CustomerId = c3.Id, Kind = CustomerEventKind.Lost, OccurredOn = new DateOnly(2026, 10, 30), Month = 202610,
                UnitId = ids.O1, StaffId = ids.S1,
            });
            db.SaveChanges();
        }
        using var read = Db();
        var store = new MetricStore(read);
        var churn = store.Get("churn_rate", ScopeKind.Company, ids.Hq, P("2026-10"))!;
        Assert.Equal(0.2m, churn.Value);
        Assert.True(store.Read("churn_rate", ScopeKind.Company, ids.Hq, P("2026-10")).Frozen);

        var diffs = store.FrozenDifferences(P("2026-10"));
        Assert.Contains(diffs, d => d.Now.Metric == "churn_rate" && d.Now.ScopeKind == ScopeKind.Company && d.Now.Value == 0.3m && d.Frozen.Value == 0.2m);
        Assert.Contains(diffs, d => d.Now.Metric == "KF-06" && d.Now.ScopeKind == ScopeKind.Unit && d.Now.ScopeId == ids.O1);
        Assert.Empty(store.FrozenDifferences(P("2026-09")));
    }

    [Fact]
    public void Baselines_use_closed_prior_months_only_skip_not_applicable_months_and_say_when_there_is_none()
    {
        var ids = SeedAndClose("2026-09", "2026-10");
        using var read = Db();
        var store = new MetricStore(read);
        var nov = P("2026-11");

        // September has no customers at its start (N/A) and never sets a record; October's 20 % is the only history.
        var min = store.Baseline("churn_rate", ScopeKind.Company, ids.Hq, nov, BaselineSource.HistoricalMin);
        Assert.Equal((0.2m, (Period?)P("2026-10")), (min.Value, min.From));
        var best = store.Baseline("complaint_satisfaction", ScopeKind.Unit, ids.O1, nov, BaselineSource.HistoricalMax);
        Assert.Equal(0.5m, best.Value);
        var previous = store.Baseline("growth_rate", ScopeKind.Unit, ids.O1, nov, BaselineSource.PreviousPeriod);
        Assert.Equal(-1m / 6m, previous.Value);
        Assert.Null(store.Baseline("growth_rate", ScopeKind.Unit, ids.O1, nov, BaselineSource.SamePeriodLastYear).Value);

        // For October itself the history is September only: nothing usable (G7: no history → base score).
        var none = store.Baseline("churn_rate", ScopeKind.Company, ids.Hq, P("2026-10"), BaselineSource.HistoricalMin);
        Assert.Null(none.Value);

        // November is open: computed from the records now (9 customers, none lost).
        var open = store.Read("churn_rate", ScopeKind.Company, ids.Hq, nov);
        Assert.Equal((0m, (decimal?)9m, (decimal?)0m, false), (open.Numerator, open.Denominator, open.Value, open.Frozen));
    }

    [Fact]
    public void A_store_asked_for_many_scopes_reads_a_month_at_once_and_answers_as_one_asked_once_and_forgets_at_closing()
    {
        var ids = SeedAndClose("2026-09", "2026-10");
        (ScopeKind, int)[] scopes =
            [(ScopeKind.Company, ids.Hq), (ScopeKind.Unit, ids.D1), (ScopeKind.Unit, ids.O1), (ScopeKind.Unit, ids.O2), (ScopeKind.Staff, ids.S1), (ScopeKind.Staff, ids.S2)];
        string[] metrics = ["churn_rate", "complaint_satisfaction", "growth_rate", "KF-06"];
        using var db = Db();
        // One store for every question (past the point where it reads whole months), against a fresh store per question.
        var shared = new MetricStore(db);
        var asked = 0;
        foreach (var period in new[] { P("2026-09"), P("2026-10"), P("2026-11") })
            foreach (var metric in metrics)
                foreach (var (kind, id) in scopes)
                {
                    Assert.Equal(new MetricStore(db).Read(metric, kind, id, period), shared.Read(metric, kind, id, period));
                    foreach (var source in new[] { BaselineSource.HistoricalMin, BaselineSource.HistoricalMax, BaselineSource.PreviousPeriod })
                        Assert.Equal(new MetricStore(db).Baseline(metric, kind, id, period, source), shared.Baseline(metric, kind, id, period, source));
                    asked++;
                }
        Assert.Equal(72, asked);
        // November closed through the same store: what it had read of November (computed, open) is forgotten.
        Assert.False(shared.Read("churn_rate", ScopeKind.Company, ids.Hq, P("2026-11")).Frozen);
        Assert.True(shared.Close(P("2026-11"), "测试", Now) > 0);
        Assert.True(shared.Read("churn_rate", ScopeKind.Company, ids.Hq, P("2026-11")).Frozen);
        Assert.Equal(new MetricStore(db).Baseline("churn_rate", ScopeKind.Company, ids.Hq, P("2026-12"), BaselineSource.PreviousPeriod),
            shared.Baseline("churn_rate", ScopeKind.Company, ids.Hq, P("2026-12"), BaselineSource.PreviousPeriod));
    }

    [Fact]
    public void Months_close_in_order_once_and_only_the_last_can_be_reopened()
    {
        SeedAndClose("2026-09");
        using var db = Db();
        var store = new MetricStore(db);
        Assert.Contains("已结账", Assert.Throws<InvalidOperationException>(() => store.Close(P("2026-09"), "x", Now)).Message);
        Assert.Contains("请先结账 2026-10", Assert.Throws<InvalidOperationException>(() => store.Close(P("2026-11"), "x", Now)).Message);
        Assert.Contains("只能按月", Assert.Throws<InvalidOperationException>(() => store.Close(P("2026-Q4"), "x", Now)).Message);
        store.Close(P("2026-10"), "x", Now);
        Assert.Contains("最后一个", Assert.Throws<InvalidOperationException>(() => store.Reopen(P("2026-09"), "x", Now, "更正")).Message);
        store.Reopen(P("2026-10"), "x", Now, "更正");
        Assert.Equal([202609], store.ClosedMonths());
        Assert.False(db.MetricValues.AsNoTracking().Any(v => v.Period == "2026-10"));
    }
}

public sealed class SqliteMetricStoreTests() : MetricStoreTests(DatabaseProvider.Sqlite);

public sealed class PostgresMetricStoreTests() : MetricStoreTests(DatabaseProvider.PostgreSql);

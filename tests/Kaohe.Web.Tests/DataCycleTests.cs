using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Core.Inputs;
using Kaohe.Core.Scoring;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Appraisal;
using Kaohe.Data.Demo;
using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Schemes;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Web.Tests;

/// <summary>
/// A cycle whose quantitative items come from the customer base (TPL-04, an office): the form shows each value with
/// its baseline and source, and the released result equals what the engine gives for the same metrics and grades
/// (the path of <c>kaohe appraise</c>).
/// </summary>
public abstract class DataCycleTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task An_office_is_appraised_with_its_metrics_and_baselines_from_the_customer_base()
    {
        _ = Host.Factory.Services;
        var database = Host.Db.Database;
        var summary = DemoCompany.Create(database, new DemoOptions { LastMonth = 202610, Months = 13, Customers = 1500, Managers = 8 });
        DemoCompany.CloseAll(database, summary, "test");
        string office;
        using (var db = database.CreateContext())
        {
            var unit = db.Units.Where(u => u.Kind == UnitKind.Office).OrderBy(u => u.Code).First();
            office = unit.Code;
            var chief = db.Staff.Single(s => s.UnitId == unit.Id && s.Role == "办事处主任");
            var store = new AccountStore(db);
            store.Create("admin", new NewAccount("hr", "人事", TestHost.Password, AccountRole.Hr));
            store.Create("admin", new NewAccount("boss", "部门经理", TestHost.Password, AccountRole.Rater, chief.SupervisorId));
            store.Create("admin", new NewAccount("head", "主任", TestHost.Password, AccountRole.Appraisee, chief.Id));
        }
        using var hr = await Host.As("hr");
        var opened = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new { scheme = "TPL-04", period = "2026-10", subjects = new[] { office } }), HttpStatusCode.Created);
        var subject = opened.GetProperty("subjects")[0];
        Assert.Equal("head", subject.Str("appraisee"));
        var formRow = subject.GetProperty("forms")[0];
        Assert.Equal(("考核评分", "boss"), (formRow.Str("role"), formRow.Str("rater")));

        using var boss = await Host.As("boss");
        var form = await Json.Read(await boss.GetAsync($"/api/forms/{formRow.Int("id")}"), HttpStatusCode.OK);
        // Only the seven graded items are filled in by hand; the three rates come from the data and stand in their
        // places in the form's item table (items 8–10), read only.
        var items = form.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(10, items.Count);
        Assert.Equal([false, false, false, false, false, false, false, true, true, true],
            items.Select(i => i.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object));
        var metrics = form.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(["churn_rate", "growth_rate", "complaint_satisfaction"], metrics.Select(m => m.Str("metric")));
        Assert.All(metrics, m => Assert.Contains("客户数据", m.Str("source")));

        // The values are the frozen ones of the closed month, with the baseline the scheme names.
        var scheme = SchemeCatalog.Resolve("TPL-04").Scheme!;
        IReadOnlyList<SubjectInput> expectedInputs;
        var grades = new Dictionary<string, RawInput>
        {
            ["负责区域内客户调查情况"] = new RawScalar("优秀"), ["负责区域内客户开发情况"] = new RawScalar("良好"), ["实施客户开发企划案情况"] = new RawScalar("一般"),
            ["办事处客户信息库建立和维护情况"] = new RawScalar("良好"), ["区域内客户业绩管理与考核情况"] = new RawScalar("优秀"),
            ["区域内客户信用管理情况"] = new RawScalar("差"), ["区域内客户投诉处理情况"] = new RawScalar("良好"),
        };
        using (var db = database.CreateContext())
        {
            var problems = new List<AppraisalProblem>();
            var subjects = DataAppraisal.Subjects(db, scheme, [office], null, problems);
            var company = db.Units.Single(u => u.ParentId == null).Id;
            expectedInputs = DataAppraisal.Inputs(scheme, Kaohe.Data.Time.Period.Parse("2026-10"), subjects, new MetricStore(db), company,
                new Dictionary<string, SubjectInput> { [office] = new(office, grades.ToImmutableDictionary(), ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty, ImmutableDictionary<string, RawInput>.Empty) },
                problems);
            Assert.Empty(problems);
        }
        var churn = (RawObject)expectedInputs[0].Inputs["当月办事处客户流失率"];
        // Shown as the form words a rate (2 decimals), the exact value beside it for the explanation and tooltip.
        Assert.Equal(churn.Fields["value"].Display, metrics[0].Str("exactValue"));
        Assert.Equal(churn.Fields["baseline"].Display, metrics[0].Str("exactBaseline"));
        Assert.Equal(Kaohe.Core.Text.Fmt.Reading(churn.Fields["value"].Display), metrics[0].Str("value"));
        Assert.Matches(@"^-?\d+(\.\d{1,2})?%$", metrics[0].Str("value"));
        Assert.DoesNotContain("churn_rate", metrics[0].Str("source"));

        await Json.Read(await boss.PostAsJsonAsync($"/api/forms/{formRow.Int("id")}/submit", new
        {
            inputs = grades.ToDictionary(g => g.Key, g => g.Value.Display), version = form.Int("version"),
        }), HttpStatusCode.OK);
        var cycleId = opened.GetProperty("cycle").Int("id");
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycleId}/release", new { version = opened.GetProperty("cycle").Int("version") }), HttpStatusCode.OK);

        var expected = ScoringEngine.ScoreAll(scheme, expectedInputs);
        Assert.True(expected.IsSuccess, string.Join("; ", expected.Errors));
        using var head = await Host.As("head");
        var mine = Assert.Single((await Json.Read(await head.GetAsync("/api/results/mine"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(expected.Results[0].Total, mine.Dec("total"));
        var churnScore = mine.GetProperty("result").GetProperty("indicators").EnumerateArray().Single(i => i.Str("name") == "当月办事处客户流失率");
        Assert.Equal(expected.Results[0].Indicators.Single(i => i.Name == "当月办事处客户流失率").Explanation, churnScore.Str("explanation"));
    }
}

public sealed class SqliteDataCycleTests() : DataCycleTests(DatabaseProvider.Sqlite);

public sealed class PostgresDataCycleTests() : DataCycleTests(DatabaseProvider.PostgreSql);

using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using Kaohe.Core.Inputs;
using Kaohe.Core.Scoring;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Appraisal;
using Kaohe.Data.Demo;
using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Schemes;

namespace Kaohe.Web.Tests;

/// <summary>
/// The what-if of issue 14 on items from the customer base (TPL-04, an office): the office's rater asks what churn rate gives
/// 18 points, and the answer is the engine's what-if on the metrics <c>kaohe appraise</c> computes for the same month.
/// </summary>
public abstract class WhatIfDataTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task The_churn_rate_for_18_points_is_the_engines_answer_on_the_frozen_metrics()
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
        }
        using var hr = await Host.As("hr");
        var opened = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new { scheme = "TPL-04", period = "2026-10", subjects = new[] { office } }), HttpStatusCode.Created);
        var formId = opened.GetProperty("subjects")[0].GetProperty("forms")[0].Int("id");

        using var boss = await Host.As("boss");
        var items = await Json.Read(await boss.GetAsync($"/api/forms/{formId}/whatif/items"), HttpStatusCode.OK);
        // The three rates from the data; the seven graded items cannot be solved for.
        Assert.Equal(["当月办事处客户流失率", "当月办事处客户增长率", "当月办事处客户投诉处理满意率"], items.EnumerateArray().Select(i => i.Str("indicator")));
        var answer = await Json.Read(await boss.GetAsync($"/api/forms/{formId}/whatif?indicator={Uri.EscapeDataString("当月办事处客户流失率")}&points=18"), HttpStatusCode.OK);

        var scheme = SchemeCatalog.Resolve("TPL-04").Scheme!;
        SubjectInput expected;
        using (var db = database.CreateContext())
        {
            var problems = new List<AppraisalProblem>();
            var subjects = DataAppraisal.Subjects(db, scheme, [office], null, problems);
            var company = db.Units.Single(u => u.ParentId == null).Id;
            expected = DataAppraisal.Inputs(scheme, Kaohe.Data.Time.Period.Parse("2026-10"), subjects, new MetricStore(db), company,
                new Dictionary<string, SubjectInput>(), problems)[0];
        }
        var churn = scheme.Indicators.Single(i => i.Name == "当月办事处客户流失率");
        var one = expected with { Inputs = ImmutableDictionary<string, RawInput>.Empty.Add(churn.Name, expected.Inputs[churn.Name]) };
        var cli = WhatIf.Solve(scheme, churn, one, "value", 18);
        // The demo office has a churn rate and a historical minimum, so 18 of the 20 points is within reach.
        Assert.Null(cli.Error);
        Assert.True(answer.GetProperty("reachable").GetBoolean());
        Assert.Equal((cli.Value!.Value, cli.Explanation), (answer.Dec("value"), answer.Str("sentence")));
        Assert.EndsWith("%", answer.Str("valueText"));
        Assert.Equal(Kaohe.Core.Text.Fmt.Reading(((RawObject)expected.Inputs[churn.Name]).Fields["value"].Display), answer.Str("currentValue"));
    }
}

public sealed class SqliteWhatIfDataTests() : WhatIfDataTests(DatabaseProvider.Sqlite);

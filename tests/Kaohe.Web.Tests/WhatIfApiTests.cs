using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Tests.Cycles;

namespace Kaohe.Web.Tests;

/// <summary>
/// <c>GET /api/results/{id}/whatif</c> and <c>/api/forms/{id}/whatif</c> (issue 14): the answer of <c>kaohe whatif</c> as
/// JSON for whoever may read the result or form; a bad question is a Chinese 400 at its field, another's result a 404.
/// </summary>
public abstract class WhatIfApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    private static readonly object Rated = new Dictionary<string, object>
    {
        ["客户流失率"] = new Dictionary<string, string> { ["value"] = "4%", ["baseline"] = "5%" },
        ["综合得分"] = 70,
    };

    /// <summary>A released cycle of 员工甲 and 员工乙 on the what-if scheme: (subject E11, subject E12, form of E11).</summary>
    private async Task<(int S1, int S2, int F1)> Released()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = WhatIfTests.Yaml }), HttpStatusCode.OK);
        var detail = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new { scheme = "流失测算", period = "2026-10", subjects = new[] { "E11", "E12" } }), HttpStatusCode.Created);
        var subjects = detail.GetProperty("subjects").EnumerateArray().ToDictionary(s => s.Str("code"));
        foreach (var (code, rater) in new[] { ("E11", "rater1"), ("E12", "rater2") })
        {
            using var c = await Host.As(rater);
            var id = subjects[code].GetProperty("forms")[0].Int("id");
            var form = await Json.Read(await c.GetAsync($"/api/forms/{id}"), HttpStatusCode.OK);
            await Json.Read(await c.PostAsJsonAsync($"/api/forms/{id}/submit", new { inputs = Rated, version = form.Int("version") }), HttpStatusCode.OK);
        }
        var cycle = detail.GetProperty("cycle");
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycle.Int("id")}/release", new { version = cycle.Int("version") }), HttpStatusCode.OK);
        return (subjects["E11"].Int("id"), subjects["E12"].Int("id"), subjects["E11"].GetProperty("forms")[0].Int("id"));
    }

    private static string Ask(string what, int id, string indicator, string points) =>
        $"/api/{what}/{id}/whatif?indicator={Uri.EscapeDataString(indicator)}&points={Uri.EscapeDataString(points)}";

    [Fact]
    public async Task An_appraisee_asks_their_result_what_churn_rate_gives_18_points()
    {
        var (s1, _, _) = await Released();
        using var emp1 = await Host.As("emp1");

        var items = await Json.Read(await emp1.GetAsync($"/api/results/{s1}/whatif/items"), HttpStatusCode.OK);
        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal(("客户流失率", 20m, "4%", 16m), (item.Str("indicator"), item.Dec("points"), item.Str("value"), item.Dec("score")));

        // Full-width digits are read as the form reads them.
        var answer = await Json.Read(await emp1.GetAsync(Ask("results", s1, "客户流失率", "１８")), HttpStatusCode.OK);
        Assert.True(answer.GetProperty("reachable").GetBoolean());
        Assert.Equal((2m, "2%", 18m, 18m), (answer.Dec("value"), answer.Str("valueText"), answer.Dec("score"), answer.Dec("points")));
        Assert.StartsWith("要使“客户流失率”达到 18 分", answer.Str("sentence"));
        Assert.Contains("≤ 2%", answer.Str("sentence"));
        Assert.Equal(("4%", 16m), (answer.Str("currentValue"), answer.Dec("currentScore")));
    }

    [Theory]
    [InlineData("客户流失率", "21", "points")]
    [InlineData("客户流失率", "abc", "points")]
    [InlineData("综合得分", "10", "indicator")]
    public async Task A_bad_question_is_a_chinese_400_at_its_field(string indicator, string points, string field)
    {
        var (s1, _, _) = await Released();
        using var emp1 = await Host.As("emp1");
        var problem = await Json.Read(await emp1.GetAsync(Ask("results", s1, indicator, points)), HttpStatusCode.BadRequest);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.Str("title"));
        Assert.Equal(field, Assert.Single(problem.GetProperty("fields").EnumerateArray()).Str("field"));
        // No parameters at all: the same refusal, never a crash.
        var bare = await Json.Read(await emp1.GetAsync($"/api/results/{s1}/whatif"), HttpStatusCode.BadRequest);
        Assert.Equal("indicator", bare.GetProperty("fields")[0].Str("field"));
    }

    [Fact]
    public async Task Another_appraisees_result_or_form_is_not_found_and_the_rater_asks_on_the_form()
    {
        var (s1, s2, f1) = await Released();
        using var emp1 = await Host.As("emp1");
        await Json.Read(await emp1.GetAsync(Ask("results", s2, "客户流失率", "18")), HttpStatusCode.NotFound);
        await Json.Read(await emp1.GetAsync($"/api/results/{s2}/whatif/items"), HttpStatusCode.NotFound);
        await Json.Read(await emp1.GetAsync(Ask("forms", f1, "客户流失率", "18")), HttpStatusCode.NotFound);
        using var hr1 = await Host.As("hr1");
        await Json.Read(await hr1.GetAsync(Ask("results", s2, "客户流失率", "18")), HttpStatusCode.NotFound);

        using var rater1 = await Host.As("rater1");
        var onForm = await Json.Read(await rater1.GetAsync(Ask("forms", f1, "客户流失率", "18")), HttpStatusCode.OK);
        Assert.Equal(2m, onForm.Dec("value"));
        var formItems = await Json.Read(await rater1.GetAsync($"/api/forms/{f1}/whatif/items"), HttpStatusCode.OK);
        Assert.Equal("客户流失率", Assert.Single(formItems.EnumerateArray()).Str("indicator"));
        // The rater sees the form, not the result.
        await Json.Read(await rater1.GetAsync(Ask("results", s1, "客户流失率", "18")), HttpStatusCode.NotFound);

    }
}

public sealed class SqliteWhatIfApiTests() : WhatIfApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresWhatIfApiTests() : WhatIfApiTests(DatabaseProvider.PostgreSql);

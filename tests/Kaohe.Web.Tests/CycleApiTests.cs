using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Model;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kaohe.Web.Tests;

/// <summary>
/// A whole appraisal month through the API on each provider: TPL-07 (客服经理月度, raters 自评 weight 0 and 主管评
/// 100 %, banded payout), two appraisees, two raters; and what each role may not do.
/// </summary>
public abstract class CycleApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    // TPL-07's indicators, all rated by 自评 and 主管评 (points 10, 10, 10, 15, 5, 5, 5, 20, 20).
    private static readonly string[] Items =
        ["客户关系的维护", "建立客户信息库", "客诉处理", "主管考核第4-5项（原表丢失）", "分析/执行能力", "协调/沟通能力", "责任感/全局观念/企业认同感", "财务制度遵守与执行", "出勤率及行政制度执行"];

    private async Task<HttpClient> Start()
    {
        CreateCompany();
        return await Host.As("hr");
    }

    private static async Task<JsonElement> Open(HttpClient hr, object? extra = null)
    {
        var response = await hr.PostAsJsonAsync("/api/cycles", extra ?? new
        {
            scheme = "TPL-07", period = "2026-10", subjects = new[] { "E11", "E12" }, confirmDays = 3,
            payoutBases = new Dictionary<string, decimal> { ["E11"] = 3000, ["E12"] = 2000 },
        });
        return await Json.Read(response, HttpStatusCode.Created);
    }

    private static Dictionary<string, object> Values(params decimal[] scores) =>
        Items.Zip(scores).ToDictionary(p => p.First, p => (object)p.Second);

    private static async Task<JsonElement> Form(HttpClient c, int id) => await Json.Read(await c.GetAsync($"/api/forms/{id}"), HttpStatusCode.OK);

    private static async Task<JsonElement> Submit(HttpClient c, int id, object inputs, string? comment = null)
    {
        var form = await Form(c, id);
        return await Json.Read(await c.PostAsJsonAsync($"/api/forms/{id}/submit", new { inputs, comment, version = form.Int("version") }), HttpStatusCode.OK);
    }

    private static int FormOf(JsonElement detail, string subjectCode, string role) =>
        detail.GetProperty("subjects").EnumerateArray().Single(s => s.Str("code") == subjectCode)
            .GetProperty("forms").EnumerateArray().Single(f => f.Str("role") == role).Int("id");

    private static int SubjectOf(JsonElement detail, string code) =>
        detail.GetProperty("subjects").EnumerateArray().Single(s => s.Str("code") == code).Int("id");

    [Fact]
    public async Task A_month_is_opened_rated_released_confirmed_or_appealed_resolved_and_published()
    {
        using var hr = await Start();
        var detail = await Open(hr);
        var cycleId = detail.GetProperty("cycle").Int("id");
        Assert.Equal("评分中", detail.GetProperty("cycle").Str("statusName"));
        // Default raters: the appraisee for 自评, the supervisor's account for 主管评.
        var rows = detail.GetProperty("subjects").EnumerateArray().ToList();
        Assert.Equal(["E11", "E12"], rows.Select(r => r.Str("code")));
        Assert.Equal(["emp1", "emp2"], rows.Select(r => r.Str("appraisee")));
        Assert.Equal(["自评:emp1", "主管评:rater1"], rows[0].GetProperty("forms").EnumerateArray().Select(f => f.Str("role") + ":" + f.Str("rater")));
        Assert.Equal(["自评:emp2", "主管评:rater2"], rows[1].GetProperty("forms").EnumerateArray().Select(f => f.Str("role") + ":" + f.Str("rater")));

        using var rater1 = await Host.As("rater1");
        using var rater2 = await Host.As("rater2");
        using var emp1 = await Host.As("emp1");
        using var emp2 = await Host.As("emp2");

        // To-do lists: each rater sees exactly their one form.
        var todo = await Json.Read(await rater1.GetAsync("/api/forms"), HttpStatusCode.OK);
        Assert.Equal([("员工甲", "主管评")], todo.EnumerateArray().Select(t => (t.Str("subjectName"), t.Str("role"))));
        var f1 = FormOf(detail, "E11", "主管评");
        var f2 = FormOf(detail, "E12", "主管评");

        // The form shows the paper form's items with points and standards.
        var form = await Form(rater1, f1);
        Assert.Equal(Items, form.GetProperty("indicators").EnumerateArray().Select(i => i.Str("name")).Take(Items.Length));
        Assert.Equal(10m, form.GetProperty("indicators")[0].Dec("points"));

        // A draft, then the submission; the draft keeps its values.
        var draft = await Json.Read(await rater1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客户关系的维护"] = 9 }, comment = "草稿", version = form.Int("version") }), HttpStatusCode.OK);
        Assert.Equal("草稿", draft.Str("statusName"));
        Assert.Equal(9m, draft.GetProperty("indicators")[0].GetProperty("value").GetDecimal());

        // HR sees who has not rated yet.
        var progress = await Json.Read(await hr.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.OK);
        Assert.Equal(["emp1", "emp2", "rater1", "rater2"], progress.GetProperty("notRated").EnumerateArray().Select(p => p.Str("rater")).Order());
        // Releasing with open forms is refused and names them.
        var early = await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycleId}/release", new { version = progress.GetProperty("cycle").Int("version") }), HttpStatusCode.Conflict);
        Assert.Contains("4 张评分表未提交", early.Str("title"));

        await Submit(rater1, f1, Values(9, 8, 9, 13, 4, 4, 5, 18, 19), "服务认真");       // 89
        await Submit(rater2, f2, Values(10, 10, 9, 14, 5, 5, 5, 19, 20));                  // 97
        await Submit(emp1, FormOf(detail, "E11", "自评"), Values(10, 10, 10, 15, 5, 5, 5, 20, 20));
        await Submit(emp2, FormOf(detail, "E12", "自评"), Values(10, 10, 10, 15, 5, 5, 5, 20, 20));

        // A submitted form is locked for its rater.
        var locked = await Json.Read(await rater1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new { }, version = 99 }), HttpStatusCode.Conflict);
        Assert.Contains("已提交", locked.Str("title"));
        // Results are not visible to the appraisee before release.
        var s1 = SubjectOf(detail, "E11");
        var s2 = SubjectOf(detail, "E12");
        await Json.Read(await emp1.GetAsync($"/api/results/{s1}"), HttpStatusCode.NotFound);

        progress = await Json.Read(await hr.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.OK);
        Assert.Empty(progress.GetProperty("notRated").EnumerateArray());
        var released = await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycleId}/release", new { version = progress.GetProperty("cycle").Int("version") }), HttpStatusCode.OK);
        Assert.Equal("确认中", released.Str("statusName"));
        Assert.Equal(Host.Clock.Now.UtcDateTime.AddDays(3), released.GetProperty("confirmDeadline").GetDateTime());

        // The appraisee's own result: 主管评 only (自评 weight 0); BP-02: 89 → 3000 × 89 / 100 = 2670; 97 → full 2000.
        var mine = await Json.Read(await emp1.GetAsync("/api/results/mine"), HttpStatusCode.OK);
        var r1 = Assert.Single(mine.EnumerateArray());
        Assert.Equal((89m, 2670m), (r1.Dec("total"), r1.Dec("payout")));
        Assert.True(r1.GetProperty("canAnswer").GetBoolean());
        var first = r1.GetProperty("result").GetProperty("indicators")[0];
        Assert.Equal(9m, first.Dec("score"));
        Assert.NotEmpty(first.Str("explanation"));
        Assert.Contains(first.GetProperty("raters").EnumerateArray(), r => r.Str("role") == "自评" && r.Dec("weight") == 0m);
        var r2 = await Json.Read(await emp2.GetAsync($"/api/results/{s2}"), HttpStatusCode.OK);
        Assert.Equal((97m, 2000m), (r2.Dec("total"), r2.Dec("payout")));

        // One confirms, one appeals.
        var confirmed = await Json.Read(await emp1.PostAsJsonAsync($"/api/results/{s1}/confirm", new { version = r1.Int("version") }), HttpStatusCode.OK);
        Assert.Equal("已确认", confirmed.Str("confirmationName"));
        await Json.Read(await emp2.PostAsJsonAsync($"/api/results/{s2}/appeal", new { reason = "", version = r2.Int("version") }), HttpStatusCode.BadRequest);
        var appealed = await Json.Read(await emp2.PostAsJsonAsync($"/api/results/{s2}/appeal", new { reason = "客诉处理一项漏计了我处理的两起投诉", version = r2.Int("version") }), HttpStatusCode.OK);
        Assert.Equal("申诉中", appealed.Str("confirmationName"));
        await Json.Read(await emp2.PostAsJsonAsync($"/api/results/{s2}/confirm", new { version = appealed.Int("version") }), HttpStatusCode.Conflict);

        // Publishing waits for the appeal.
        var cycle = await Json.Read(await hr.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.OK);
        var blocked = await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycleId}/publish", new { version = cycle.GetProperty("cycle").Int("version") }), HttpStatusCode.Conflict);
        Assert.Contains("申诉未处理", blocked.Str("title"));

        // HR re-scores: 客诉处理 9 → 10 in 主管评, with a reason.
        var resolved = await Json.Read(await hr.PostAsJsonAsync($"/api/results/{s2}/resolve", new
        {
            decision = "rescore", reason = "核实投诉记录，补计两起", version = appealed.Int("version"),
            changes = new Dictionary<string, object> { [f2.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new Dictionary<string, object> { ["客诉处理"] = 10 } },
        }), HttpStatusCode.OK);
        Assert.Equal(("申诉已处理", 98m), (resolved.Str("confirmationName"), resolved.Dec("total")));
        Assert.StartsWith("重新评分：", resolved.Str("resolution"));

        var audit = await Json.Read(await hr.GetAsync($"/api/cycles/{cycleId}/audit"), HttpStatusCode.OK);
        var change = audit.EnumerateArray().Single(a => a.Str("action") == "申诉改分" && a.Str("field") == "客诉处理");
        Assert.Equal(("hr", "9", "10", "核实投诉记录，补计两起"), (change.Str("actor"), change.Str("oldValue"), change.Str("newValue"), change.Str("reason")));
        var total = audit.EnumerateArray().Single(a => a.Str("action") == "申诉改分" && a.Str("field") == "总分");
        Assert.Equal(("97", "98"), (total.Str("oldValue"), total.Str("newValue")));
        Assert.Contains(audit.EnumerateArray(), a => a.Str("action") == "提出申诉" && a.Str("actor") == "emp2");
        Assert.Contains(audit.EnumerateArray(), a => a.Str("action") == "修改评分" && a.Str("actor") == "rater1" && a.Str("field") == "客户关系的维护");

        cycle = await Json.Read(await hr.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.OK);
        var published = await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycleId}/publish", new { version = cycle.GetProperty("cycle").Int("version") }), HttpStatusCode.OK);
        Assert.Equal("已发布", published.Str("statusName"));
        // Locked: no more answers or resolutions.
        await Json.Read(await emp1.PostAsJsonAsync($"/api/results/{s1}/appeal", new { reason = "迟到的申诉", version = confirmed.Int("version") }), HttpStatusCode.Conflict);
        using var db = Host.Db.Database.CreateContext();
        Assert.Equal(CycleStatus.Published, db.Cycles.Single().Status);
    }

    [Fact]
    public async Task Silence_past_the_deadline_counts_as_confirmation()
    {
        using var hr = await Start();
        var detail = await Open(hr);
        var cycleId = detail.GetProperty("cycle").Int("id");
        using var rater1 = await Host.As("rater1");
        using var rater2 = await Host.As("rater2");
        await Submit(rater1, FormOf(detail, "E11", "主管评"), Values(9, 8, 9, 13, 4, 4, 5, 18, 19));
        await Submit(rater2, FormOf(detail, "E12", "主管评"), Values(10, 10, 9, 14, 5, 5, 5, 19, 20));
        var progress = await Json.Read(await hr.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.OK);
        // The self-assessments (weight 0) are left out on purpose.
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycleId}/release", new { version = progress.GetProperty("cycle").Int("version"), allowMissing = true }), HttpStatusCode.OK);

        progress = await Json.Read(await hr.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.OK);
        var early = await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycleId}/publish", new { version = progress.GetProperty("cycle").Int("version") }), HttpStatusCode.Conflict);
        Assert.Contains("2 人未确认", early.Str("title"));

        Host.Clock.Now = Host.Clock.Now.AddDays(3).AddMinutes(1);
        using var emp1 = await Host.As("emp1");
        var s1 = SubjectOf(detail, "E11");
        var mine = await Json.Read(await emp1.GetAsync($"/api/results/{s1}"), HttpStatusCode.OK);
        Assert.Equal(("逾期视为确认", false), (mine.Str("confirmationName"), mine.GetProperty("canAnswer").GetBoolean()));
        var late = await Json.Read(await emp1.PostAsJsonAsync($"/api/results/{s1}/appeal", new { reason = "晚了", version = mine.Int("version") }), HttpStatusCode.Conflict);
        Assert.Contains("视为确认", late.Str("title"));

        using var hrLater = await Host.As("hr"); // the sessions of three days ago have expired (8 hours)
        await Json.Read(await hrLater.PostAsJsonAsync($"/api/cycles/{cycleId}/publish", new { version = progress.GetProperty("cycle").Int("version") }), HttpStatusCode.OK);
        using var db = Host.Db.Database.CreateContext();
        Assert.All(db.CycleSubjects.ToList(), s => Assert.Equal(ConfirmationStatus.DeemedConfirmed, s.Confirmation));
        Assert.Equal(2, db.AuditEntries.Count(a => a.Action == "视为确认"));
    }

    [Fact]
    public async Task Two_people_saving_the_same_form_never_overwrite_each_other()
    {
        using var hr = await Start();
        var detail = await Open(hr);
        var f1 = FormOf(detail, "E11", "主管评");
        using var tab1 = await Host.As("rater1");
        using var tab2 = await Host.As("rater1"); // the same rater in a second browser
        var v = (await Form(tab1, f1)).Int("version");
        await Json.Read(await tab1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处理"] = 7 }, version = v }), HttpStatusCode.OK);
        var conflict = await Json.Read(await tab2.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处理"] = 3 }, version = v }), HttpStatusCode.Conflict);
        Assert.Contains("你的修改没有保存", conflict.Str("title"));
        var current = conflict.GetProperty("current");
        Assert.Equal(v + 1, current.Int("version"));
        Assert.Equal(7m, current.GetProperty("indicators").EnumerateArray().Single(i => i.Str("name") == "客诉处理").GetProperty("value").GetDecimal());
        using var db = Host.Db.Database.CreateContext();
        Assert.Contains("\"客诉处理\":7", db.RatingForms.Single(f => f.Id == f1).InputsJson);
    }

    [Fact]
    public async Task A_bad_value_is_refused_with_the_indicator_named_and_nothing_is_saved()
    {
        using var hr = await Start();
        var detail = await Open(hr);
        var f1 = FormOf(detail, "E11", "主管评");
        using var rater1 = await Host.As("rater1");
        var v = (await Form(rater1, f1)).Int("version");
        var tooHigh = await Json.Read(await rater1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处理"] = 11 }, version = v }), HttpStatusCode.BadRequest);
        Assert.Contains(tooHigh.GetProperty("details").EnumerateArray(), d => d.GetString()!.StartsWith("客诉处理：", StringComparison.Ordinal));
        var unknown = await Json.Read(await rater1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处里"] = 5 }, version = v }), HttpStatusCode.BadRequest);
        Assert.Contains("“客诉处里”不是本表的指标", unknown.GetProperty("details")[0].GetString());
        var incomplete = await Json.Read(await rater1.PostAsJsonAsync($"/api/forms/{f1}/submit", new { inputs = new Dictionary<string, object> { ["客诉处理"] = 5 }, version = v }), HttpStatusCode.BadRequest);
        Assert.Contains("客户关系的维护：请填写", incomplete.GetProperty("details").EnumerateArray().Select(d => d.GetString()));
        // Each problem at its field, in the form's order, the value named once; the title counts them.
        var words = await Json.Read(await rater1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处理"] = "abc", ["客户关系的维护"] = "十一" }, version = v, comment = new string('评', 4001) }), HttpStatusCode.BadRequest);
        Assert.Equal("评分表有 3 处问题，未保存", words.Str("title"));
        var fields = words.GetProperty("fields").EnumerateArray().Select(f => (f.Str("field"), f.Str("message"))).ToList();
        Assert.Equal(["客户关系的维护", "客诉处理", "评语"], fields.Select(f => f.Item1));
        Assert.Contains("“abc”", fields[1].Item2);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(fields[1].Item2, "abc"));
        Assert.Contains("4000", fields[2].Item2);
        // A full-width digit is read as the digit.
        var fullWidth = await Json.Read(await rater1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处理"] = "８" }, version = v }), HttpStatusCode.OK);
        Assert.Equal(v + 1, fullWidth.Int("version"));
        using var db = Host.Db.Database.CreateContext();
        Assert.Equal(1, db.AuditEntries.Count(a => a.Action == "修改评分"));
    }

    [Fact]
    public async Task Each_role_sees_and_does_only_what_it_may()
    {
        using var hr = await Start();
        var detail = await Open(hr);
        var cycleId = detail.GetProperty("cycle").Int("id");
        var s1 = SubjectOf(detail, "E11");
        var s2 = SubjectOf(detail, "E12");
        var f1 = FormOf(detail, "E11", "主管评");
        var f2 = FormOf(detail, "E12", "主管评");
        using var rater1 = await Host.As("rater1");
        using var emp1 = await Host.As("emp1");
        using var hr1 = await Host.As("hr1");
        using var viewer = await Host.As("viewer");

        // A rater cannot read or rate a form not assigned to them.
        await Json.Read(await rater1.GetAsync($"/api/forms/{f2}"), HttpStatusCode.NotFound);
        await Json.Read(await rater1.PutAsJsonAsync($"/api/forms/{f2}", new { inputs = new Dictionary<string, object> { ["客诉处理"] = 1 }, version = 1 }), HttpStatusCode.NotFound);
        await Json.Read(await rater1.PostAsJsonAsync($"/api/forms/{f2}/submit", new { inputs = new { }, version = 1 }), HttpStatusCode.NotFound);
        // Nor can HR fill in a rater's form.
        await Json.Read(await hr.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new { }, version = 1 }), HttpStatusCode.Forbidden);
        // Raters and appraisees do not run cycles.
        foreach (var c in new[] { rater1, emp1 })
        {
            await Json.Read(await c.GetAsync("/api/cycles"), HttpStatusCode.Forbidden);
            await Json.Read(await c.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.NotFound);
            await Json.Read(await c.GetAsync($"/api/cycles/{cycleId}/audit"), HttpStatusCode.Forbidden);
            await Json.Read(await c.PostAsJsonAsync("/api/cycles", new { scheme = "TPL-07", period = "2026-11" }), HttpStatusCode.Forbidden);
            await Json.Read(await c.PostAsJsonAsync($"/api/cycles/{cycleId}/release", new { version = 1 }), HttpStatusCode.Forbidden);
        }
        // A viewer sees nothing while rating is under way.
        Assert.Empty((await Json.Read(await viewer.GetAsync("/api/cycles"), HttpStatusCode.OK)).EnumerateArray());
        // HR of 一组 sees only 员工甲, and cannot release a cycle that also covers 二组.
        var scoped = await Json.Read(await hr1.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.OK);
        Assert.Equal(["E11"], scoped.GetProperty("subjects").EnumerateArray().Select(s => s.Str("code")));
        await Json.Read(await hr1.GetAsync($"/api/forms/{f2}"), HttpStatusCode.NotFound);
        await Json.Read(await hr1.PostAsJsonAsync($"/api/cycles/{cycleId}/release", new { version = 1, allowMissing = true }), HttpStatusCode.Forbidden);
        await Json.Read(await hr1.PostAsJsonAsync("/api/cycles", new { scheme = "TPL-07", period = "2026-11", subjects = new[] { "E12" } }), HttpStatusCode.Forbidden);

        using var rater2 = await Host.As("rater2");
        await Submit(rater1, f1, Values(9, 8, 9, 13, 4, 4, 5, 18, 19));
        await Submit(rater2, f2, Values(10, 10, 9, 14, 5, 5, 5, 19, 20));
        var progress = await Json.Read(await hr.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.OK);
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycleId}/release", new { version = progress.GetProperty("cycle").Int("version"), allowMissing = true }), HttpStatusCode.OK);

        // An appraisee opens their own result, never another's, and cannot answer for another.
        await Json.Read(await emp1.GetAsync($"/api/results/{s1}"), HttpStatusCode.OK);
        await Json.Read(await emp1.GetAsync($"/api/results/{s2}"), HttpStatusCode.NotFound);
        await Json.Read(await emp1.PostAsJsonAsync($"/api/results/{s2}/confirm", new { version = 1 }), HttpStatusCode.NotFound);
        await Json.Read(await emp1.PostAsJsonAsync($"/api/results/{s2}/appeal", new { reason = "x", version = 1 }), HttpStatusCode.NotFound);
        await Json.Read(await emp1.GetAsync($"/api/cycles/{cycleId}/results"), HttpStatusCode.NotFound);
        Assert.Equal(["E11"], (await Json.Read(await emp1.GetAsync("/api/results/mine"), HttpStatusCode.OK)).EnumerateArray().Select(r => r.Str("subjectCode")));
        // A rater is not shown the result of the one they rated.
        await Json.Read(await rater1.GetAsync($"/api/results/{s1}"), HttpStatusCode.NotFound);
        // HR may not answer for the appraisee; the appraisee may not resolve.
        await Json.Read(await hr.PostAsJsonAsync($"/api/results/{s1}/confirm", new { version = 1 }), HttpStatusCode.Forbidden);
        await Json.Read(await emp1.PostAsJsonAsync($"/api/results/{s1}/resolve", new { decision = "reject", reason = "x", version = 1 }), HttpStatusCode.Forbidden);
        // The viewer reads released results but changes nothing.
        Assert.Equal(2, (await Json.Read(await viewer.GetAsync($"/api/cycles/{cycleId}/results"), HttpStatusCode.OK)).GetArrayLength());
        await Json.Read(await viewer.PostAsJsonAsync($"/api/cycles/{cycleId}/publish", new { version = 1 }), HttpStatusCode.Forbidden);
        // HR of 一组 sees only 员工甲's result.
        await Json.Read(await hr1.GetAsync($"/api/results/{s2}"), HttpStatusCode.NotFound);
        Assert.Equal(1, (await Json.Read(await hr1.GetAsync($"/api/cycles/{cycleId}/results"), HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task An_appraisee_gets_nothing_of_others_from_any_endpoint()
    {
        using var hr = await Start();
        var detail = await Open(hr);
        var cycleId = detail.GetProperty("cycle").Int("id");
        var others = new Dictionary<string, string>
        {
            ["{id:int}"] = "", // set per route below
            ["{kind}"] = "units", ["{code}"] = "TPL-07", ["{version:int}"] = "1", ["{userName}"] = "emp2",
        };
        // Reading one's own things and the shared scheme catalogue is allowed; nothing else may succeed.
        var open = new HashSet<string> { "GET /api/ping", "GET /api/me", "GET /api/forms", "GET /api/forms/changed", "GET /api/forms/reminders", "GET /api/results/mine", "GET /api/me/history", "GET /api/schemes",
            "GET /api/schemes/{code}", "GET /api/schemes/{code}/versions/{version:int}", "POST /api/auth/login", "POST /api/auth/logout",
            // The offline workbook of a cycle holds only the caller's own open forms (here emp1's 自评): OfflineApiTests.
            "GET /api/cycles/{id:int}/offline",
            // The sales offices the caller may see: their own unit's only (AttributionApiTests).
            "GET /api/attribution",
            // The built-in incentive plans are a shared catalogue like the schemes: their rules, never anyone's figures (PlanApiTests).
            "GET /api/plans", "GET /api/plans/{id}" };
        var endpoints = Host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal)).ToList();
        using var emp1 = await Host.As("emp1");
        foreach (var e in endpoints)
        {
            var raw = e.RoutePattern.RawText!.TrimEnd('/');
            foreach (var method in e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                if (open.Contains($"{method} {raw}")) continue;
                // Another appraisee's result, another rater's form, the cycle itself.
                var id = raw.StartsWith("/api/results", StringComparison.Ordinal) ? SubjectOf(detail, "E12")
                    : raw.StartsWith("/api/forms", StringComparison.Ordinal) ? FormOf(detail, "E12", "主管评") : cycleId;
                var path = others.Aggregate(raw.Replace("{id:int}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                    (p, kv) => kv.Key == "{id:int}" ? p : p.Replace(kv.Key, kv.Value, StringComparison.Ordinal));
                var content = Files.BodyFor(e, new { version = 1, reason = "x", decision = "reject", password = "another-password-1", currentPassword = "wrong-password", newPassword = "another-password-1", yaml = "id: X", scheme = "TPL-07", period = "2026-11", userName = "x1", displayName = "x", role = "Admin", disabled = true });
                using var request = new HttpRequestMessage(new HttpMethod(method), path + (raw == "/api/score" ? "?scheme=TPL-04" : "")) { Content = content };
                var response = await emp1.SendAsync(request);
                Assert.True((int)response.StatusCode is 400 or 403 or 404 or 409, $"{method} {path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        using var db = Host.Db.Database.CreateContext();
        Assert.Equal(ConfirmationStatus.Pending, db.CycleSubjects.Single(s => s.Code == "E12").Confirmation);
        Assert.Equal(1, db.RatingForms.Single(f => f.Id == FormOf(detail, "E12", "主管评")).Version);
        Assert.False(db.Accounts.Single(a => a.UserName == "emp2").Disabled);
        Assert.False(db.Accounts.Any(a => a.UserName == "x1"));
    }

    [Fact]
    public async Task Every_api_endpoint_needs_a_session()
    {
        _ = Host.Factory.Services;
        var endpoints = Host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal) && e.RoutePattern.RawText != "/api/auth/login")
            .ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} API endpoints found");
        using var anonymous = Host.Client();
        foreach (var e in endpoints)
        {
            var path = e.RoutePattern.RawText!.Replace("{id:int}", "1", StringComparison.Ordinal);
            foreach (var method in e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                // Each endpoint gets the kind of body it accepts (a file upload or JSON), so only the session is missing.
                var content = Files.BodyFor(e, new { version = 1 });
                using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{kind}", "units", StringComparison.Ordinal)
                    .Replace("{code}", "TPL-01", StringComparison.Ordinal).Replace("{version:int}", "1", StringComparison.Ordinal)) { Content = content };
                var response = await anonymous.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
            }
        }
    }
}

public sealed class SqliteCycleApiTests() : CycleApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresCycleApiTests() : CycleApiTests(DatabaseProvider.PostgreSql);

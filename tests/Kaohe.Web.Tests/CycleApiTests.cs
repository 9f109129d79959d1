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
public abstract class CycleApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly TestHost _host = new(provider);

    // TPL-07's indicators, all rated by 自评 and 主管评 (points 10, 10, 10, 15, 5, 5, 5, 20, 20).
    private static readonly string[] Items =
        ["客户关系的维护", "建立客户信息库", "客诉处理", "主管考核第4-5项（原表丢失）", "分析/执行能力", "协调/沟通能力", "责任感/全局观念/企业认同感", "财务制度遵守与执行", "出勤率及行政制度执行"];

    private async Task<HttpClient> Start()
    {
        _ = _host.Factory.Services; // first run: migrate, administrator
        TinyCompany.Create(_host.Db.Database);
        return await _host.As("hr");
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

        using var rater1 = await _host.As("rater1");
        using var rater2 = await _host.As("rater2");
        using var emp1 = await _host.As("emp1");
        using var emp2 = await _host.As("emp2");

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
        Assert.Equal(_host.Clock.Now.UtcDateTime.AddDays(3), released.GetProperty("confirmDeadline").GetDateTime());

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
        using var db = _host.Db.Database.CreateContext();
        Assert.Equal(CycleStatus.Published, db.Cycles.Single().Status);
    }

    [Fact]
    public async Task Silence_past_the_deadline_counts_as_confirmation()
    {
        using var hr = await Start();
        var detail = await Open(hr);
        var cycleId = detail.GetProperty("cycle").Int("id");
        using var rater1 = await _host.As("rater1");
        using var rater2 = await _host.As("rater2");
        await Submit(rater1, FormOf(detail, "E11", "主管评"), Values(9, 8, 9, 13, 4, 4, 5, 18, 19));
        await Submit(rater2, FormOf(detail, "E12", "主管评"), Values(10, 10, 9, 14, 5, 5, 5, 19, 20));
        var progress = await Json.Read(await hr.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.OK);
        // The self-assessments (weight 0) are left out on purpose.
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycleId}/release", new { version = progress.GetProperty("cycle").Int("version"), allowMissing = true }), HttpStatusCode.OK);

        progress = await Json.Read(await hr.GetAsync($"/api/cycles/{cycleId}"), HttpStatusCode.OK);
        var early = await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycleId}/publish", new { version = progress.GetProperty("cycle").Int("version") }), HttpStatusCode.Conflict);
        Assert.Contains("2 人未确认", early.Str("title"));

        _host.Clock.Now = _host.Clock.Now.AddDays(3).AddMinutes(1);
        using var emp1 = await _host.As("emp1");
        var s1 = SubjectOf(detail, "E11");
        var mine = await Json.Read(await emp1.GetAsync($"/api/results/{s1}"), HttpStatusCode.OK);
        Assert.Equal(("逾期视为确认", false), (mine.Str("confirmationName"), mine.GetProperty("canAnswer").GetBoolean()));
        var late = await Json.Read(await emp1.PostAsJsonAsync($"/api/results/{s1}/appeal", new { reason = "晚了", version = mine.Int("version") }), HttpStatusCode.Conflict);
        Assert.Contains("视为确认", late.Str("title"));

        using var hrLater = await _host.As("hr"); // the sessions of three days ago have expired (8 hours)
        await Json.Read(await hrLater.PostAsJsonAsync($"/api/cycles/{cycleId}/publish", new { version = progress.GetProperty("cycle").Int("version") }), HttpStatusCode.OK);
        using var db = _host.Db.Database.CreateContext();
        Assert.All(db.CycleSubjects.ToList(), s => Assert.Equal(ConfirmationStatus.DeemedConfirmed, s.Confirmation));
        Assert.Equal(2, db.AuditEntries.Count(a => a.Action == "视为确认"));
    }

    [Fact]
    public async Task Two_people_saving_the_same_form_never_overwrite_each_other()
    {
        using var hr = await Start();
        var detail = await Open(hr);
        var f1 = FormOf(detail, "E11", "主管评");
        using var tab1 = await _host.As("rater1");
        using var tab2 = await _host.As("rater1"); // the same rater in a second browser
        var v = (await Form(tab1, f1)).Int("version");
        await Json.Read(await tab1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处理"] = 7 }, version = v }), HttpStatusCode.OK);
        var conflict = await Json.Read(await tab2.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处理"] = 3 }, version = v }), HttpStatusCode.Conflict);
        Assert.Contains("你的修改没有保存", conflict.Str("title"));
        var current = conflict.GetProperty("current");
        Assert.Equal(v + 1, current.Int("version"));
        Assert.Equal(7m, current.GetProperty("indicators").EnumerateArray().Single(i => i.Str("name") == "客诉处理").GetProperty("value").GetDecimal());
        using var db = _host.Db.Database.CreateContext();
        Assert.Contains("\"客诉处理\":7", db.RatingForms.Single(f => f.Id == f1).InputsJson);
    }

    [Fact]
    public async Task A_bad_value_is_refused_with_the_indicator_named_and_nothing_is_saved()
    {
        using var hr = await Start();
        var detail = await Open(hr);
        var f1 = FormOf(detail, "E11", "主管评");
        using var rater1 = await _host.As("rater1");
        var v = (await Form(rater1, f1)).Int("version");
        var tooHigh = await Json.Read(await rater1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处理"] = 11 }, version = v }), HttpStatusCode.BadRequest);
        Assert.Contains(tooHigh.GetProperty("details").EnumerateArray(), d => d.GetString()!.StartsWith("客诉处理：", StringComparison.Ordinal));
        var unknown = await Json.Read(await rater1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处里"] = 5 }, version = v }), HttpStatusCode.BadRequest);
        Assert.Contains("“客诉处里”不是本表的指标", unknown.GetProperty("details")[0].GetString());
        var incomplete = await Json.Read(await rater1.PostAsJsonAsync($"/api/forms/{f1}/submit", new { inputs = new Dictionary<string, object> { ["客诉处理"] = 5 }, version = v }), HttpStatusCode.BadRequest);
        Assert.Contains("客户关系的维护：请填写", incomplete.GetProperty("details").EnumerateArray().Select(d => d.GetString()));
        // A full-width digit is read as the digit.
        var fullWidth = await Json.Read(await rater1.PutAsJsonAsync($"/api/forms/{f1}", new { inputs = new Dictionary<string, object> { ["客诉处理"] = "８" }, version = v }), HttpStatusCode.OK);
        Assert.Equal(v + 1, fullWidth.Int("version"));
        using var db = _host.Db.Database.CreateContext();
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
        using var rater1 = await _host.As("rater1");
        using var emp1 = await _host.As("emp1");
        using var hr1 = await _host.As("hr1");
        using var viewer = await _host.As("viewer");

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

        using var rater2 = await _host.As("rater2");
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
        var open = new HashSet<string> { "GET /api/ping", "GET /api/me", "GET /api/forms", "GET /api/results/mine", "GET /api/schemes",
            "GET /api/schemes/{code}", "GET /api/schemes/{code}/versions/{version:int}", "POST /api/schemes/check", "POST /api/auth/login", "POST /api/auth/logout" };
        var endpoints = _host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal)).ToList();
        using var emp1 = await _host.As("emp1");
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
                var form = e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
                HttpContent content = form
                    ? new MultipartFormDataContent { { new ByteArrayContent("a,b\n1,2\n"u8.ToArray()), "file", "x.csv" } }
                    : JsonContent.Create(new { version = 1, reason = "x", decision = "reject", password = "another-password-1", currentPassword = "wrong-password", newPassword = "another-password-1", yaml = "id: X", scheme = "TPL-07", period = "2026-11", userName = "x1", displayName = "x", role = "Admin", disabled = true });
                using var request = new HttpRequestMessage(new HttpMethod(method), path + (raw == "/api/score" ? "?scheme=TPL-04" : "")) { Content = content };
                var response = await emp1.SendAsync(request);
                Assert.True((int)response.StatusCode is 400 or 403 or 404 or 409, $"{method} {path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        using var db = _host.Db.Database.CreateContext();
        Assert.Equal(ConfirmationStatus.Pending, db.CycleSubjects.Single(s => s.Code == "E12").Confirmation);
        Assert.Equal(1, db.RatingForms.Single(f => f.Id == FormOf(detail, "E12", "主管评")).Version);
        Assert.False(db.Accounts.Single(a => a.UserName == "emp2").Disabled);
        Assert.False(db.Accounts.Any(a => a.UserName == "x1"));
    }

    [Fact]
    public async Task Every_api_endpoint_needs_a_session()
    {
        _ = _host.Factory.Services;
        var endpoints = _host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal) && e.RoutePattern.RawText != "/api/auth/login")
            .ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} API endpoints found");
        using var anonymous = _host.Client();
        foreach (var e in endpoints)
        {
            var path = e.RoutePattern.RawText!.Replace("{id:int}", "1", StringComparison.Ordinal);
            foreach (var method in e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                // Each endpoint gets the kind of body it accepts (a file upload or JSON), so only the session is missing.
                var form = e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
                HttpContent content = form
                    ? new MultipartFormDataContent { { new ByteArrayContent("a,b\n1,2\n"u8.ToArray()), "file", "x.csv" } }
                    : JsonContent.Create(new { version = 1 });
                using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{kind}", "units", StringComparison.Ordinal)
                    .Replace("{code}", "TPL-01", StringComparison.Ordinal).Replace("{version:int}", "1", StringComparison.Ordinal)) { Content = content };
                var response = await anonymous.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
            }
        }
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteCycleApiTests() : CycleApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresCycleApiTests() : CycleApiTests(DatabaseProvider.PostgreSql);

/// <summary>Own schemes: checked, saved as versions; a cycle keeps the version it was opened with.</summary>
public abstract class SchemeApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly TestHost _host = new(provider);

    [Fact]
    public async Task An_own_scheme_is_checked_saved_as_versions_and_a_cycle_keeps_its_version()
    {
        _ = _host.Factory.Services;
        TinyCompany.Create(_host.Db.Database);
        using var hr = await _host.As("hr");
        var template = await Json.Read(await hr.GetAsync("/api/schemes/TPL-07"), HttpStatusCode.OK);
        Assert.True(template.GetProperty("builtin").GetBoolean());
        var yaml = template.Str("yaml");

        // A template's id cannot be saved over.
        var refused = await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml }), HttpStatusCode.BadRequest);
        Assert.Contains("内置模板不能修改", refused.Str("title"));
        // A broken file is refused with the line of the problem.
        var broken = yaml.Replace("id: TPL-07", "id: MY-07", StringComparison.Ordinal).Replace("points: 10", "points: 十", StringComparison.Ordinal);
        var check = await Json.Read(await hr.PostAsJsonAsync("/api/schemes/check", new { yaml = broken }), HttpStatusCode.OK);
        Assert.Contains(check.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("第 ", StringComparison.Ordinal));
        await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = broken }), HttpStatusCode.BadRequest);

        var own = yaml.Replace("id: TPL-07", "id: MY-07", StringComparison.Ordinal);
        Assert.Contains("id: MY-07", own);
        using var rater = await _host.As("rater1");
        await Json.Read(await rater.PostAsJsonAsync("/api/schemes", new { yaml = own }), HttpStatusCode.Forbidden);
        var v1 = await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = own }), HttpStatusCode.OK);
        Assert.Equal(1, v1.Int("version"));
        Assert.Equal(1, (await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = own }), HttpStatusCode.OK)).Int("version")); // unchanged: no new version

        var opened = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new { scheme = "MY-07", period = "2026-10", subjects = new[] { "E11" }, defaultPayoutBase = 1000 }), HttpStatusCode.Created);
        Assert.Equal(1, opened.GetProperty("cycle").Int("schemeVersion"));

        var changed = own.Replace("none_below: 60", "none_below: 50", StringComparison.Ordinal);
        Assert.NotEqual(own, changed);
        Assert.Equal(2, (await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = changed }), HttpStatusCode.OK)).Int("version"));
        var first = opened.GetProperty("cycle").Int("id");
        Assert.Equal(1, (await Json.Read(await hr.GetAsync($"/api/cycles/{first}"), HttpStatusCode.OK)).GetProperty("cycle").Int("schemeVersion"));
        var second = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new { scheme = "MY-07", period = "2026-11", subjects = new[] { "E12" }, defaultPayoutBase = 1000 }), HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("cycle").Int("schemeVersion"));

        var detail = await Json.Read(await hr.GetAsync("/api/schemes/MY-07"), HttpStatusCode.OK);
        Assert.Equal([2, 1], detail.GetProperty("versions").EnumerateArray().Select(v => v.Int("version")));
        Assert.Equal([1, 1], detail.GetProperty("versions").EnumerateArray().Select(v => v.Int("cycles")));
        var text = await hr.GetStringAsync("/api/schemes/MY-07/versions/1");
        Assert.Equal(own, text);
        Assert.Contains(((await Json.Read(await hr.GetAsync("/api/schemes"), HttpStatusCode.OK)).EnumerateArray()), s => s.Str("code") == "MY-07" && !s.GetProperty("builtin").GetBoolean());
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSchemeApiTests() : SchemeApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresSchemeApiTests() : SchemeApiTests(DatabaseProvider.PostgreSql);

/// <summary>Quick scoring through the API: the same reader and engine as <c>kaohe score</c>, all or nothing.</summary>
public abstract class QuickScoreApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly TestHost _host = new(provider);

    private static MultipartFormDataContent Upload(string name, string text)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text)), "file", name);
        return form;
    }

    [Fact]
    public async Task A_table_is_scored_with_explanations_downloaded_as_xlsx_and_a_bad_row_is_named()
    {
        _ = _host.Factory.Services;
        TinyCompany.Create(_host.Db.Database);
        using var hr = await _host.As("hr");
        var csv = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "examples", "tpl04-offices.csv"));

        var scored = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Upload("offices.csv", csv)), HttpStatusCode.OK);
        var first = scored.GetProperty("results")[0];
        Assert.Equal(("华东办事处", 75m), (first.Str("subject"), first.Dec("total")));
        Assert.NotEmpty(first.GetProperty("indicators")[0].Str("explanation"));

        var xlsx = await hr.PostAsync("/api/score?scheme=TPL-04&format=xlsx", Upload("offices.csv", csv));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);

        var bad = csv.Replace("华东办事处,良好,优秀", "华东办事处,很好,优秀", StringComparison.Ordinal);
        var refused = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Upload("offices.csv", bad)), HttpStatusCode.BadRequest);
        Assert.Contains(refused.GetProperty("details").EnumerateArray(), d => d.GetString()!.Contains("很好", StringComparison.Ordinal) && d.GetString()!.Contains("华东办事处", StringComparison.Ordinal));

        // A server path is not a scheme; raters do not use quick scoring.
        await Json.Read(await hr.PostAsync("/api/score?scheme=/etc/passwd", Upload("offices.csv", csv)), HttpStatusCode.NotFound);
        using var rater = await _host.As("rater1");
        await Json.Read(await rater.PostAsync("/api/score?scheme=TPL-04", Upload("offices.csv", csv)), HttpStatusCode.Forbidden);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteQuickScoreApiTests() : QuickScoreApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresQuickScoreApiTests() : QuickScoreApiTests(DatabaseProvider.PostgreSql);

/// <summary>The repository's root (for the examples).</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kaohe.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Kaohe.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Imports through the API: all or nothing, every bad row named, only for those who may change the whole base.</summary>
public abstract class ImportApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly TestHost _host = new(provider);

    private static MultipartFormDataContent Upload(string name, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "file", name);
        return form;
    }

    [Fact]
    public async Task Units_and_staff_are_imported_a_bad_row_is_named_and_nothing_is_written()
    {
        _ = _host.Factory.Services;
        TinyCompany.Create(_host.Db.Database);
        using var admin = await _host.As("admin");
        var units = await File.ReadAllBytesAsync(Path.Combine(Repo.Root, "examples", "import", "units.csv"));
        var staff = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "examples", "import", "staff.csv"));

        var done = await Json.Read(await admin.PostAsync("/api/import/units", Upload("units.csv", units)), HttpStatusCode.OK);
        Assert.True(done.Int("inserted") > 0);
        var again = await Json.Read(await admin.PostAsync("/api/import/units", Upload("units.csv", units)), HttpStatusCode.OK);
        Assert.Equal((0, 0), (again.Int("inserted"), again.Int("updated")));

        using (var db = _host.Db.Database.CreateContext())
        {
            var before = db.Staff.Count();
            var bad = staff.Replace("E0002,李强,HZ,", "E0002,李强,NOPE,", StringComparison.Ordinal);
            var refused = await Json.Read(await admin.PostAsync("/api/import/staff", Upload("staff.csv", System.Text.Encoding.UTF8.GetBytes(bad))), HttpStatusCode.BadRequest);
            var error = refused.GetProperty("errors")[0];
            Assert.Equal((3, "NOPE"), (error.Int("row"), error.Str("value")));
            Assert.Equal(before, db.Staff.Count());
        }
        await Json.Read(await admin.PostAsync("/api/import/nonsense", Upload("x.csv", units)), HttpStatusCode.BadRequest);

        using var hr1 = await _host.As("hr1"); // HR of one team only
        await Json.Read(await hr1.PostAsync("/api/import/units", Upload("units.csv", units)), HttpStatusCode.Forbidden);
        using var rater = await _host.As("rater1");
        await Json.Read(await rater.PostAsync("/api/import/units", Upload("units.csv", units)), HttpStatusCode.Forbidden);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteImportApiTests() : ImportApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresImportApiTests() : ImportApiTests(DatabaseProvider.PostgreSql);

/// <summary>Browsing customers: scoped to the units a user covers.</summary>
public abstract class CustomerApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly TestHost _host = new(provider);

    [Fact]
    public async Task Customers_are_searched_and_shown_only_within_the_users_units()
    {
        _ = _host.Factory.Services;
        TinyCompany.Create(_host.Db.Database);
        int inTeam2;
        using (var db = _host.Db.Database.CreateContext())
        {
            var t1 = db.Units.Single(u => u.Code == "T1").Id;
            var t2 = db.Units.Single(u => u.Code == "T2").Id;
            db.Customers.AddRange(
                new Kaohe.Data.Model.Customer { Code = "K1", Name = "甲公司", Class = "A", OwnerUnitId = t1, AcquiredOn = new DateOnly(2025, 1, 5) },
                new Kaohe.Data.Model.Customer { Code = "K2", Name = "乙公司", Class = "B", OwnerUnitId = t2, AcquiredOn = new DateOnly(2025, 2, 6) });
            db.SaveChanges();
            inTeam2 = db.Customers.Single(c => c.Code == "K2").Id;
        }
        using var hr = await _host.As("hr");
        var all = await Json.Read(await hr.GetAsync("/api/customers"), HttpStatusCode.OK);
        Assert.Equal(2, all.Int("total"));
        var found = await Json.Read(await hr.GetAsync("/api/customers?q=" + Uri.EscapeDataString("乙")), HttpStatusCode.OK);
        Assert.Equal(["K2"], found.GetProperty("items").EnumerateArray().Select(c => c.Str("code")));
        Assert.Equal("乙公司", (await Json.Read(await hr.GetAsync($"/api/customers/{inTeam2}"), HttpStatusCode.OK)).GetProperty("customer").Str("name"));

        using var hr1 = await _host.As("hr1");
        var scoped = await Json.Read(await hr1.GetAsync("/api/customers"), HttpStatusCode.OK);
        Assert.Equal(["K1"], scoped.GetProperty("items").EnumerateArray().Select(c => c.Str("code")));
        await Json.Read(await hr1.GetAsync($"/api/customers/{inTeam2}"), HttpStatusCode.NotFound);
        using var rater = await _host.As("rater1");
        await Json.Read(await rater.GetAsync("/api/customers"), HttpStatusCode.Forbidden);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteCustomerApiTests() : CustomerApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresCustomerApiTests() : CustomerApiTests(DatabaseProvider.PostgreSql);

/// <summary>Accounts through the API: only the administrator manages them; changes need reasons and are audited.</summary>
public abstract class AccountApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly TestHost _host = new(provider);

    [Fact]
    public async Task The_administrator_creates_and_disables_accounts_and_users_change_their_own_password()
    {
        _ = _host.Factory.Services;
        TinyCompany.Create(_host.Db.Database);
        using var admin = await _host.As("admin");
        var created = await Json.Read(await admin.PostAsJsonAsync("/api/accounts", new
        {
            userName = "emp3", displayName = "部长", password = "first-password-1", role = "Appraisee", employeeNo = "E00",
        }), HttpStatusCode.OK);
        Assert.Equal(("E00", "被考核人"), (created.Str("employeeNo"), created.Str("roleName")));
        var unknownStaff = await Json.Read(await admin.PostAsJsonAsync("/api/accounts", new
        {
            userName = "emp4", displayName = "某", password = "first-password-1", role = "Appraisee", employeeNo = "E99",
        }), HttpStatusCode.BadRequest);
        Assert.Contains("E99", unknownStaff.Str("title"));
        Assert.Contains((await Json.Read(await admin.GetAsync("/api/accounts"), HttpStatusCode.OK)).EnumerateArray(), a => a.Str("userName") == "emp3");

        using var hr = await _host.As("hr");
        await Json.Read(await hr.GetAsync("/api/accounts"), HttpStatusCode.Forbidden);
        await Json.Read(await hr.PostAsJsonAsync("/api/accounts", new { userName = "x9", displayName = "x", password = "first-password-1", role = "Admin" }), HttpStatusCode.Forbidden);

        using var emp3 = await _host.As("emp3", "first-password-1");
        await Json.Read(await emp3.PostAsJsonAsync("/api/me/password", new { currentPassword = "wrong-one-123", newPassword = "second-password-2" }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await emp3.PostAsJsonAsync("/api/me/password", new { currentPassword = "first-password-1", newPassword = "second-password-2" })).StatusCode);
        using var again = await _host.As("emp3", "second-password-2");

        await Json.Read(await admin.PostAsJsonAsync("/api/accounts/emp3/disabled", new { disabled = true, reason = "" }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/accounts/emp3/disabled", new { disabled = true, reason = "离职" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/me")).StatusCode);
        using var db = _host.Db.Database.CreateContext();
        var audit = db.AuditEntries.Where(a => a.EntityKey == "emp3").Select(a => a.Action).ToList();
        Assert.Equal(["创建账号", "修改密码", "停用账号"], audit);
        Assert.Equal("离职", db.AuditEntries.Single(a => a.Action == "停用账号").Reason);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteAccountApiTests() : AccountApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresAccountApiTests() : AccountApiTests(DatabaseProvider.PostgreSql);

using System.Net;
using System.Net.Http.Json;
using Kaohe.Data;
using Kaohe.Data.Model;
using static Kaohe.Web.Tests.Security.SecurityKit;

namespace Kaohe.Web.Tests.Security;

/// <summary>
/// Issue 10, finding 2: nobody rates, resolves, releases or publishes anything about themselves — people, not only
/// accounts; an appraisee account is the person's own; a re-score of a rater's submitted input is shown to the
/// rater and the appraisee. Finding 5: HR scoped to a unit reads only its units' part of a cycle's audit trail.
/// </summary>
public abstract class DutySeparationTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task An_hr_user_cannot_open_a_cycle_of_themselves_or_name_any_account_but_the_persons_own()
    {
        CreateCompany();
        Account(Host, "hrself", AccountRole.Hr, employeeNo: "E11");   // HR who is also 员工甲
        using var hrself = await Host.As("hrself");
        using var hr = await Host.As("hr");
        var before = Snapshot(Host);

        var own = await Json.Read(await hrself.PostAsJsonAsync("/api/cycles", Tpl07Request("E11", "E12")), HttpStatusCode.Forbidden);
        Assert.Contains("你不能开启考核自己的考核", own.Str("title"));
        Assert.Contains("员工甲", own.Str("title"));
        // Every 客服经理 of the company includes themselves too.
        await Json.Read(await hrself.PostAsJsonAsync("/api/cycles", new { scheme = "TPL-07", period = "2026-10", staffRole = "客服经理", defaultPayoutBase = 1000m }), HttpStatusCode.Forbidden);

        // The probe's request: HR names itself as another person's appraisee account.
        var named = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new
        {
            scheme = "TPL-07", period = "2026-10", subjects = new[] { "E12" }, defaultPayoutBase = 1000m, appraisees = new Dictionary<string, string> { ["E12"] = "hr" },
        }), HttpStatusCode.Forbidden);
        Assert.Contains("本人的账号", named.Str("title"));
        await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new
        {
            scheme = "TPL-07", period = "2026-10", subjects = new[] { "E12" }, defaultPayoutBase = 1000m, appraisees = new Dictionary<string, string> { ["E12"] = "emp1" },
        }), HttpStatusCode.Forbidden);
        // The appraisee as their own 主管评, and someone else's 自评.
        var selfRated = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new
        {
            scheme = "TPL-07", period = "2026-10", subjects = new[] { "E12" }, defaultPayoutBase = 1000m,
            assignments = new[] { new { subject = "E12", role = "主管评", rater = "emp2" } },
        }), HttpStatusCode.Forbidden);
        Assert.Contains("给自己评分", selfRated.Str("title"));
        var otherSelf = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new
        {
            scheme = "TPL-07", period = "2026-10", subjects = new[] { "E12" }, defaultPayoutBase = 1000m,
            assignments = new[] { new { subject = "E12", role = "自评", rater = "rater2" } },
        }), HttpStatusCode.BadRequest);
        Assert.Contains("只能由被考核人本人填写", otherSelf.Str("title"));
        // A typo of a bonus base in the billions is refused, not paid.
        var huge = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new
        {
            scheme = "TPL-07", period = "2026-10", subjects = new[] { "E12" }, defaultPayoutBase = 79228162514264337593543950335m,
        }), HttpStatusCode.BadRequest);
        Assert.Contains("奖金基数", huge.Str("title"));
        Assert.Equal(before, Snapshot(Host));
    }

    [Fact]
    public async Task An_hr_user_who_is_appraised_cannot_release_publish_or_resolve_their_own_appeal_and_does_not_see_it_managed()
    {
        CreateCompany();
        Account(Host, "hr2", AccountRole.Hr, employeeNo: "E12");   // HR who is 员工乙, with their own account as appraisee
        using var hr = await Host.As("hr");
        using var hr2 = await Host.As("hr2");
        var detail = await Open(hr, new
        {
            scheme = "TPL-07", period = "2026-10", subjects = new[] { "E11", "E12" }, defaultPayoutBase = 1000m,
            appraisees = new Dictionary<string, string> { ["E12"] = "hr2" },
        });
        var cycle = detail.GetProperty("cycle").Int("id");
        // hr2 rates themselves (自评 is theirs), but manages nothing of their own appraisal.
        var hr2View = await Json.Read(await hr2.GetAsync($"/api/cycles/{cycle}"), HttpStatusCode.OK);
        Assert.Equal(["E11"], hr2View.GetProperty("subjects").EnumerateArray().Select(s => s.Str("code")));
        await Json.Read(await hr2.GetAsync($"/api/forms/{FormOf(detail, "E12", "主管评")}"), HttpStatusCode.NotFound);
        await Json.Read(await hr2.GetAsync($"/api/results/{SubjectOf(detail, "E12")}"), HttpStatusCode.NotFound);

        using var rater1 = await Host.As("rater1");
        using var rater2 = await Host.As("rater2");
        using var emp1 = await Host.As("emp1");
        Assert.Equal(HttpStatusCode.OK, (await Submit(rater1, FormOf(detail, "E11", "主管评"), Values(9, 8, 9, 13, 4, 4, 5, 18, 19))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Submit(rater2, FormOf(detail, "E12", "主管评"), Values(5, 5, 5, 5, 2, 2, 2, 10, 9))).StatusCode); // 45
        Assert.Equal(HttpStatusCode.OK, (await Submit(emp1, FormOf(detail, "E11", "自评"), Full())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Submit(hr2, FormOf(detail, "E12", "自评"), Full())).StatusCode);

        var release = await Json.Read(await hr2.PostAsJsonAsync($"/api/cycles/{cycle}/release", new { version = await CycleVersion(hr, cycle) }), HttpStatusCode.Forbidden);
        Assert.Contains("包含你本人", release.Str("title"));
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycle}/release", new { version = await CycleVersion(hr, cycle) }), HttpStatusCode.OK);

        var mine = await Result(hr2, SubjectOf(detail, "E12"));
        Assert.Equal((45m, 0m), (mine.Dec("total"), mine.Dec("payout")));
        await Json.Read(await hr2.PostAsJsonAsync($"/api/results/{SubjectOf(detail, "E12")}/appeal", new { reason = "分数太低", version = mine.Int("version") }), HttpStatusCode.OK);
        var before = Snapshot(Host);

        // The probe's path: resolve the own appeal by rescoring the rater's form to full marks.
        mine = await Result(hr2, SubjectOf(detail, "E12"));
        var resolve = await Json.Read(await hr2.PostAsJsonAsync($"/api/results/{SubjectOf(detail, "E12")}/resolve", new
        {
            decision = "rescore", reason = "自己改", version = mine.Int("version"),
            changes = new Dictionary<int, object> { [FormOf(detail, "E12", "主管评")] = Full() },
        }), HttpStatusCode.Forbidden);
        Assert.Contains("不能处理自己的申诉", resolve.Str("title"));
        await Json.Read(await hr2.PostAsJsonAsync($"/api/cycles/{cycle}/publish", new { version = await CycleVersion(hr, cycle) }), HttpStatusCode.Forbidden);
        // Nor can they change the rater's form directly.
        await Json.Read(await hr2.PutAsJsonAsync($"/api/forms/{FormOf(detail, "E12", "主管评")}", new { inputs = Full(), version = 1 }), HttpStatusCode.NotFound);
        Assert.Equal(before, Snapshot(Host));

        // Another HR resolves it: the rater and the appraisee both see what changed, with the reason.
        var result = await Result(hr, SubjectOf(detail, "E12"));
        await Json.Read(await hr.PostAsJsonAsync($"/api/results/{SubjectOf(detail, "E12")}/resolve", new
        {
            decision = "rescore", reason = "出勤记录有误", version = result.Int("version"),
            changes = new Dictionary<int, object> { [FormOf(detail, "E12", "主管评")] = new Dictionary<string, object> { ["出勤率及行政制度执行"] = 19 } },
        }), HttpStatusCode.OK);
        var seenByRater = await Json.Read(await rater2.GetAsync($"/api/forms/{FormOf(detail, "E12", "主管评")}"), HttpStatusCode.OK);
        var change = Assert.Single(seenByRater.GetProperty("changes").EnumerateArray());
        Assert.Equal(("hr", "出勤率及行政制度执行", "9", "19", "出勤记录有误"),
            (change.Str("by"), change.Str("indicator"), change.Str("oldValue"), change.Str("newValue"), change.Str("reason")));
        var notice = Assert.Single((await Json.Read(await rater2.GetAsync("/api/forms/changed"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(FormOf(detail, "E12", "主管评"), notice.Int("formId"));
        Assert.Empty((await Json.Read(await rater1.GetAsync("/api/forms/changed"), HttpStatusCode.OK)).EnumerateArray());
        var seenByAppraisee = await Result(hr2, SubjectOf(detail, "E12"));
        Assert.Equal(55m, seenByAppraisee.Dec("total"));
        Assert.Equal("主管评", Assert.Single(seenByAppraisee.GetProperty("changes").EnumerateArray()).Str("role"));
    }

    [Fact]
    public async Task Hr_scoped_to_one_team_reads_only_that_teams_part_of_a_mixed_cycles_audit_trail()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        using var hr1 = await Host.As("hr1");   // 一组 only
        var detail = await Open(hr, Tpl07Request("E11", "E12"));
        var cycle = detail.GetProperty("cycle").Int("id");
        using var rater1 = await Host.As("rater1");
        using var rater2 = await Host.As("rater2");
        Assert.Equal(HttpStatusCode.OK, (await Submit(rater1, FormOf(detail, "E11", "主管评"), Values(9, 8, 9, 13, 4, 4, 5, 18, 19))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Submit(rater2, FormOf(detail, "E12", "主管评"), Values(1, 1, 1, 1, 1, 1, 1, 1, 1))).StatusCode);

        var all = await Json.Read(await hr.GetAsync($"/api/cycles/{cycle}/audit"), HttpStatusCode.OK);
        Assert.Contains(all.EnumerateArray(), a => a.Str("entityKey").Contains("/E12", StringComparison.Ordinal));
        var scoped = await Json.Read(await hr1.GetAsync($"/api/cycles/{cycle}/audit"), HttpStatusCode.OK);
        var keys = scoped.EnumerateArray().Select(a => a.Str("entityKey")).ToList();
        Assert.Contains(keys, k => k.Contains("/E11/", StringComparison.Ordinal));
        Assert.Contains($"考核{cycle}", keys);
        Assert.DoesNotContain(keys, k => k.Contains("E12", StringComparison.Ordinal));
        Assert.DoesNotContain(scoped.EnumerateArray(), a => a.TryGetProperty("newValue", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String && v.GetString() == "1");
    }
}

public sealed class SqliteDutySeparationTests() : DutySeparationTests(DatabaseProvider.Sqlite);

public sealed class PostgresDutySeparationTests() : DutySeparationTests(DatabaseProvider.PostgreSql);

using System.Net;
using System.Net.Http.Json;
using Kaohe.Data;
using Microsoft.EntityFrameworkCore;
using static Kaohe.Web.Tests.Security.SecurityKit;

namespace Kaohe.Web.Tests.Security;

/// <summary>
/// Issue 10, finding 6: a re-score of one appraisee recomputes the cycle; whoever else's result changes (a rank and
/// its reward) gets an audit row and must confirm again, with a deadline of their own. A submit that arrives while
/// or after the results are released is refused, never silently left out of them.
/// </summary>
public abstract class ResultChangeTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task A_rescore_that_moves_anothers_rank_audits_it_and_reopens_their_confirmation()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = RankingScheme }), HttpStatusCode.OK);
        var detail = await Open(hr, new { scheme = "SEC-RANK", period = "2026-10", subjects = new[] { "E11", "E12" }, confirmDays = 3 });
        var cycle = detail.GetProperty("cycle").Int("id");
        using var rater1 = await Host.As("rater1");
        using var rater2 = await Host.As("rater2");
        using var emp1 = await Host.As("emp1");
        using var emp2 = await Host.As("emp2");
        Assert.Equal(HttpStatusCode.OK, (await Submit(rater1, FormOf(detail, "E11", "考核评分"), new { 工作质量 = 85 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Submit(rater2, FormOf(detail, "E12", "考核评分"), new { 工作质量 = 70 })).StatusCode);
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycle}/release", new { version = await CycleVersion(hr, cycle) }), HttpStatusCode.OK);

        var e11 = SubjectOf(detail, "E11");
        var e12 = SubjectOf(detail, "E12");
        var first = await Result(emp1, e11);
        Assert.Equal((1, 3000m), (first.GetProperty("result").Int("rank"), first.GetProperty("result").Dec("rankAmount")));
        await Json.Read(await emp1.PostAsJsonAsync($"/api/results/{e11}/confirm", new { version = first.Int("version") }), HttpStatusCode.OK);
        var second = await Result(emp2, e12);
        await Json.Read(await emp2.PostAsJsonAsync($"/api/results/{e12}/appeal", new { reason = "评分有误", version = second.Int("version") }), HttpStatusCode.OK);

        // Two days later (sessions have ended meanwhile: everyone signs in again).
        Host.Clock.Now += TimeSpan.FromDays(2);
        using var hrLater = await Host.As("hr");
        using var emp1Later = await Host.As("emp1");
        second = await Result(hrLater, e12);
        await Json.Read(await hrLater.PostAsJsonAsync($"/api/results/{e12}/resolve", new
        {
            decision = "rescore", reason = "复核后上调", version = second.Int("version"),
            changes = new Dictionary<int, object> { [FormOf(detail, "E12", "考核评分")] = new { 工作质量 = 90 } },
        }), HttpStatusCode.OK);

        // 员工甲 lost rank 1 and its 3,000: the change is in the trail and their confirmation is open again.
        var moved = await Result(emp1Later, e11);
        Assert.Equal(2, moved.GetProperty("result").Int("rank"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, moved.GetProperty("result").GetProperty("rankAmount").ValueKind);
        Assert.Equal("待确认", moved.Str("confirmationName"));
        Assert.True(moved.GetProperty("canAnswer").GetBoolean());
        Assert.Equal(Host.Clock.Now.UtcDateTime.AddDays(3), moved.GetProperty("confirmDeadline").GetDateTime());
        using (var db = Host.Db.Database.CreateContext())
        {
            var trail = db.AuditEntries.AsNoTracking().Where(a => a.EntityKey == $"考核{cycle}/E11" && a.Action != "计算结果")
                .OrderBy(a => a.Id).Select(a => a.Action + ":" + a.Field + ":" + a.OldValue + "→" + a.NewValue).ToList();
            Assert.Equal(["确认结果:确认状态:待确认→已确认", "申诉改分:排名:1→2", "申诉改分:排名奖罚:3000→", "结果变更待重新确认:确认状态:已确认→待确认"], trail);
        }

        // Publishing waits for 员工甲's new deadline, although the cycle's own deadline has passed.
        Host.Clock.Now += TimeSpan.FromDays(2);
        using var hrEnd = await Host.As("hr");
        using var emp1End = await Host.As("emp1");
        var early = await Json.Read(await hrEnd.PostAsJsonAsync($"/api/cycles/{cycle}/publish", new { version = await CycleVersion(hrEnd, cycle) }), HttpStatusCode.Conflict);
        Assert.Contains("员工甲", string.Join(",", early.GetProperty("details").EnumerateArray().Select(d => d.GetString())));
        await Json.Read(await emp1End.PostAsJsonAsync($"/api/results/{e11}/confirm", new { version = moved.Int("version") }), HttpStatusCode.OK);
        await Json.Read(await hrEnd.PostAsJsonAsync($"/api/cycles/{cycle}/publish", new { version = await CycleVersion(hrEnd, cycle) }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_submit_racing_the_release_either_counts_or_is_refused_never_left_out()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        using var rater1 = await Host.As("rater1");
        using var rater2 = await Host.As("rater2");
        using var emp1 = await Host.As("emp1");
        using var emp2 = await Host.As("emp2");
        for (var round = 0; round < 6; round++)
        {
            var detail = await Open(hr, new { scheme = "TPL-07", period = $"2025-{round + 1:D2}", subjects = new[] { "E11", "E12" }, defaultPayoutBase = 1000m });
            var cycle = detail.GetProperty("cycle").Int("id");
            Assert.Equal(HttpStatusCode.OK, (await Submit(rater1, FormOf(detail, "E11", "主管评"), Full())).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Submit(rater2, FormOf(detail, "E12", "主管评"), Full())).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Submit(emp1, FormOf(detail, "E11", "自评"), Full())).StatusCode);
            // The last 自评 and the release (allowing what is missing) at the same moment.
            var late = FormOf(detail, "E12", "自评");
            var form = await Json.Read(await emp2.GetAsync($"/api/forms/{late}"), HttpStatusCode.OK);
            var version = await CycleVersion(hr, cycle);
            var submit = emp2.PostAsJsonAsync($"/api/forms/{late}/submit", new { inputs = Full(), version = form.Int("version") });
            var release = hr.PostAsJsonAsync($"/api/cycles/{cycle}/release", new { version, allowMissing = true });
            var (s, r) = (await submit, await release);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.True(s.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"submit: {s.StatusCode} {await s.Content.ReadAsStringAsync()}");
            using var db = Host.Db.Database.CreateContext();
            var trail = db.AuditEntries.AsNoTracking().Where(a => a.CycleId == cycle).OrderBy(a => a.Id).Select(a => new { a.Id, a.Action, a.EntityKey }).ToList();
            var released = trail.Single(a => a.Action == "发布结果").Id;
            var stored = db.RatingForms.AsNoTracking().Single(f => f.Id == late);
            if (s.StatusCode == HttpStatusCode.OK)
            {
                // Submitted: before the release took its forms, so the result counted it.
                Assert.Equal(Kaohe.Data.Model.FormStatus.Submitted, stored.Status);
                Assert.True(trail.Single(a => a.Action == "提交评分" && a.EntityKey == $"考核{cycle}/E12/自评").Id < released);
            }
            else
            {
                Assert.Equal(Kaohe.Data.Model.FormStatus.Draft, stored.Status);
                Assert.DoesNotContain(trail, a => a.Action == "提交评分" && a.EntityKey == $"考核{cycle}/E12/自评");
            }
        }
    }
}

public sealed class SqliteResultChangeTests() : ResultChangeTests(DatabaseProvider.Sqlite);

public sealed class PostgresResultChangeTests() : ResultChangeTests(DatabaseProvider.PostgreSql);
